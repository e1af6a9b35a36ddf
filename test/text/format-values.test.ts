import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatHours } from '../../src/text/format-values.js';

test('formatHours: one decimal below 10 hours, whole hours with thousands separators from 10 on', () => {
  assert.equal(formatHours(2.5 * 3_600_000), '2.5 h');
  assert.equal(formatHours(3 * 3_600_000), '3 h');
  assert.equal(formatHours(40 * 3_600_000 + 20 * 60_000), '40 h');
  assert.equal(formatHours(1234 * 3_600_000), '1,234 h');
});
