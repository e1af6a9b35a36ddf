import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newRecord } from '../../../../src/ingest/formats/common/record.js';

test('newRecord has every field null, NaN time and a copy of the source', () => {
  const source = { file: 'a.log', line: 7 };
  const record = newRecord(source);
  assert.ok(Number.isNaN(record.timeMs));
  const { timeMs, source: recordSource, ...rest } = record;
  void timeMs;
  assert.deepEqual(recordSource, source);
  assert.notEqual(recordSource, source);
  for (const [field, value] of Object.entries(rest)) assert.equal(value, null, field);
  assert.equal(Object.keys(rest).length, 15);
});
