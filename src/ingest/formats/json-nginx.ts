// nginx `log_format … escape=json` access logs: no standard key set, so the
// usual names from gists, ingress ConfigMaps and nginx docs are aliased.
import type { FormatOptions } from '../../types.js';
import { buildRecordFromSources, compileFieldSources, hasAny, type AliasTable } from './json/field-sources.js';
import { defineJsonFormat } from './json/json-line-format.js';
import { own } from './json/lookup.js';
import { prefixedHeaders } from './json/headers.js';

export const NGINX_JSON_ALIASES: AliasTable = {
  // msec first: epoch seconds with ms resolution beats second-resolution time_local.
  time: ['msec', 'time_iso8601', 'time_local', '@timestamp', 'time', 'timestamp'],
  client: ['remote_addr', 'client_ip', 'ip', 'remote_ip'],
  request: ['request'],
  method: ['request_method'],
  url: ['request_uri', 'uri', 'path'],
  query: ['args', 'query_string'],
  status: ['status'],
  bytesSent: ['body_bytes_sent', 'bytes_sent'],
  bytesReceived: ['request_length'],
  durationS: ['request_time', 'duration'],
  userAgent: ['http_user_agent', 'user_agent'],
  referer: ['http_referer', 'http_referrer'],
  consumer: ['remote_user'],
  host: ['host', 'http_host', 'vhost', 'server_name'],
  requestId: ['request_id', 'req_id'],
  upstream: ['upstream_addr'],
};

const nginxSources = compileFieldSources(NGINX_JSON_ALIASES);

export const nginxJsonFormat = defineJsonFormat({
  id: 'nginx-json',
  description: 'nginx access log written by a JSON log_format (time_local/time_iso8601/msec, request, status, request_time in s)',
  fields: {
    timeMs: 'msec (epoch s) | time_iso8601 | time_local (CLF) | @timestamp | time — nginx logs the END of the request',
    client: 'remote_addr | client_ip | ip | remote_ip (port stripped)',
    method: 'request_method, else the request line',
    path: 'request_uri | uri | path, else the request line target (query split off)',
    query: 'args | query_string, else the part after ? of the target',
    status: 'status (number or string; 0/- → null)',
    bytesSent: 'body_bytes_sent | bytes_sent',
    bytesReceived: 'request_length',
    durationMs: 'request_time | duration (seconds × 1000)',
    userAgent: 'http_user_agent | user_agent',
    referer: 'http_referer | http_referrer',
    consumer: 'remote_user',
    host: 'host | http_host | vhost | server_name',
    requestId: 'request_id | req_id',
    upstream: 'upstream_addr',
  },
  scoreObject(object) {
    const hasNginxTime = own(object, 'time_local') !== undefined || own(object, 'time_iso8601') !== undefined || own(object, 'msec') !== undefined;
    const hasRequest = own(object, 'request') !== undefined || own(object, 'request_uri') !== undefined;
    const hasStatus = own(object, 'status') !== undefined;
    if (!hasNginxTime || !hasRequest || !hasStatus) return 0;
    return hasAny(object, nginxSources, 'client') ? 0.9 : 0.75;
  },
  createObjectParser(_options: FormatOptions) {
    return (object, source) => {
      const outcome = buildRecordFromSources(object, nginxSources, source);
      if (outcome === 'no-request-fields') return 'not-nginx-json';
      // `$http_<header>` variables a log_format added (`http_cookie`, `http_x_forwarded_for`): attacker-controlled.
      if (typeof outcome !== 'string') {
        const others = prefixedHeaders(object, 'http_');
        if (others !== undefined) outcome.headers = others;
      }
      return outcome;
    };
  },
});
