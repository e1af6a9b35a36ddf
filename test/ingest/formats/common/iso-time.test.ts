import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoTime, parseW3cDateTime, scanIsoTime } from '../../../../src/ingest/formats/common/iso-time.js';

test('parseIsoTime reads Z and offsets, truncating sub-ms digits', () => {
  assert.equal(parseIsoTime('2018-07-02T22:23:00.186641Z'), Date.UTC(2018, 6, 2, 22, 23, 0, 186));
  assert.equal(parseIsoTime('2024-06-20T11:47:56.817934+02:00'), Date.UTC(2024, 5, 20, 9, 47, 56, 817));
  assert.equal(parseIsoTime('2024-06-20T11:47:56-0700'), Date.UTC(2024, 5, 20, 18, 47, 56));
  assert.ok(Number.isNaN(parseIsoTime('2024-06-20T11:47:56')), 'a zone is required');
  assert.ok(Number.isNaN(parseIsoTime('2024-13-20T11:47:56Z')));
});

test('scanIsoTime accepts a space separator without a zone (netnea Apache format)', () => {
  const scan = scanIsoTime('[2015-05-20 12:53:11.139981]', 1);
  assert.equal(scan.hasZone, false);
  assert.equal(scan.end, 27);
  assert.equal(scan.timeMs, Date.UTC(2015, 4, 20, 12, 53, 11, 139));
});

test('parseW3cDateTime joins the UTC date and time columns', () => {
  assert.equal(parseW3cDateTime('2019-12-04', '21:02:31'), Date.UTC(2019, 11, 4, 21, 2, 31));
  assert.equal(parseW3cDateTime('2019-12-04', '21:02:31.250'), Date.UTC(2019, 11, 4, 21, 2, 31, 250));
  assert.ok(Number.isNaN(parseW3cDateTime('2019-12-04', '-')));
  assert.ok(Number.isNaN(parseW3cDateTime('2019/12/04', '21:02:31')));
});
