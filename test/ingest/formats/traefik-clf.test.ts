import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goDurationToMs, traefikClfFormat } from '../../../src/ingest/formats/traefik-clf.js';
import { FORMATS_DIR, parseFiles, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

test('every line of traefik-clf.log becomes a record', () => {
  const outcome = parseFiles(traefikClfFormat, [`${FORMATS_DIR}/traefik-clf.log`]);
  assert.deepEqual({ records: outcome.records.length, skipped: outcome.skipped }, { records: 8, skipped: {} });
});

test('Traefik CLF line with status and size "-", field by field', () => {
  const line = readLines(`${FORMATS_DIR}/traefik-clf.log`)[4]!;
  assert.deepEqual(
    traefikClfFormat.createParser({}).parse(line, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2022, 8, 28, 13, 38, 4), client: '172.17.1.1', method: 'GET', path: '/mobileadmin/home.cs',
      userAgent: 'Mozilla/5.00 (Nikto/2.1.5) (Evasions:None) (Test:006607)', durationMs: 0,
    }),
  );
  const chain = traefikClfFormat.createParser({}).parse(readLines(`${FORMATS_DIR}/traefik-clf.log`)[6]!, { file: 't.log', line: 7 });
  assert.ok(typeof chain !== 'string');
  assert.equal(chain.durationMs, 25);
  assert.equal(chain.upstream, 'http://172.17.0.4:80');
});

test('Go duration units of old Traefik versions', () => {
  assert.equal(goDurationToMs('42ms'), 42);
  assert.equal(goDurationToMs('6.45837ms'), 6.45837);
  assert.equal(goDurationToMs('1.053089843s'), 1053.089843);
  assert.equal(goDurationToMs('850µs'), 0.85);
  assert.equal(goDurationToMs('12'), null);
});
