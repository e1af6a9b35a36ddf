import assert from 'node:assert/strict';
import { test } from 'node:test';
import { elbClassicFormat } from '../../../src/ingest/formats/elb-classic.js';
import { FORMATS_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('every line of aws-elb-classic.log becomes a record', () => {
  const outcome = parseFiles(elbClassicFormat, [`${FORMATS_DIR}/aws-elb-classic.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 4, skipped: {} });
});

test('HTTP and TCP listener lines, field by field', () => {
  const lines = readLines(`${FORMATS_DIR}/aws-elb-classic.log`);
  const parser = elbClassicFormat.createParser({});
  assert.deepEqual(
    parser.parse(lines[0]!, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2015, 4, 13, 23, 39, 43, 945), client: '192.168.131.39', method: 'GET', path: '/', status: 200,
      bytesSent: 29, bytesReceived: 0, durationMs: 1.178, // 0.000073 + 0.001048 + 0.000057 s
      userAgent: 'curl/7.38.0', host: 'www.example.com:80', upstream: '10.0.0.1:80',
    }),
  );
  // TCP listener: request "- - - ", statuses "-".
  assert.deepEqual(
    parser.parse(lines[2]!, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2015, 4, 13, 23, 39, 43, 945), client: '192.168.131.39', bytesSent: 305, bytesReceived: 82,
      durationMs: 1.138, upstream: '10.0.0.1:80',
    }),
  );
});
