import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dashToNull,
  intOrNull,
  microsToMs,
  msOrNull,
  nonNegativeIntOrNull,
  percentDecode,
  secondsToMs,
  statusOrNull,
  sumOrNull,
} from '../../../../src/ingest/formats/common/fields.js';

test('dashToNull maps - and empty to null', () => {
  assert.equal(dashToNull('-'), null);
  assert.equal(dashToNull(''), null);
  assert.equal(dashToNull('--'), '--');
});

test('intOrNull returns signed integers; nonNegativeIntOrNull drops -1', () => {
  assert.equal(intOrNull('2326'), 2326);
  assert.equal(intOrNull('+2750'), 2750);
  assert.equal(intOrNull('-1'), -1);
  assert.equal(intOrNull('-'), null);
  assert.equal(intOrNull('12a'), null);
  assert.equal(nonNegativeIntOrNull('-1'), null);
  assert.equal(nonNegativeIntOrNull('0'), 0);
});

test('statusOrNull treats 0, 000, - and -1 as unknown', () => {
  assert.equal(statusOrNull('200'), 200);
  for (const unknown of ['0', '000', '-', '-1', '', '2000', 'abc']) assert.equal(statusOrNull(unknown), null, unknown);
});

test('duration converters are exact in the logged digits', () => {
  assert.equal(secondsToMs('0.048'), 48);
  assert.equal(secondsToMs('0.000073'), 0.073);
  assert.equal(secondsToMs('1'), 1000);
  assert.equal(secondsToMs('-1'), null);
  assert.equal(microsToMs('935006'), 935.006);
  assert.equal(msOrNull('+50001'), 50001);
  assert.equal(msOrNull('-1'), null);
  assert.equal(sumOrNull(86, 48, 37), 171);
  assert.equal(sumOrNull(0.073, 1.048, 0.057), 1.178);
  assert.equal(sumOrNull(1, null, 2), null);
});

test('percentDecode decodes once and never throws on malformed escapes', () => {
  assert.equal(percentDecode('Mozilla/5.0%20(Windows%20NT%2010.0)'), 'Mozilla/5.0 (Windows NT 10.0)');
  assert.equal(percentDecode('a%252Cb'), 'a%2Cb');
  assert.equal(percentDecode('bad%E7%20x%'), 'bad%E7 x%');
});
