// Caddy v2 access log (`log` directive, JSON encoder). `ts` is when the entry
// was written, i.e. the END of the request; the start is ts − duration.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, identityText, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { parseDurationString } from './json/durations.js';
import { headerText, otherHeaders } from './json/headers.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject, JsonValue } from './json/json-value.js';
import { firstOwn, own, ownObject } from './json/lookup.js';
import { timeValueToMs } from './json/times.js';

/** `duration` is seconds by default; `duration_format: string` gives Go durations (`"1.5ms"`). */
function durationMsOf(value: JsonValue | undefined): number | null {
  if (typeof value === 'string') {
    const parsed = parseDurationString(value);
    if (!Number.isNaN(parsed)) return parsed;
  }
  return durationOrNull(value, 1000);
}

function isAccessLogger(object: JsonObject): boolean {
  const logger = own(object, 'logger');
  return typeof logger === 'string' && logger.startsWith('http.log.access');
}

function parseCaddyObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const request = ownObject(object, 'request');
  // Other loggers (reverse_proxy debug, TLS, admin) share the stream.
  if (request === undefined || !isAccessLogger(object)) return 'not-caddy-json';
  const ts = own(object, 'ts');
  if (ts === undefined || ts === null) return 'missing-timestamp';
  // `ts` is epoch seconds (float) by default, ISO 8601 with time_format iso8601/rfc3339.
  const endMs = typeof ts === 'number' ? ts * 1000 : timeValueToMs(ts);
  if (!Number.isFinite(endMs) || endMs < 0) return 'bad-timestamp';
  const durationMs = durationMsOf(own(object, 'duration'));
  const record = newRecord(source);
  record.timeMs = Math.floor(endMs - (durationMs ?? 0));
  record.method = methodOrNull(own(request, 'method'));
  const uri = textOrNull(own(request, 'uri'));
  if (uri !== null) {
    const split = splitTarget(uri);
    record.path = split.path;
    record.query = split.query;
  }
  // client_ip (v2.7+) is the client resolved behind trusted proxies; remote_ip is the peer.
  const client = textOrNull(firstOwn(request, ['client_ip', 'remote_ip', 'remote_addr']));
  record.client = client === null ? null : cleanClientAddress(client);
  record.status = statusOrNull(own(object, 'status'));
  record.bytesSent = countOrNull(own(object, 'size'));
  record.bytesReceived = countOrNull(own(object, 'bytes_read'));
  record.durationMs = durationMs;
  const headers = own(request, 'headers');
  record.userAgent = headerText(headers, 'user-agent');
  record.referer = headerText(headers, 'referer');
  record.consumer = identityText(own(object, 'user_id'));
  record.host = textOrNull(own(request, 'host'));
  record.requestId = headerText(headers, 'x-request-id');
  const others = otherHeaders(headers);
  if (others !== undefined) record.headers = others;
  return record;
}

export const caddyJsonFormat = defineJsonFormat({
  id: 'caddy-json',
  description: 'Caddy v2 JSON access log (logger http.log.access; ts and duration in seconds)',
  fields: {
    timeMs: 'ts − duration (ts is epoch seconds at the END of the request)',
    client: 'request.client_ip | request.remote_ip',
    method: 'request.method',
    path: 'request.uri (query split off)',
    query: 'request.uri after ?',
    status: 'status (0 → null)',
    bytesSent: 'size (response body)',
    bytesReceived: 'bytes_read (request body)',
    durationMs: 'duration (seconds × 1000; Go duration strings by their unit)',
    userAgent: 'request.headers.User-Agent[0]',
    referer: 'request.headers.Referer[0]',
    consumer: 'user_id (placeholders such as "" or - → null)',
    host: 'request.host',
    requestId: 'request.headers.X-Request-Id[0]',
  },
  scoreObject(object) {
    if (!isAccessLogger(object)) return own(object, 'logger') !== undefined && ownObject(object, 'request') ? 0.6 : 0;
    return own(object, 'msg') === 'handled request' ? 0.97 : 0.85;
  },
  createObjectParser(_options: FormatOptions) {
    return parseCaddyObject;
  },
});
