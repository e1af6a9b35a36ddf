import assert from 'node:assert/strict';
import { test } from 'node:test';
import { envoyTextFormat } from '../../../src/ingest/formats/envoy-text.js';
import { FORMATS_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('every line of envoy.log (default and Istio) becomes a record', () => {
  const outcome = parseFiles(envoyTextFormat, [`${FORMATS_DIR}/envoy.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 4, skipped: {} });
});

test('Envoy default format docs line, field by field', () => {
  const line = readLines(`${FORMATS_DIR}/envoy.log`)[0]!;
  assert.deepEqual(
    envoyTextFormat.createParser({}).parse(line, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2016, 3, 15, 20, 17, 0, 310), client: '10.0.35.28', method: 'POST', path: '/api/v1/locations', status: 204,
      bytesSent: 0, bytesReceived: 154, durationMs: 226, userAgent: 'nsq2http', host: 'locations',
      requestId: 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2', upstream: '10.0.2.1:80',
    }),
  );
});

test('Istio line without X-Forwarded-For: client from the downstream remote address', () => {
  const parsed = envoyTextFormat.createParser({}).parse(readLines(`${FORMATS_DIR}/envoy.log`)[1]!, { file: 't.log', line: 2 });
  assert.ok(typeof parsed !== 'string');
  assert.deepEqual([parsed.client, parsed.status, parsed.durationMs, parsed.upstream], ['10.44.1.23', 418, 4, '10.44.1.27:80']);
  // Bracketed IPv6 in X-Forwarded-For and upstream (wrapped-container.log line 7 payload).
  const ipv6 = envoyTextFormat.createParser({}).parse(
    '[2026-01-24T01:34:36.743Z] "GET /test HTTP/1.1" 200 - 0 256 50 25 "[fd00:1234:5678::5a24]" "curl/8.10.1" "test-request-id" "example.com" "tcp://[fd00:1234:5678::e18]:8080"',
    { file: 't', line: 1 },
  );
  assert.ok(typeof ipv6 !== 'string');
  assert.deepEqual([ipv6.client, ipv6.upstream], ['fd00:1234:5678::5a24', '[fd00:1234:5678::e18]:8080']);
});
