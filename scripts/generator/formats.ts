// Writers that turn a generated request into one log line, imitating each gateway's
// real output byte for byte (field order, quoting, escaping, units, missing markers).
// Examples of the real lines: ../shared/data/formats/*.log; spec: ../shared/docs/log-formats.md.
import type { Consumer, GeneratedRequest } from './request.js';
import { Rng, hashString } from './random.js';

export interface LogWriterFormat {
  /** Name used on the generator's command line (`--formats`). */
  name: string;
  /** Output file extension (before the optional `.learn`). */
  extension: string;
  /** The anomalog format this imitates (see ../shared/docs/log-formats.md). */
  describes: string;
  /** Whether the format records an API consumer (key id, consumer, user). */
  hasConsumer: boolean;
  /** Whether the query string reaches the log. */
  logsQuery: boolean;
  /** How a consumer appears in this format (what a parser will report as `consumer`). */
  consumerIds(consumer: Consumer): string[];
  render(request: GeneratedRequest): string;
}

export const API_HOST = 'api.example.com';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `10/Oct/2000:13:55:36 +0000` (nginx $time_local, Apache %t, API Gateway requestTime), in UTC. */
export function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

/** `Jan 29 08:27:09` (logrus timestamp as Tyk configures it: no year). */
function tykTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** ISO 8601 with microseconds, as ALB writes `time`. */
function isoMicros(ms: number, micros: number): string {
  return `${new Date(Math.floor(ms)).toISOString().slice(0, 23)}${String(micros % 1000).padStart(3, '0')}Z`;
}

function utf8Bytes(text: string): number[] {
  return Array.from(Buffer.from(text, 'utf8'));
}

/** nginx default escaping: `"`, `\`, bytes < 32 and > 126 as `\xXX` (upper-case hex). */
export function escapeNginx(text: string): string {
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return text;
  let out = '';
  for (const byte of utf8Bytes(text)) {
    out += byte === 0x22 || byte === 0x5c || byte < 0x20 || byte > 0x7e ? `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

/** Apache escaping: `\"` and `\\`, C escapes for whitespace, other bytes as `\xhh` (lower-case hex). */
export function escapeApache(text: string): string {
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return text;
  const named: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x0b: '\\v', 0x08: '\\b', 0x0c: '\\f' };
  let out = '';
  for (const byte of utf8Bytes(text)) {
    const name = named[byte];
    if (name) out += name;
    else out += byte < 0x20 || byte > 0x7e ? `\\x${byte.toString(16).padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

/** logrus TextFormatter: bare when only `[A-Za-z0-9-._/@^+]`, else Go `%q` quoting. */
export function logfmtValue(text: string): string {
  if (/^[A-Za-z0-9\-._/@^+]*$/.test(text)) return text;
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function target(request: GeneratedRequest): string {
  return request.query === null ? request.path : `${request.path}?${request.query}`;
}

/** Stable per-request numbers (ports, upstream addresses) derived from the request id, so writers draw no randomness. */
function idNumber(request: GeneratedRequest, offset: number, modulo: number): number {
  return parseInt(request.requestId.slice(offset, offset + 6), 16) % modulo;
}

function upstreamIp(request: GeneratedRequest): string {
  return `10.1.${idNumber(request, 6, 4)}.${10 + idNumber(request, 12, 6)}`;
}

const seconds3 = (ms: number): string => (ms / 1000).toFixed(3);

/** nginx `combined` plus `$request_time`: `log_format main '… "$http_user_agent" $request_time';`. */
const nginxCombined: LogWriterFormat = {
  name: 'nginx', extension: 'log', describes: 'nginx combined + $request_time', hasConsumer: false, logsQuery: true, consumerIds: () => [],
  render: (r) =>
    `${r.client} - - [${clfTime(r.timeMs + r.durationMs)}] "${escapeNginx(`${r.method} ${target(r)} HTTP/1.1`)}" ${r.status} ${r.bytesSent} "${r.referer === null ? '-' : escapeNginx(r.referer)}" "${escapeNginx(r.userAgent)}" ${seconds3(r.durationMs)}`,
};

/** Apache `combined` plus `%D` (microseconds); `%b` logs `-` for an empty body. */
const apacheCombined: LogWriterFormat = {
  name: 'apache', extension: 'log', describes: 'Apache combined + %D', hasConsumer: false, logsQuery: true, consumerIds: () => [],
  render: (r) =>
    `${r.client} - - [${clfTime(r.timeMs)}] "${escapeApache(`${r.method} ${target(r)} HTTP/1.1`)}" ${r.status} ${r.bytesSent === 0 ? '-' : r.bytesSent} "${r.referer === null ? '-' : escapeApache(r.referer)}" "${escapeApache(r.userAgent)}" ${Math.round(r.durationMs * 1000)}`,
};

/**
 * nginx JSON `log_format main_json escape=json '{"time_local":"$time_local",…}'`: every value a
 * string, missing variables empty. The consumer is the basic-auth `$remote_user`.
 */
const nginxJson: LogWriterFormat = {
  name: 'json', extension: 'log', describes: 'nginx JSON log_format (escape=json)', hasConsumer: true, logsQuery: true, consumerIds: (c) => [c.username],
  render: (r) =>
    JSON.stringify({
      time_local: clfTime(r.timeMs + r.durationMs),
      remote_addr: r.client,
      remote_user: r.consumer?.username ?? '',
      request: `${r.method} ${target(r)} HTTP/1.1`,
      status: String(r.status),
      body_bytes_sent: String(r.bytesSent),
      request_time: seconds3(r.durationMs),
      http_referrer: r.referer ?? '',
      http_user_agent: r.userAgent,
      request_id: r.requestId,
    }),
};

function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * API Gateway REST access log, the console's JSON template plus `$context.path`,
 * `$context.responseLatency`, `$context.identity.userAgent` and `$context.identity.apiKeyId`.
 * Missing values are `-`, numbers are strings, `resourcePath` is the route template.
 */
const apiGateway: LogWriterFormat = {
  name: 'apigw', extension: 'log', describes: 'AWS API Gateway REST JSON access log', hasConsumer: true, logsQuery: false, consumerIds: (c) => [c.keyId],
  render: (r) =>
    JSON.stringify({
      requestId: uuidFromHex(r.requestId),
      ip: r.client,
      caller: '-',
      user: '-',
      requestTime: clfTime(r.timeMs),
      httpMethod: r.method,
      resourcePath: apiGatewayResource(r),
      path: r.pathWithoutQueryVariant?.path ?? r.path,
      status: String(r.status),
      protocol: 'HTTP/1.1',
      responseLength: String(r.bytesSent),
      responseLatency: String(Math.max(1, Math.round(r.durationMs))),
      userAgent: r.userAgent,
      apiKeyId: r.consumer?.keyId ?? '-',
    }),
};

type QueryValue = string | true | Array<string | true>;

/** Kong's `request.querystring`: decoded values, `true` for a bare key, arrays for repeats. */
export function kongQuerystring(query: string | null): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  if (query === null || query === '') return out;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value: string | true = eq < 0 ? true : decode(part.slice(eq + 1));
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** Kong routes match on path prefixes (`/api/v1/users`), not on templates. */
function kongRoutePath(route: string | null, group: string | null): string {
  if (route === null || group === 'web') return '/';
  const fixed = route.split('/').filter((segment) => segment !== '' && !segment.includes('{') && !segment.includes('.'));
  return `/${fixed.slice(0, 3).join('/')}`;
}

/** API Gateway serves the web assets through one greedy proxy resource. */
function apiGatewayResource(request: GeneratedRequest): string {
  if (request.pathWithoutQueryVariant) return request.pathWithoutQueryVariant.route;
  if (request.route === null) return '-';
  return request.routeGroup === 'web' && request.route !== '/' ? '/{proxy+}' : request.route;
}

const KONG_WORKSPACE = '0dc6f45b-8f8d-40d2-a504-473544ee190b';
const KONG_CREATED = 1767225600;

function stableUuid(name: string): string {
  return new Rng(hashString(name), 'kong-ids').uuid();
}

/** Kong 3.x file-log JSON (one object per line), with `consumer` when the request was authenticated. */
const kongJson: LogWriterFormat = {
  name: 'kong', extension: 'log', describes: 'Kong 3.x file-log JSON', hasConsumer: true, logsQuery: true, consumerIds: (c) => [c.username, c.uuid],
  render: (r) => {
    const uri = target(r);
    const proxy = Math.max(0, Math.round(r.durationMs) - 1);
    const kong = Math.round(r.durationMs) - proxy;
    const routed = r.routeGroup !== null;
    const serviceId = stableUuid(`service:${r.routeGroup ?? ''}`);
    const prefix = kongRoutePath(r.route, r.routeGroup);
    const record: Record<string, unknown> = {};
    if (routed) record.tries = [{ port: 8080, balancer_start: r.timeMs, ip: upstreamIp(r), balancer_latency: 0 }];
    if (routed) {
      record.route = {
        created_at: KONG_CREATED, path_handling: 'v0', ws_id: KONG_WORKSPACE, preserve_host: false, strip_path: false,
        paths: [prefix], protocols: ['http', 'https'], name: `${r.routeGroup}-route`, updated_at: KONG_CREATED,
        regex_priority: 0, id: stableUuid(`route:${r.routeGroup}`), https_redirect_status_code: 426,
        request_buffering: true, response_buffering: true, service: { id: serviceId },
      };
    }
    record.latencies = { proxy: routed ? proxy : -1, kong: routed ? kong : Math.round(r.durationMs), receive: 0, request: Math.round(r.durationMs) };
    record.client_ip = r.client;
    record.started_at = Math.floor(r.timeMs);
    record.workspace_name = 'default';
    const headers: Record<string, string> = { host: API_HOST, 'user-agent': r.userAgent, accept: 'application/json', 'x-forwarded-proto': 'https' };
    if (r.referer !== null) headers.referer = r.referer;
    if (r.consumer) headers.apikey = 'REDACTED';
    record.request = {
      headers, id: r.requestId, tls: { client_verify: 'NONE', cipher: 'TLS_AES_128_GCM_SHA256', version: 'TLSv1.3' },
      uri, size: r.bytesReceived, querystring: kongQuerystring(r.query), method: r.method, url: `https://${API_HOST}:443${uri}`,
    };
    record.workspace = KONG_WORKSPACE;
    record.source = routed ? 'upstream' : 'kong';
    if (routed) {
      record.upstream_uri = uri;
      record.service = {
        port: 8080, created_at: KONG_CREATED, updated_at: KONG_CREATED, enabled: true, connect_timeout: 60000, ws_id: KONG_WORKSPACE,
        host: `${r.routeGroup}.shop.svc`, protocol: 'http', name: r.routeGroup, retries: 5, id: serviceId, read_timeout: 60000,
        path: '/', write_timeout: 60000,
      };
      record.upstream_status = String(r.status);
    }
    record.response = {
      headers: {
        'content-type': 'application/json; charset=utf-8', 'content-length': String(r.bytesSent), connection: 'keep-alive',
        ...(routed ? { 'x-kong-upstream-latency': String(proxy), 'x-kong-proxy-latency': String(kong) } : {}),
        via: '1.1 kong/3.9.1', 'x-kong-request-id': r.requestId, server: 'kong/3.9.1',
      },
      status: r.status,
      size: r.bytesSent + 240,
    };
    if (r.consumer) {
      record.consumer = { id: r.consumer.uuid, username: r.consumer.username, created_at: KONG_CREATED, updated_at: KONG_CREATED };
      record.authenticated_entity = { id: stableUuid(`credential:${r.consumer.keyId}`), consumer_id: r.consumer.uuid };
    }
    return JSON.stringify(record);
  },
};

const TYK_API_ID = 'b1a41c9a89984ffd7bb7d4e3c6844ded';
const TYK_ORG_ID = '678e6771247d80fd2c435bf3';

/** Tyk 5.x gateway access log (logrus text, keys in alphabetical order, time without year). */
const tykAccess: LogWriterFormat = {
  name: 'tyk', extension: 'log', describes: 'Tyk 5.x access log (logfmt)', hasConsumer: true, logsQuery: false, consumerIds: (c) => [c.keyHash],
  render: (r) => {
    const path = r.pathWithoutQueryVariant?.path ?? r.path;
    const total = Math.max(1, Math.round(r.durationMs));
    const port = 32768 + idNumber(r, 0, 28000);
    const remote = r.client.includes(':') ? `[${r.client}]:${port}` : `${r.client}:${port}`;
    const fields: Array<[string, string]> = [
      ['api_id', TYK_API_ID],
      ['api_key', r.consumer?.keyHash ?? ''],
      ['api_name', 'shop-api'],
      ['client_ip', r.client],
      ['host', API_HOST],
      ['latency_total', String(total)],
      ['method', r.method],
      ['org_id', TYK_ORG_ID],
      ['path', path],
      ['prefix', 'access-log'],
      ['protocol', 'HTTP/1.1'],
      ['remote_addr', remote],
      ['status', String(r.status)],
      ['upstream_addr', `http://${r.routeGroup ?? 'default'}.shop.svc:8080${path}`],
      ['upstream_latency', String(Math.max(0, total - 1))],
      ['user_agent', r.userAgent],
    ];
    return `time="${tykTime(r.timeMs + r.durationMs)}" level=info ${fields.map(([k, v]) => `${k}=${logfmtValue(v)}`).join(' ')}`;
  },
};

/** AWS ALB access log, the 2024+ field set (30 fields, ending with the TID). */
const alb: LogWriterFormat = {
  name: 'alb', extension: 'log', describes: 'AWS Application Load Balancer access log', hasConsumer: false, logsQuery: true, consumerIds: () => [],
  render: (r) => {
    const port = 1024 + idNumber(r, 0, 64000);
    const ip = upstreamIp(r);
    const endMs = r.timeMs + r.durationMs;
    const micros = idNumber(r, 18, 1000);
    const status = String(r.status);
    const traceTime = Math.floor(r.timeMs / 1000).toString(16);
    return [
      'https', isoMicros(endMs, micros), 'app/shop-prod-alb/50dc6c495c0c9188', `${r.client}:${port}`, `${ip}:8080`,
      '0.000', seconds3(r.durationMs), '0.000', status, status, String(r.bytesReceived), String(r.bytesSent + 250),
      `"${r.method} https://${API_HOST}:443${target(r)} HTTP/1.1"`, `"${r.userAgent.replace(/"/g, '\\"')}"`,
      'ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.2',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop-api/73e2d6bc24d8a067',
      `"Root=1-${traceTime}-${r.requestId.slice(0, 24)}"`, `"${API_HOST}"`,
      '"arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012"', '0',
      `${new Date(Math.floor(r.timeMs)).toISOString().slice(0, 23)}000Z`, '"forward"', '"-"', '"-"', `"${ip}:8080"`, `"${status}"`,
      '"-"', '"-"', `TID_${r.requestId}`,
    ].join(' ');
  },
};

export const WRITER_FORMATS: readonly LogWriterFormat[] = [nginxCombined, apacheCombined, nginxJson, apiGateway, kongJson, tykAccess, alb];

export function findWriterFormat(name: string): LogWriterFormat | undefined {
  return WRITER_FORMATS.find((format) => format.name === name);
}
