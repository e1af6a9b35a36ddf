import assert from 'node:assert/strict';
import { test } from 'node:test';
import { haproxyFormat } from '../../../src/ingest/formats/haproxy.js';
import { FORMATS_DIR, REAL_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('every line of haproxy.log becomes a record', () => {
  const outcome = parseFiles(haproxyFormat, [`${FORMATS_DIR}/haproxy.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 7, skipped: {} });
});

test('docs line behind an RFC 3164 header, field by field', () => {
  const line = readLines(`${FORMATS_DIR}/haproxy.log`)[0]!;
  assert.deepEqual(
    haproxyFormat.createParser({}).parse(line, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2009, 1, 6, 12, 14, 14, 655), client: '10.0.1.2', method: 'GET', path: '/index.html', status: 200,
      bytesSent: 2750, durationMs: 109, upstream: 'static/srv1',
    }),
  );
});

test('logasap + values, <NOSRV>, host-relative target, RFC 5424 offset', () => {
  const lines = readLines(`${FORMATS_DIR}/haproxy.log`);
  const parse = (index: number): ReturnType<ReturnType<typeof haproxyFormat.createParser>['parse']> =>
    haproxyFormat.createParser({}).parse(lines[index]!, { file: 't.log', line: index + 1 });
  assert.deepEqual(parse(3), recordOf({ timeMs: Date.UTC(2003, 9, 15, 15, 19, 6, 103), client: '127.0.0.1', status: 408, bytesSent: 2750, durationMs: 50001 }, { file: 't.log', line: 4 }));
  const k8s = parse(5);
  assert.ok(typeof k8s !== 'string');
  assert.deepEqual([k8s.host, k8s.path], ['test.k8s.local', '/']);
  const rfc5424 = parse(6);
  assert.ok(typeof rfc5424 !== 'string');
  // 11:47:56.766 local at +02:00 per the syslog header.
  assert.equal(rfc5424.timeMs, Date.UTC(2024, 5, 20, 9, 47, 56, 766));
});

test('real logs: crowdsec haproxy tests (three non-request TLS messages listed)', () => {
  const outcome = parseFiles(haproxyFormat, [
    `${REAL_DIR}/crowdsec-hub-tests/haproxy-logs/haproxy-logs.log`,
    `${REAL_DIR}/crowdsec-hub-tests/haproxy-nextcloud-whitelist/haproxy-logs.log`,
  ]);
  assert.deepEqual({ lines: outcome.lines, records: outcome.records.length, skipped: outcome.skipped }, { lines: 6, records: 3, skipped: { 'not-haproxy': 3 } });
  // Lines 3–5 of haproxy-logs.log are `frontend/backend: SSL handshake failure …` messages, not requests.
  assert.deepEqual(outcome.outcomes.slice(2, 5), ['not-haproxy', 'not-haproxy', 'not-haproxy']);
});
