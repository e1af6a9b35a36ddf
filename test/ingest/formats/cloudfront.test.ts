import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cloudFrontFormat } from '../../../src/ingest/formats/cloudfront.js';
import { FORMATS_DIR, REAL_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('cloudfront.log: two header lines, every data line a record (trailing TAB included)', () => {
  const outcome = parseFiles(cloudFrontFormat, [`${FORMATS_DIR}/cloudfront.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 8, skipped: { header: 2 } });
});

test('data line with %XX user agent, query and 000 status, field by field', () => {
  const lines = readLines(`${FORMATS_DIR}/cloudfront.log`);
  const parser = cloudFrontFormat.createParser({});
  parser.parse(lines[1]!, { file: 't.log', line: 2 });
  assert.deepEqual(
    parser.parse(lines[7]!, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2022, 3, 19, 12, 29, 36), client: '81.2.69.143', method: 'POST', path: '/getApplications', query: 'source=global',
      status: null, bytesSent: 10157, bytesReceived: 1057, durationMs: 238,
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/100.0.4896.127 Safari/537.36',
      referer: 'https://test.com/global', host: 'test.com', requestId: 'hrsHM5OM6sTIXUleC1G20YtDxMf5Cq0Jbz0pwhVpod2kgEn_W6akCQ==',
    }),
  );
});

test('a #Fields: directive re-maps the columns', () => {
  const parser = cloudFrontFormat.createParser({});
  assert.equal(parser.parse('#Fields: date time c-ip cs-method cs-uri-stem sc-status time-taken', { file: 't', line: 1 }), 'header');
  const parsed = parser.parse('2024-01-02\t03:04:05\t2001:db8::1\tGET\t/a%20b\t404\t0.250', { file: 't', line: 2 });
  assert.ok(typeof parsed !== 'string');
  assert.deepEqual([parsed.client, parsed.path, parsed.status, parsed.durationMs], ['2001:db8::1', '/a b', 404, 250]);
  assert.equal(parser.parse('2024-01-02\t03:04:05\tx', { file: 't', line: 3 }), 'field-count-mismatch');
});

test('real log: crowdsec aws-cloudfront test', () => {
  const outcome = parseFiles(cloudFrontFormat, [`${REAL_DIR}/crowdsec-hub-tests/aws-cloudfront-logs/aws-cloudfront-logs.log`]);
  assert.deepEqual({ lines: outcome.lines, records: outcome.records.length, skipped: outcome.skipped }, { lines: 2, records: 2, skipped: {} });
});
