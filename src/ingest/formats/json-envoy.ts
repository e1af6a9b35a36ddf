// Envoy / Istio / Envoy Gateway access logs with `json_format` or
// `typed_json_format`: key names are the operator's, these are Istio's and
// Envoy Gateway's defaults. Untyped JSON writes numbers as strings and "-" for
// unset; typed JSON writes null.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject } from './json/json-value.js';
import { firstOwn, own } from './json/lookup.js';
import { timeValueToMs } from './json/times.js';

function parseEnvoyObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const method = methodOrNull(firstOwn(object, ['method', ':method']));
  const target = textOrNull(firstOwn(object, ['path', 'x-envoy-origin-path', 'x-envoy-original-path', ':path']));
  const statusValue = firstOwn(object, ['response_code', 'status']);
  if (method === null && target === null && statusValue === undefined) return 'not-envoy-json';
  const start = firstOwn(object, ['start_time', 'timestamp']);
  if (start === undefined) return 'missing-timestamp';
  const timeMs = timeValueToMs(start);
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = method;
  if (target !== null) {
    const split = splitTarget(target);
    record.path = split.path;
    record.query = split.query;
  }
  // The peer address is what Envoy itself saw; X-Forwarded-For only when it is all there is.
  const client = textOrNull(firstOwn(object, ['downstream_remote_address', 'downstream_direct_remote_address', 'x_forwarded_for', 'x-forwarded-for']));
  record.client = client === null ? null : cleanClientAddress(client);
  record.status = statusOrNull(statusValue);
  record.bytesSent = countOrNull(own(object, 'bytes_sent'));
  record.bytesReceived = countOrNull(own(object, 'bytes_received'));
  record.durationMs = durationOrNull(own(object, 'duration'), 1);
  record.userAgent = textOrNull(firstOwn(object, ['user_agent', 'user-agent']));
  record.referer = textOrNull(firstOwn(object, ['referer', 'referrer']));
  record.host = textOrNull(firstOwn(object, ['authority', ':authority', 'host']));
  record.requestId = textOrNull(firstOwn(object, ['request_id', 'x-request-id']));
  record.upstream = textOrNull(own(object, 'upstream_host'));
  return record;
}

export const envoyJsonFormat = defineJsonFormat({
  id: 'envoy-json',
  description: 'Envoy / Istio / Envoy Gateway JSON access log (start_time, response_code, duration in ms)',
  fields: {
    timeMs: 'start_time (ISO 8601, request start)',
    client: 'downstream_remote_address (port stripped), else x_forwarded_for left-most',
    method: 'method',
    path: 'path | x-envoy-origin-path (query split off)',
    query: 'after ? of the path',
    status: 'response_code (0 = downstream disconnected → null)',
    bytesSent: 'bytes_sent (body)',
    bytesReceived: 'bytes_received (body)',
    durationMs: 'duration (ms)',
    userAgent: 'user_agent | user-agent',
    referer: 'referer',
    host: 'authority | :authority',
    requestId: 'request_id | x-request-id',
    upstream: 'upstream_host',
  },
  scoreObject(object) {
    if (own(object, 'response_code') === undefined) return 0;
    const hasEnvoyKeys = ['response_flags', 'upstream_cluster', 'x-envoy-origin-path', ':authority', 'upstream_host', 'downstream_remote_address'].some(
      (key) => own(object, key) !== undefined,
    );
    return hasEnvoyKeys ? 0.9 : own(object, 'start_time') !== undefined ? 0.65 : 0;
  },
  createObjectParser(_options: FormatOptions) {
    return parseEnvoyObject;
  },
});
