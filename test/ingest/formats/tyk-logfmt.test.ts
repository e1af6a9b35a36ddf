import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseYearlessTime, tykLogfmtFormat } from '../../../src/ingest/formats/tyk-logfmt.js';
import { FORMATS_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('tyk.log: two access-log lines; the pump status line and the analytics JSON are skipped', () => {
  const outcome = parseFiles(tykLogfmtFormat, [`${FORMATS_DIR}/tyk.log`], { defaultYear: 2025 });
  assert.deepEqual(outcome.outcomes.map((o) => (typeof o === 'string' ? o : 'record')), ['record', 'record', 'not-access-log', 'not-tyk-logfmt']);
});

test('default access-log line, field by field, year from options', () => {
  const line = readLines(`${FORMATS_DIR}/tyk.log`)[0]!;
  assert.deepEqual(
    tykLogfmtFormat.createParser({ defaultYear: 2025 }).parse(line, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2025, 0, 29, 8, 27, 9), client: '::1', method: 'GET', path: '/get', status: 200, durationMs: 62,
      userAgent: 'PostmanRuntime/7.43.0', consumer: '00000000', host: 'localhost:8080', upstream: 'http://httpbin.org/get',
    }),
  );
});

test('reduced template line: client from remote_addr, no request fields', () => {
  const parsed = tykLogfmtFormat.createParser({ defaultYear: 2024 }).parse(readLines(`${FORMATS_DIR}/tyk.log`)[1]!, { file: 't', line: 2 });
  assert.ok(typeof parsed !== 'string');
  assert.deepEqual([parsed.client, parsed.method, parsed.timeMs], ['::1', null, Date.UTC(2024, 0, 29, 8, 27, 48)]);
  assert.equal(parseYearlessTime('Feb  6 12:14:14', 2023), Date.UTC(2023, 1, 6, 12, 14, 14));
  assert.ok(Number.isNaN(parseYearlessTime('Feb 30 12:14:14', 2023)));
});
