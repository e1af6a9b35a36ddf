import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitForest } from '../../src/model/fit.js';
import { serializeForest } from '../../src/model/persist.js';
import { scoreRows } from '../../src/model/score.js';
import { gaussianRows } from './helpers.js';

const rows = gaussianRows(2000, 4, 11);

test('same rows and options give a byte-identical forest and identical scores', () => {
  const options = { trees: 50, sampleSize: 256, seed: 99 };
  const first = fitForest(rows, options);
  const second = fitForest(rows, options);
  assert.equal(JSON.stringify(serializeForest(first)), JSON.stringify(serializeForest(second)));
  assert.deepEqual(scoreRows(first, rows), scoreRows(second, rows));
});

test('another seed grows another forest', () => {
  const a = serializeForest(fitForest(rows, { trees: 20, sampleSize: 256, seed: 1 }));
  const b = serializeForest(fitForest(rows, { trees: 20, sampleSize: 256, seed: 2 }));
  assert.notEqual(a.split, b.split);
});

test('each tree is grown on its own sub-sample of ψ rows, not on all rows', () => {
  const forest = fitForest(rows, { trees: 30, sampleSize: 256, seed: 5 });
  assert.equal(forest.trees, 30);
  assert.equal(forest.sampleSize, 256);
  const rootSplits = new Set<number>();
  for (let t = 0; t < forest.trees; t++) {
    const root = forest.treeStart[t]!;
    // The leaves of a tree partition its sub-sample.
    assert.equal(forest.nodeSize[root], 256);
    rootSplits.add(forest.split[root]!);
    // Depth cap of the library for ψ = 256 is ceil(log2 256) = 8 inner levels: at most 2^10 − 1 nodes.
    assert.ok(forest.treeStart[t + 1]! - root <= 1023);
  }
  assert.equal(rootSplits.size, 30, 'every tree has its own root split');
});

test('ψ is capped at the number of rows', () => {
  const forest = fitForest(rows.slice(0, 100), { trees: 3, sampleSize: 256, seed: 5 });
  assert.equal(forest.sampleSize, 100);
  assert.equal(forest.nodeSize[forest.treeStart[0]!], 100);
});

test('typed-array rows and number-array rows give the same forest', () => {
  const options = { trees: 10, sampleSize: 128, seed: 4 };
  const fromArrays = serializeForest(fitForest(rows, options));
  const fromTyped = serializeForest(fitForest(rows.map((row) => Float64Array.from(row)), options));
  assert.deepEqual(fromTyped, fromArrays);
});

test('bad options and bad rows are refused with a RangeError', () => {
  const ok = { trees: 10, sampleSize: 64, seed: 1 };
  assert.throws(() => fitForest(rows, { ...ok, trees: 0 }), RangeError);
  assert.throws(() => fitForest(rows, { ...ok, trees: 1.5 }), RangeError);
  assert.throws(() => fitForest(rows, { ...ok, sampleSize: 1 }), RangeError);
  assert.throws(() => fitForest(rows, { ...ok, seed: -1 }), RangeError);
  assert.throws(() => fitForest([[1]], ok), /at least 2 rows/);
  assert.throws(() => fitForest([[1, 2], [3, Number.NaN]], ok), /Row 1 feature 1 is not a finite number/);
  assert.throws(() => fitForest([[1, 2], [3, Infinity]], ok), /not a finite number/);
  assert.throws(() => fitForest([[1, 2], [3]], ok), /Row 1 has 1 features/);
});
