// Generic JSON lines: any object with a time and request-ish keys, mapped through a
// broad alias table (nginx, ECS, common app loggers) plus the user's --map.
// Reported as format `json` so users know the mapping was heuristic.
import type { FormatOptions } from '../../types.js';
import { buildRecordFromSources, compileFieldSources, hasAny, type AliasTable } from './json/field-sources.js';
import { defineJsonFormat } from './json/json-line-format.js';

/**
 * Unitless `duration`/`latency`/`response_time` are read as ms, the most common
 * unit among gateways (spec §0); `request_time` is nginx seconds and ECS
 * `event.duration` is ns. `--map durationS=…` overrides.
 */
export const GENERIC_JSON_ALIASES: AliasTable = {
  time: ['@timestamp', 'timestamp', 'time', 'ts', 'datetime', 'date', 'time_iso8601', 'time_local', 'msec', 'start_time', 'startTime', 'StartUTC', 'started_at', 'requestTime', 'TimeGenerated', 'event.created'],
  client: ['client_ip', 'clientIp', 'clientIP', 'client', 'remote_addr', 'remote_ip', 'remoteIp', 'remote_address', 'ip', 'ip_address', 'src_ip', 'source_ip', 'sourceIp', 'ClientHost', 'source.ip', 'client.ip', 'client.address'],
  method: ['method', 'request_method', 'requestMethod', 'http_method', 'httpMethod', 'verb', 'RequestMethod', 'http.request.method', 'request.method'],
  request: ['request', 'request_line', 'requestLine', 'RequestLine'],
  url: ['request_uri', 'requestUri', 'uri', 'url', 'request_url', 'requestUrl', 'RequestPath', 'url.original', 'request.uri', 'request.url'],
  path: ['path', 'request_path', 'requestPath', 'url.path', 'request.path'],
  query: ['query', 'query_string', 'queryString', 'args', 'url.query'],
  route: ['route', 'route_template', 'routeTemplate'],
  status: ['status', 'status_code', 'statusCode', 'response_code', 'responseCode', 'http_status', 'httpStatus', 'DownstreamStatus', 'http.response.status_code', 'response.status', 'response.status_code'],
  bytesSent: ['body_bytes_sent', 'bytes_sent', 'bytesSent', 'response_size', 'responseSize', 'response_bytes', 'bytes_out', 'size', 'bytes', 'http.response.body.bytes', 'http.response.bytes', 'response.size'],
  bytesReceived: ['request_length', 'bytes_received', 'bytesReceived', 'request_size', 'requestSize', 'request_bytes', 'bytes_in', 'bytes_read', 'http.request.body.bytes', 'http.request.bytes', 'request.size'],
  durationMs: ['duration_ms', 'durationMs', 'latency_ms', 'latencyMs', 'response_time_ms', 'responseTimeMs', 'elapsed_ms', 'elapsedMs', 'duration', 'latency', 'response_time', 'responseTime', 'elapsed', 'took'],
  durationS: ['request_time', 'duration_s', 'duration_sec', 'latency_s'],
  durationUs: ['duration_us', 'latency_us'],
  durationNs: ['event.duration', 'duration_ns', 'latency_ns'],
  userAgent: ['http_user_agent', 'user_agent', 'userAgent', 'useragent', 'ua', 'user_agent.original', 'request_User-Agent'],
  referer: ['http_referer', 'http_referrer', 'referer', 'referrer', 'http.request.referrer'],
  consumer: ['consumer', 'consumer_id', 'consumerId', 'api_key_id', 'apiKeyId', 'client_id', 'clientId', 'user_id', 'userId', 'username', 'user', 'remote_user', 'user.name', 'user.id'],
  host: ['host', 'http_host', 'vhost', 'server_name', 'authority', ':authority', 'RequestHost', 'url.domain'],
  requestId: ['request_id', 'requestId', 'req_id', 'x_request_id', 'x-request-id', 'correlation_id', 'correlationId', 'http.request.id'],
  upstream: ['upstream_addr', 'upstream', 'upstream_host', 'backend', 'ServiceAddr'],
};

const genericSources = compileFieldSources(GENERIC_JSON_ALIASES);

export const genericJsonFormat = defineJsonFormat({
  id: 'json',
  description: 'Any JSON lines with recognisable keys (heuristic alias table; refine with --map record_field=source.path)',
  fields: {
    timeMs: '@timestamp | timestamp | time | ts | … (ISO 8601, CLF, or epoch s/ms/µs/ns by magnitude); --map time=…',
    client: 'client_ip | remote_addr | ip | source.ip | …; --map client=…',
    method: 'method | request_method | http.request.method | …, else the request line',
    path: 'path | url.path | …, else request_uri | url | … (query split off), else the request line',
    query: 'query | query_string | args | url.query, else the part after ?',
    route: 'route | route_template',
    status: 'status | status_code | response_code | http.response.status_code | …',
    bytesSent: 'body_bytes_sent | bytes_sent | response_size | size | …',
    bytesReceived: 'request_length | bytes_received | request_size | …',
    durationMs: 'duration_ms | latency_ms | duration | latency (ms), request_time (s), event.duration (ns); "25ms"-style strings by their unit',
    userAgent: 'http_user_agent | user_agent | userAgent | …',
    referer: 'http_referer | referer | referrer | …',
    consumer: 'consumer | api_key_id | client_id | user_id | username | user | remote_user | …',
    host: 'host | http_host | authority | …, else the host of an absolute url',
    requestId: 'request_id | requestId | correlation_id | …',
    upstream: 'upstream_addr | upstream | upstream_host | backend',
  },
  scoreObject(object) {
    const hasTime = hasAny(object, genericSources, 'time');
    const hasRequest = ['method', 'request', 'url', 'path'].some((field) => hasAny(object, genericSources, field as 'method'));
    const hasStatus = hasAny(object, genericSources, 'status');
    const score = (hasTime ? 1 : 0) + (hasRequest ? 1 : 0) + (hasStatus ? 1 : 0);
    // Always below the specific formats (≥ 0.6), so it only wins when nothing else matches.
    return score === 3 ? 0.5 : score === 2 ? 0.3 : score === 1 ? 0.05 : 0;
  },
  createObjectParser(options: FormatOptions) {
    const sources = compileFieldSources(GENERIC_JSON_ALIASES, options.fieldMap);
    return (object, source) => {
      const outcome = buildRecordFromSources(object, sources, source);
      return outcome === 'no-request-fields' ? 'not-access-record' : outcome;
    };
  },
});
