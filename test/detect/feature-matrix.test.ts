import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FeatureMatrix } from '../../src/detect/feature-matrix.js';

/** Every k-th row when there are more than `cap`, as the forest has always been fed (written out here, not taken from the code under test). */
function everyKth<T>(rows: readonly T[], cap: number): T[] {
  if (rows.length <= cap) return [...rows];
  return Array.from({ length: cap }, (_, i) => rows[Math.floor(i * (rows.length / cap))]!);
}

test('a feature matrix gives back every vector exactly, and samples the rows evenly picks', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 700 }), (width, count, cap) => {
      const rows = Array.from({ length: count }, (_, r) => Array.from({ length: width }, (_, f) => (r * 31 + f) / 7 - (f === 0 ? 0 : 100) * Math.sign(r % 3)));
      const matrix = new FeatureMatrix(width, 4);
      for (const row of rows) matrix.push(row);
      assert.equal(matrix.length, count);
      for (let r = 0; r < count; r++) assert.deepEqual(Array.from(matrix.row(r)), rows[r]);
      assert.deepEqual(matrix.evenRows(cap).map((row) => Array.from(row)), everyKth(rows, cap));
    }),
    { numRuns: 60, seed: 3 },
  );
});

test('a vector of the wrong width is refused, not stored shifted', () => {
  const matrix = new FeatureMatrix(3);
  matrix.push([1, 2, 3]);
  assert.throws(() => matrix.push([1, 2]), RangeError);
  assert.equal(matrix.length, 1);
  assert.deepEqual(Array.from(FeatureMatrix.from([[-0, 5], [Number.MAX_VALUE, -1e-300]]).row(1)), [Number.MAX_VALUE, -1e-300]);
});

test('a sampled matrix keeps exactly the rows evenRows is asked for, at a fraction of the memory', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 1, max: 500 }), (total, capA, capB) => {
      const full = new FeatureMatrix(2);
      const sampled = FeatureMatrix.sampled(2, total, [capA, capB]);
      for (let i = 0; i < total; i++) {
        full.push([i, -i / 3]);
        sampled.push([i, -i / 3]);
      }
      assert.equal(sampled.length, total);
      for (const cap of [capA, capB]) assert.deepEqual(sampled.evenRows(cap), full.evenRows(cap));
    }),
    { numRuns: 40, seed: 9 },
  );
  const sampled = FeatureMatrix.sampled(1, 1000, [10]);
  for (let i = 0; i < 1000; i++) sampled.push([i]);
  assert.deepEqual(Array.from(sampled.row(500)), [500]);
  assert.throws(() => sampled.row(501), RangeError);
});
