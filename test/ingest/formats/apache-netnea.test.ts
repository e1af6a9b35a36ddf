import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apacheNetneaFormat } from '../../../src/ingest/formats/apache-netnea.js';
import { REAL_DIR, dataLineShare, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

const FILE = `${REAL_DIR}/netnea-labor07/labor-07-example-access.log.gz`;

test('netnea extended line, field by field', () => {
  const line = readLines(FILE)[0]!;
  assert.deepEqual(
    apacheNetneaFormat.createParser({}).parse(line, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2015, 4, 20, 12, 53, 11, 139), client: '192.168.104.36', method: 'GET', path: '/EMail/login.aspx',
      query: 'username=john.smith@example.com', status: 200, bytesSent: 7362, bytesReceived: 963, durationMs: 935.006,
      userAgent: 'Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; WOW64; Trident/6.0)', host: 'www.example.com',
      requestId: 'ViYdF6wxQzZrjEdU2@UAAAAi',
    }),
  );
});

test('real log: netnea labor-07, every line a record', () => {
  const outcome = parseFiles(apacheNetneaFormat, [FILE]);
  assert.deepEqual({ lines: outcome.lines, records: outcome.records.length, skipped: outcome.skipped }, { lines: 10000, records: 10000, skipped: {} });
  assert.ok(dataLineShare(outcome) >= 0.995);
  assert.ok(outcome.records.every((r) => r.durationMs !== null && r.durationMs > 0));
});
