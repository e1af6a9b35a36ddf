// GCP external HTTP(S) Load Balancer request logs: Cloud Logging LogEntry JSON
// with an `httpRequest` object (camelCase from the API / GCS sinks, snake_case
// from BigQuery exports and some client libraries).
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { parseDurationString } from './json/durations.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject, JsonValue } from './json/json-value.js';
import { firstOwn, own, ownObject } from './json/lookup.js';
import { timeValueToMs } from './json/times.js';

function httpRequestOf(object: JsonObject): JsonObject | undefined {
  return ownObject(object, 'httpRequest') ?? ownObject(object, 'http_request');
}

/** `"0.025376s"` (proto3 JSON Duration); also `{seconds, nanos}` as some exports write it. */
function latencyMs(value: JsonValue | undefined): number | null {
  if (typeof value === 'string') {
    const ms = parseDurationString(value);
    return Number.isNaN(ms) ? null : ms;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const seconds = Number(own(value, 'seconds') ?? 0);
    const nanos = Number(own(value, 'nanos') ?? 0);
    const ms = seconds * 1000 + nanos / 1e6;
    return Number.isFinite(ms) && ms >= 0 ? ms : null;
  }
  return null;
}

function isLoadBalancerEntry(object: JsonObject): boolean {
  const resource = ownObject(object, 'resource');
  const type = resource ? own(resource, 'type') : undefined;
  if (typeof type === 'string' && (type === 'http_load_balancer' || type.includes('_lb'))) return true;
  const logName = own(object, 'logName') ?? own(object, 'log_name');
  return typeof logName === 'string' && logName.endsWith('/logs/requests');
}

function parseGcpObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const http = httpRequestOf(object);
  if (http === undefined) return 'not-gcp-http-lb';
  const time = own(object, 'timestamp');
  if (time === undefined || time === null) return 'missing-timestamp';
  const timeMs = timeValueToMs(time);
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = methodOrNull(firstOwn(http, ['requestMethod', 'request_method']));
  const url = textOrNull(firstOwn(http, ['requestUrl', 'request_url']));
  if (url !== null) {
    const split = splitTarget(url);
    record.path = split.path;
    record.query = split.query;
    record.host = split.host;
  }
  const remoteIp = textOrNull(firstOwn(http, ['remoteIp', 'remote_ip']));
  record.client = remoteIp === null ? null : cleanClientAddress(remoteIp);
  record.status = statusOrNull(own(http, 'status'));
  record.bytesSent = countOrNull(firstOwn(http, ['responseSize', 'response_size']));
  record.bytesReceived = countOrNull(firstOwn(http, ['requestSize', 'request_size']));
  record.durationMs = latencyMs(own(http, 'latency'));
  record.userAgent = textOrNull(firstOwn(http, ['userAgent', 'user_agent']));
  record.referer = textOrNull(own(http, 'referer'));
  const serverIp = textOrNull(firstOwn(http, ['serverIp', 'server_ip']));
  const labels = ownObject(ownObject(object, 'resource') ?? {}, 'labels');
  record.upstream = serverIp ?? (labels ? textOrNull(firstOwn(labels, ['backend_service_name', 'backend_target_name'])) : null);
  return record;
}

export const gcpHttpLbFormat = defineJsonFormat({
  id: 'gcp-http-lb',
  description: 'GCP HTTP(S) Load Balancer request log (Cloud Logging LogEntry with httpRequest; camelCase or snake_case)',
  fields: {
    timeMs: 'timestamp (RFC 3339, ns truncated to ms), taken as is',
    client: 'httpRequest.remoteIp (port stripped)',
    method: 'httpRequest.requestMethod',
    path: 'httpRequest.requestUrl (absolute URL reduced to its path)',
    query: 'httpRequest.requestUrl after ?',
    status: 'httpRequest.status (0 → null)',
    bytesSent: 'httpRequest.responseSize (int64 string)',
    bytesReceived: 'httpRequest.requestSize (int64 string)',
    durationMs: 'httpRequest.latency (Duration string "0.025s" → 25)',
    userAgent: 'httpRequest.userAgent',
    referer: 'httpRequest.referer',
    host: 'host of httpRequest.requestUrl',
    upstream: 'httpRequest.serverIp | resource.labels.backend_service_name',
  },
  scoreObject(object) {
    const http = httpRequestOf(object);
    if (http === undefined) return 0;
    return isLoadBalancerEntry(object) ? 0.95 : 0.6;
  },
  createObjectParser(_options: FormatOptions) {
    return parseGcpObject;
  },
});
