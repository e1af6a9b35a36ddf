// Traefik v2/v3 access log with `format: json`. Duration is in NANOSECONDS
// (several tools mis-read it as ms) and `time` has only second precision, so the
// request start comes from StartUTC.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, identityText, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject } from './json/json-value.js';
import { firstOwn, own, ownObject } from './json/lookup.js';
import { timeValueToMs } from './json/times.js';
import { prefixedHeaders } from './json/headers.js';

const NS_TO_MS = 1e-6;

/** ServiceURL is a Go url.URL struct in v2 and a string in v3. */
function serviceUrlOf(object: JsonObject): string | null {
  const url = ownObject(object, 'ServiceURL');
  if (url) return textOrNull(own(url, 'Host'));
  return textOrNull(own(object, 'ServiceURL'));
}

function parseTraefikObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const method = methodOrNull(own(object, 'RequestMethod'));
  const target = textOrNull(own(object, 'RequestPath'));
  if (method === null && target === null && own(object, 'DownstreamStatus') === undefined) return 'not-traefik-json';
  const start = firstOwn(object, ['StartUTC', 'StartLocal', 'time']);
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
  // ClientHost is a comma list when forwarded headers are trusted; the left-most is the claimed client.
  const client = textOrNull(firstOwn(object, ['ClientHost', 'ClientAddr']));
  record.client = client === null ? null : cleanClientAddress(client);
  record.status = statusOrNull(own(object, 'DownstreamStatus')) ?? statusOrNull(own(object, 'OriginStatus'));
  record.bytesSent = countOrNull(own(object, 'DownstreamContentSize'));
  record.bytesReceived = countOrNull(own(object, 'RequestContentSize'));
  record.durationMs = durationOrNull(own(object, 'Duration'), NS_TO_MS);
  record.userAgent = textOrNull(own(object, 'request_User-Agent'));
  record.referer = textOrNull(own(object, 'request_Referer'));
  record.consumer = identityText(own(object, 'ClientUsername'));
  record.host = textOrNull(firstOwn(object, ['RequestHost', 'RequestAddr']));
  record.requestId = textOrNull(firstOwn(object, ['request_X-Request-Id', 'request_X-Request-ID']));
  record.upstream = textOrNull(own(object, 'ServiceAddr')) ?? serviceUrlOf(object);
  const others = prefixedHeaders(object, 'request_');
  if (others !== undefined) record.headers = others;
  return record;
}

export const traefikJsonFormat = defineJsonFormat({
  id: 'traefik-json',
  description: 'Traefik v2/v3 JSON access log (StartUTC, Duration in nanoseconds)',
  fields: {
    timeMs: 'StartUTC (RFC 3339 ns, request start) | StartLocal | time (s precision)',
    client: 'ClientHost (left-most of a forwarded list) | ClientAddr',
    method: 'RequestMethod',
    path: 'RequestPath (path+query, query split off)',
    query: 'RequestPath after ?',
    status: 'DownstreamStatus | OriginStatus (0 → null)',
    bytesSent: 'DownstreamContentSize',
    bytesReceived: 'RequestContentSize',
    durationMs: 'Duration (nanoseconds ÷ 1e6)',
    userAgent: 'request_User-Agent (only when the header is kept)',
    referer: 'request_Referer (only when kept)',
    consumer: 'ClientUsername (basic-auth user; placeholders such as - → null)',
    host: 'RequestHost | RequestAddr',
    requestId: 'request_X-Request-Id (only when kept)',
    upstream: 'ServiceAddr | ServiceURL',
  },
  scoreObject(object) {
    if (own(object, 'RequestMethod') !== undefined && own(object, 'DownstreamStatus') !== undefined) return 0.95;
    if (own(object, 'ClientHost') !== undefined && own(object, 'RouterName') !== undefined) return 0.85;
    return 0;
  },
  createObjectParser(_options: FormatOptions) {
    return parseTraefikObject;
  },
});
