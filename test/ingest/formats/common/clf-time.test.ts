import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseClfTime, scanClfTime } from '../../../../src/ingest/formats/common/clf-time.js';

test('parseClfTime honours negative and positive offsets', () => {
  // 13:55:36 at -0700 is 20:55:36 UTC.
  assert.equal(parseClfTime('10/Oct/2000:13:55:36 -0700'), Date.UTC(2000, 9, 10, 20, 55, 36));
  // 05:30 ahead of UTC: 18:00 local is 12:30 UTC the same day.
  assert.equal(parseClfTime('01/Jan/2024:18:00:00 +0530'), Date.UTC(2024, 0, 1, 12, 30, 0));
  // Crossing midnight backwards into the previous year.
  assert.equal(parseClfTime('01/Jan/2024:01:00:00 +0200'), Date.UTC(2023, 11, 31, 23, 0, 0));
});

test('parseClfTime keeps fractional seconds to the millisecond', () => {
  assert.equal(parseClfTime('06/Feb/2009:12:14:14.655 +0000'), Date.UTC(2009, 1, 6, 12, 14, 14, 655));
  assert.equal(parseClfTime('06/Feb/2009:12:14:14.6 +0000'), Date.UTC(2009, 1, 6, 12, 14, 14, 600));
  assert.equal(parseClfTime('06/Feb/2009:12:14:14.123456 +0000'), Date.UTC(2009, 1, 6, 12, 14, 14, 123));
});

test('parseClfTime reads English month names in any case', () => {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  months.forEach((month, index) => {
    assert.equal(parseClfTime(`15/${month}/2021:00:00:00 +0000`), Date.UTC(2021, index, 15));
    assert.equal(parseClfTime(`15/${month.toUpperCase()}/2021:00:00:00 +0000`), Date.UTC(2021, index, 15));
  });
});

test('parseClfTime returns NaN for invalid times', () => {
  for (const bad of [
    '',
    '10/Okt/2000:13:55:36 -0700', // not English
    '31/Apr/2021:00:00:00 +0000', // April has 30 days
    '29/Feb/2023:00:00:00 +0000', // not a leap year
    '10/Oct/2000:24:00:00 +0000',
    '10/Oct/2000:13:55:36', // offset is required by parseClfTime
    '10/Oct/2000:13:55:36 -07', // truncated offset
    '10/Oct/2000:13:55:36 -0700 trailing',
    '1/Oct/2000:13:55:36 -0700',
  ]) {
    assert.ok(Number.isNaN(parseClfTime(bad)), bad);
  }
  assert.equal(parseClfTime('29/Feb/2024:00:00:00 +0000'), Date.UTC(2024, 1, 29));
});

test('scanClfTime reports a missing offset so HAProxy can decide the zone', () => {
  const scan = scanClfTime('[06/Feb/2009:12:14:14.655] x', 1);
  assert.equal(scan.hasOffset, false);
  assert.equal(scan.end, 25);
  assert.equal(scan.timeMs, Date.UTC(2009, 1, 6, 12, 14, 14, 655));
});
