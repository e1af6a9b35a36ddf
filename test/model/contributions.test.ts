import assert from 'node:assert/strict';
import { test } from 'node:test';
import { featureContributions } from '../../src/model/contributions.js';
import { fitForest } from '../../src/model/fit.js';
import { gaussianRows } from './helpers.js';

const WIDTH = 6;

test('the one planted feature of a far-out row gets the largest share', () => {
  for (let planted = 0; planted < WIDTH; planted++) {
    const rows = gaussianRows(2000, WIDTH, 100 + planted);
    const target = [...rows[0]!];
    target[planted] = planted % 2 === 0 ? 7 : -7;
    rows[0] = target;
    const forest = fitForest(rows, { trees: 100, sampleSize: 256, seed: planted });
    const shares = featureContributions(forest, target);
    const largest = shares.indexOf(Math.max(...shares));
    assert.equal(largest, planted, `planted ${planted}, shares ${Array.from(shares, (s) => s.toFixed(2))}`);
    assert.ok(shares[planted]! > 2 / WIDTH, `planted share ${shares[planted]} not above twice the uniform share`);
  }
});

test('two planted features share the credit between them', () => {
  const rows = gaussianRows(2000, WIDTH, 7);
  const target = [0, 6, 0, 0, -6, 0];
  rows[0] = target;
  const forest = fitForest(rows, { trees: 100, sampleSize: 256, seed: 9 });
  const shares = featureContributions(forest, target);
  const ranked = Array.from(shares.keys()).sort((a, b) => shares[b]! - shares[a]!);
  assert.deepEqual(ranked.slice(0, 2).sort(), [1, 4]);
});

test('shares are in [0, 1] and sum to 1', () => {
  const rows = gaussianRows(1000, WIDTH, 3);
  const forest = fitForest(rows, { trees: 50, sampleSize: 256, seed: 3 });
  for (const row of rows.slice(0, 50)) {
    const shares = featureContributions(forest, row);
    assert.equal(shares.length, WIDTH);
    assert.ok(shares.every((s) => s >= 0 && s <= 1));
    const sum = shares.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - 1) < 1e-9, `sum ${sum}`);
  }
});

test('a forest grown on identical rows credits nothing', () => {
  const rows = Array.from({ length: 100 }, () => [1, 2, 3]);
  const forest = fitForest(rows, { trees: 10, sampleSize: 64, seed: 1 });
  assert.deepEqual(Array.from(featureContributions(forest, [1, 2, 3])), [0, 0, 0]);
});
