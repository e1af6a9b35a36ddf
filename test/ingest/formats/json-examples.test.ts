// Every line of each JSON example file in ../shared/data/formats/ through its
// parser, one line per format checked field by field against the line itself,
// and detection preferring the specific format over generic JSON.
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogFormat, LogRecord, ParseOutcome } from '../../../src/types.js';
import { jsonFormats } from '../../../src/ingest/formats/json-formats.js';

const FORMATS_DIR = '../shared/data/formats';

function formatById(id: string): LogFormat {
  const format = jsonFormats.find((candidate) => candidate.id === id);
  assert.ok(format, `format ${id} is registered`);
  return format;
}

function exampleLines(file: string): string[] {
  const lines = readFileSync(`${FORMATS_DIR}/${file}`, 'utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

function parseFile(formatId: string, file: string): ParseOutcome[] {
  const parser = formatById(formatId).createParser({});
  return exampleLines(file).map((line, index) => parser.parse(line, { file, line: index + 1 }));
}

/** line number → skip reason, for the lines that must not become records. */
function skipsOf(outcomes: ParseOutcome[]): Record<number, string> {
  const skips: Record<number, string> = {};
  outcomes.forEach((outcome, index) => {
    if (typeof outcome === 'string') skips[index + 1] = outcome;
  });
  return skips;
}

/** The record without the logged request headers, which a test checks on their own (a long list). */
function withoutHeaders(record: LogRecord): LogRecord {
  const { headers: _headers, ...rest } = record;
  return rest;
}

function recordAt(outcomes: ParseOutcome[], line: number): LogRecord {
  const outcome = outcomes[line - 1];
  assert.equal(typeof outcome, 'object', `line ${line} is a record, got ${String(outcome)}`);
  return outcome as LogRecord;
}

const EXAMPLES: { id: string; file: string; skips: Record<number, string> }[] = [
  // Line 4 is a broken template (`"request_time":0.000"`).
  { id: 'nginx-json', file: 'nginx-json.log', skips: { 4: 'bad-json' } },
  { id: 'apigateway-json', file: 'aws-apigateway.log', skips: {} },
  { id: 'gcp-http-lb', file: 'gcp-http-lb.log', skips: {} },
  { id: 'azure-appgw', file: 'azure-appgw.log', skips: {} },
  // Line 3 is Kong's own nginx access line interleaved on stdout.
  { id: 'kong-json', file: 'kong-json.log', skips: { 3: 'not-json' } },
  // Line 1 is the docs' custom-format example: protocol, duration and a header only.
  { id: 'envoy-json', file: 'envoy-json.log', skips: { 1: 'not-envoy-json' } },
  // Line 4 is plugin debug output interleaved in the real stream.
  { id: 'traefik-json', file: 'traefik-json.log', skips: { 4: 'not-json' } },
  { id: 'caddy-json', file: 'caddy-json.log', skips: {} },
  // Lines 1-3 are the gateway's logfmt access log and a pump status line (text formats).
  { id: 'tyk-json', file: 'tyk.log', skips: { 1: 'not-json', 2: 'not-json', 3: 'not-json' } },
];

describe('JSON example files', () => {
  for (const { id, file, skips } of EXAMPLES) {
    it(`${file}: every line is a ${id} record or an expected skip`, () => {
      const outcomes = parseFile(id, file);
      assert.deepEqual(skipsOf(outcomes), skips);
      for (const outcome of outcomes) {
        if (typeof outcome === 'string') continue;
        assert.ok(Number.isFinite(outcome.timeMs), `${file}:${outcome.source.line} has a time`);
      }
    });

    it(`${file}: ${id} is the best-scoring JSON format on each record line`, () => {
      const lines = exampleLines(file);
      lines.forEach((line, index) => {
        if (skips[index + 1] !== undefined) return;
        const scores = jsonFormats.map((format) => ({ id: format.id, score: format.detect(line) }));
        const best = scores.reduce((a, b) => (b.score > a.score ? b : a));
        assert.equal(best.id, id, `${file}:${index + 1} ${JSON.stringify(scores.filter((s) => s.score > 0))}`);
        const generic = scores.find((s) => s.id === 'json')!.score;
        assert.ok(generic < best.score, 'generic JSON scores below the specific format');
      });
    });
  }

  it('nginx-json line 3, field by field', () => {
    assert.deepEqual(recordAt(parseFile('nginx-json', 'nginx-json.log'), 3), {
      timeMs: Date.UTC(2022, 10, 4, 9, 42, 14), // time_local 04/Nov/2022:09:42:14 +0000
      client: '192.168.1.1',
      method: 'GET',
      path: '/files/tracks.json',
      query: null,
      route: null,
      status: 200, // "200" as a string in the log
      bytesSent: 845406,
      bytesReceived: null,
      durationMs: 1, // request_time "0.001" s
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:106.0) Gecko/20100101 Firefox/106.0',
      referer: 'https://karakara.uk/browser2/', // the misspelt http_referrer key
      consumer: null, // remote_user ""
      host: null,
      requestId: '89b57bb39320389a08eb6bebd7c6ff9a',
      upstream: null,
      source: { file: 'nginx-json.log', line: 3 },
    });
  });

  it('nginx-json line 1 keeps the raw query and a string status', () => {
    const record = recordAt(parseFile('nginx-json', 'nginx-json.log'), 1);
    assert.equal(record.path, '/viwwwsogou');
    assert.equal(record.query, 'op=8&query=%E7%A8%8F%E5%BB%BA%09%E9%BE%90%E1%B7%A2');
    assert.equal(record.status, 400);
    assert.equal(record.durationMs, 0);
  });

  it('apigateway-json line 3 (REST, resourcePath), field by field', () => {
    assert.deepEqual(recordAt(parseFile('apigateway-json', 'aws-apigateway.log'), 3), {
      timeMs: Date.UTC(2023, 6, 26, 12, 7, 3),
      client: '1.128.0.0',
      method: 'GET',
      path: '/pets/{petId}', // no $context.path in the template: the route is the best path there is
      query: null,
      route: '/pets/{petId}',
      status: 200,
      bytesSent: 48,
      bytesReceived: null,
      durationMs: null,
      userAgent: null,
      referer: null,
      consumer: null, // caller and user are "-"
      host: 'asad15n3p0.execute-api.us-east-1.amazonaws.com',
      requestId: 'c12d1542-b79e-4e79-a158-fdf36452a81b',
      upstream: null,
      source: { file: 'aws-apigateway.log', line: 3 },
    });
  });

  it('apigateway-json HTTP API routeKey "GET /" gives route "/"', () => {
    const outcomes = parseFile('apigateway-json', 'aws-apigateway.log');
    assert.equal(recordAt(outcomes, 4).route, '/');
    assert.equal(recordAt(outcomes, 5).route, '/');
    assert.equal(recordAt(outcomes, 5).bytesSent, 51243);
  });

  it('gcp-http-lb line 2, field by field', () => {
    assert.deepEqual(recordAt(parseFile('gcp-http-lb', 'gcp-http-lb.log'), 2), {
      timeMs: Date.UTC(2020, 5, 8, 23, 41, 30, 78), // .078651Z truncated to ms
      client: '89.160.20.156', // remoteIp "89.160.20.156:9989"
      method: 'GET',
      path: '/static/us/three-cats.jpg', // from the absolute requestUrl
      query: null,
      route: null,
      status: 304,
      bytesSent: 157, // responseSize "157"
      bytesReceived: 577,
      durationMs: null, // no latency in this entry
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/83.0.4103.61 Safari/537.36',
      referer: 'https://developer.mozilla.org/en-US/docs/Web/JavaScript',
      consumer: null,
      host: '81.2.69.193:8080',
      requestId: null,
      upstream: '10.5.3.1:9090', // serverIp
      source: { file: 'gcp-http-lb.log', line: 2 },
    });
  });

  it('azure-appgw line 1 (v1), field by field', () => {
    assert.deepEqual(recordAt(parseFile('azure-appgw', 'azure-appgw.log'), 1), {
      timeMs: Date.UTC(2017, 3, 26, 19, 27, 38),
      client: '67.43.156.7',
      method: 'GET',
      path: '/phpmyadmin/scripts/setup.php',
      query: null, // requestQuery holds gateway diagnostics, not the client query
      route: null,
      status: 404,
      bytesSent: 553,
      bytesReceived: 65,
      durationMs: 205, // v1 timeTaken is ms
      userAgent: null, // "-"
      referer: null,
      consumer: null,
      host: 'www.contoso.com',
      requestId: null,
      upstream: null,
      source: { file: 'azure-appgw.log', line: 1 },
    });
  });

  it('azure-appgw line 2 is a v2 row: timeTaken in seconds, serverRouted as upstream', () => {
    const record = recordAt(parseFile('azure-appgw', 'azure-appgw.log'), 2);
    assert.equal(record.durationMs, 205_000);
    assert.equal(record.upstream, '104.41.114.59:80');
    assert.equal(record.timeMs, Date.UTC(2017, 3, 26, 19, 27, 38)); // from `time`, not `timestamp`
  });

  it('kong-json line 2 (3.9.1), field by field', () => {
    const record = recordAt(parseFile('kong-json', 'kong-json.log'), 2);
    // request.headers: the ones without a field of their own are kept for inspection
    assert.ok(record.headers?.some((h) => h.name === 'sec-fetch-site' && h.value === 'none'));
    assert.ok(record.headers?.some((h) => h.name === 'accept-encoding' && h.value === 'gzip, deflate, br, zstd'));
    assert.deepEqual(withoutHeaders(record), {
      timeMs: 1775462399040, // started_at, epoch ms
      client: '192.168.10.1',
      method: 'GET',
      path: '/',
      query: null,
      route: null,
      status: 200,
      bytesSent: 319,
      bytesReceived: 470,
      durationMs: 1, // latencies.request
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/146.0.0.0 Safari/537.36',
      referer: null,
      consumer: null,
      host: 'echo.cuiliangblog.cn',
      requestId: '4eb85d5862f40b087e603e77a58fa929', // request.id
      upstream: '10.244.13.118:1027', // the balancer try
      source: { file: 'kong-json.log', line: 2 },
    });
  });

  it('kong-json line 1 (1.2.1) unescapes \\/ and reads sizes given as strings', () => {
    const record = recordAt(parseFile('kong-json', 'kong-json.log'), 1);
    assert.equal(record.path, '/hello.HelloService/SayHello');
    assert.equal(record.bytesSent, 298);
    assert.equal(record.bytesReceived, 46);
    assert.equal(record.method, 'POST');
    assert.equal(record.durationMs, 8);
  });

  it('envoy-json line 2 (Istio), field by field', () => {
    assert.deepEqual(recordAt(parseFile('envoy-json', 'envoy-json.log'), 2), {
      timeMs: Date.UTC(2021, 7, 29, 10, 19, 39, 660),
      client: '10.1.0.223', // downstream_remote_address without its port
      method: 'GET',
      path: '/reviews/0',
      query: null,
      route: null,
      status: 200,
      bytesSent: 295,
      bytesReceived: 0,
      durationMs: 8,
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.131 Safari/537.36',
      referer: null,
      consumer: null,
      host: 'reviews:9080',
      requestId: '6f867212-d7cf-4c68-9468-6fbc5f927335',
      upstream: '10.1.0.227:9080',
      source: { file: 'envoy-json.log', line: 2 },
    });
  });

  it('envoy-json line 4 (Envoy Gateway keys: x-envoy-origin-path, :authority, user-agent)', () => {
    const record = recordAt(parseFile('envoy-json', 'envoy-json.log'), 4);
    assert.equal(record.path, '/');
    assert.equal(record.host, 'backend:3000');
    assert.equal(record.userAgent, 'curl/7.88.1');
    assert.equal(record.requestId, 'ab1e4da7-5f1d-45ea-bb4a-fa1ccd03b82b');
    assert.equal(record.client, '10.244.0.12');
  });

  it('traefik-json line 5, field by field', () => {
    assert.deepEqual(recordAt(parseFile('traefik-json', 'traefik-json.log'), 5), {
      timeMs: Date.UTC(2025, 10, 28, 9, 21, 55, 645), // StartUTC …55.645779561Z
      client: '192.168.1.100', // ClientHost "192.168.1.100,10.0.0.50": left-most
      method: 'OPTIONS',
      path: '/_matrix/client/v3/sync',
      query: null,
      route: null,
      status: 204,
      bytesSent: 0,
      bytesReceived: 0,
      durationMs: 2.337877, // Duration 2337877 ns
      userAgent: null,
      referer: null,
      consumer: null, // ClientUsername "-"
      host: 'example.com',
      requestId: null,
      upstream: '172.16.16.25:8008',
      source: { file: 'traefik-json.log', line: 5 },
    });
  });

  it('traefik-json line 3 takes StartUTC, not the +01:00 StartLocal or second-precision time', () => {
    const record = recordAt(parseFile('traefik-json', 'traefik-json.log'), 3);
    assert.equal(record.timeMs, Date.UTC(2026, 0, 14, 9, 45, 33, 759));
    assert.equal(record.durationMs, 0.010158);
  });

  it('caddy-json line 4, field by field', () => {
    const record = recordAt(parseFile('caddy-json', 'caddy-json.log'), 4);
    // request.headers: User-Agent has its own field, the empty Authorization list is no value
    assert.deepEqual(record.headers, [{ name: 'Accept', value: '*/*' }]);
    assert.deepEqual(withoutHeaders(record), {
      // ts 1711741864.947103 s is the end; minus duration 0.794682124 s → …864.152420876 s
      timeMs: 1711741864152,
      client: '127.0.0.1',
      method: 'GET',
      path: '/',
      query: null,
      route: null,
      status: 200,
      bytesSent: 18630,
      bytesReceived: 0,
      durationMs: 794.682124,
      userAgent: 'curl/7.88.1',
      referer: null,
      consumer: 'Bob', // user_id from basic auth
      host: 'localhost:9080',
      requestId: null,
      upstream: null,
      source: { file: 'caddy-json.log', line: 4 },
    });
  });

  it('caddy-json status 0 is unknown, client_ip wins over remote_ip', () => {
    const record = recordAt(parseFile('caddy-json', 'caddy-json.log'), 1);
    assert.equal(record.status, null);
    assert.equal(record.client, '127.0.0.1'); // remote_ip is 172.17.0.1
    assert.equal(record.durationMs, 0.002701);
  });

  it('tyk-json line 4, field by field', () => {
    assert.deepEqual(recordAt(parseFile('tyk-json', 'tyk.log'), 4), {
      timeMs: Date.UTC(2023, 1, 23, 16, 29, 27, 533), // timestamp, not the pump's 0001-01-01 time
      client: '192.168.0.1',
      method: 'GET',
      path: '/get',
      query: null,
      route: null,
      status: 200,
      bytesSent: null, // network.bytes_out 0 = not tracked
      bytesReceived: 0, // content_length
      durationMs: 1128, // request_time ms
      userAgent: 'curl/7.79.1',
      referer: null,
      consumer: '00000000', // api_key as logged
      host: 'httpbin.org',
      requestId: null,
      upstream: null,
      source: { file: 'tyk.log', line: 4 },
    });
  });
});
