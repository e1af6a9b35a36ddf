// Kong file-log / http-log / tcp-log serializer output (0.x to 3.x), one object
// per line or an http-log batch array on one line.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { headerText, otherHeaders } from './json/headers.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject } from './json/json-value.js';
import { firstIdentity, firstOwn, own, ownObject } from './json/lookup.js';
import { epochToMs } from './json/times.js';

/** Consumer username, else custom_id, else id; else the authenticated credential's consumer. */
function consumerOf(object: JsonObject): string | null {
  const consumer = ownObject(object, 'consumer');
  if (consumer) {
    const name = firstIdentity(consumer, ['username', 'custom_id', 'id']);
    if (name !== null) return name;
  }
  const entity = ownObject(object, 'authenticated_entity');
  return entity ? firstIdentity(entity, ['consumer_id', 'id']) : null;
}

/** The last balancer try (`ip:port`) is the upstream that answered; else the service host. */
function upstreamOf(object: JsonObject): string | null {
  const tries = own(object, 'tries');
  if (Array.isArray(tries) && tries.length > 0) {
    const last = tries[tries.length - 1];
    if (typeof last === 'object' && last !== null && !Array.isArray(last)) {
      const ip = textOrNull(own(last, 'ip'));
      const port = textOrNull(own(last, 'port'));
      if (ip !== null) return port === null ? ip : ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
    }
  }
  const service = ownObject(object, 'service');
  return service ? textOrNull(own(service, 'host')) : null;
}

function parseKongObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const request = ownObject(object, 'request');
  const latencies = ownObject(object, 'latencies');
  if (request === undefined || latencies === undefined) return 'not-kong-json';
  const started = own(object, 'started_at');
  if (started === undefined || started === null) return 'missing-timestamp';
  const timeMs = epochToMs(started, 'ms');
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const response = ownObject(object, 'response');
  const headers = own(request, 'headers');
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = methodOrNull(own(request, 'method'));
  // `uri` is path+query as received (0.x: `request_uri`); `url` is the absolute URL.
  const target = textOrNull(firstOwn(request, ['uri', 'request_uri'])) ?? textOrNull(own(request, 'url'));
  if (target !== null) {
    const split = splitTarget(target);
    record.path = split.path;
    record.query = split.query;
  }
  const clientIp = textOrNull(own(object, 'client_ip'));
  record.client = clientIp === null ? null : cleanClientAddress(clientIp);
  record.status = response ? statusOrNull(own(response, 'status')) : null;
  record.bytesSent = response ? countOrNull(own(response, 'size')) : null;
  record.bytesReceived = countOrNull(own(request, 'size'));
  record.durationMs = durationOrNull(own(latencies, 'request'), 1);
  record.userAgent = headerText(headers, 'user-agent');
  record.referer = headerText(headers, 'referer');
  record.consumer = consumerOf(object);
  record.host = headerText(headers, 'host');
  record.requestId = textOrNull(own(request, 'id')) ?? (response ? headerText(own(response, 'headers'), 'x-kong-request-id') : null);
  record.upstream = upstreamOf(object);
  const others = otherHeaders(headers);
  if (others !== undefined) record.headers = others;
  return record;
}

export const kongJsonFormat = defineJsonFormat({
  id: 'kong-json',
  description: 'Kong file-log / http-log JSON (started_at epoch ms, latencies in ms, consumer identity)',
  fields: {
    timeMs: 'started_at (epoch ms, request start)',
    client: 'client_ip',
    method: 'request.method',
    path: 'request.uri (0.x request.request_uri), query split off',
    query: 'request.uri after ?',
    status: 'response.status',
    bytesSent: 'response.size (headers + body; a string in ≤ 1.x)',
    bytesReceived: 'request.size',
    durationMs: 'latencies.request (ms)',
    userAgent: 'request.headers.user-agent',
    referer: 'request.headers.referer',
    consumer: 'consumer.username | consumer.custom_id | consumer.id | authenticated_entity.consumer_id | authenticated_entity.id',
    host: 'request.headers.host',
    requestId: 'request.id (3.x) | response.headers.x-kong-request-id',
    upstream: 'last tries[] ip:port | service.host',
  },
  scoreObject(object) {
    const latencies = ownObject(object, 'latencies');
    if (latencies === undefined || own(object, 'started_at') === undefined) return 0;
    const hasLatencyKeys = own(latencies, 'request') !== undefined || own(latencies, 'proxy') !== undefined || own(latencies, 'kong') !== undefined;
    return hasLatencyKeys && ownObject(object, 'request') ? 0.97 : 0.7;
  },
  createObjectParser(_options: FormatOptions) {
    return parseKongObject;
  },
});
