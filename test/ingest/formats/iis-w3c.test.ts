import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { iisW3cFormat } from '../../../src/ingest/formats/iis-w3c.js';
import { FORMATS_DIR, REAL_DIR, dataLineShare, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('iis-w3c.log: three different #Fields blocks, every data line a record', () => {
  const outcome = parseFiles(iisW3cFormat, [`${FORMATS_DIR}/iis-w3c.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 4, skipped: { header: 12 } });
});

test('third field set with ::1%0, field by field', () => {
  const lines = readLines(`${FORMATS_DIR}/iis-w3c.log`);
  const parser = iisW3cFormat.createParser({});
  for (const [index, line] of lines.slice(0, 15).entries()) parser.parse(line, { file: 't', line: index + 1 });
  assert.deepEqual(
    parser.parse(lines[15]! + '\r', { file: 't.log', line: 1 }), // CRLF tolerated
    recordOf({
      timeMs: Date.UTC(2018, 0, 1, 10, 11, 12), client: '::1', method: 'GET', path: '/', status: 200, bytesSent: 123, bytesReceived: 456,
      durationMs: 789, host: 'example.com',
      userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36',
    }),
  );
});

test('real logs: waikolai (IIS 7.0 fields) and webknowit (IIS 8.5, headers repeated mid-file)', () => {
  const listLogs = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.log')).sort().map((name) => `${dir}/${name}`);
  const waikolai = parseFiles(iisW3cFormat, listLogs(`${REAL_DIR}/iis-waikolai`));
  // PROVENANCE.md: 2,019 lines, 1,139 requests.
  assert.deepEqual({ lines: waikolai.lines, records: waikolai.records.length, skipped: waikolai.skipped }, { lines: 2019, records: 1139, skipped: { header: 880 } });
  assert.ok(waikolai.records.every((r) => r.bytesSent !== null && r.bytesReceived !== null && r.referer === null));
  const webknowit = parseFiles(iisW3cFormat, listLogs(`${REAL_DIR}/iis-webknowit`));
  // PROVENANCE.md: 31,070 lines, 14,318 requests.
  assert.deepEqual({ lines: webknowit.lines, records: webknowit.records.length, skipped: webknowit.skipped }, { lines: 31070, records: 14318, skipped: { header: 16752 } });
  const statuses = new Map<number | null, number>();
  for (const r of webknowit.records) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  assert.deepEqual([statuses.get(200), statuses.get(404), statuses.get(304)], [7113, 4752, 2338]);
  for (const outcome of [waikolai, webknowit]) assert.ok(dataLineShare(outcome) >= 0.995);
});
