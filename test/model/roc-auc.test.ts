import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../../src/model/prng.js';
import { rocAuc } from '../../src/model/roc-auc.js';

/** The definition, pair by pair: P(positive > negative) + ½ P(tie). */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i++) {
    if (!labels[i]) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j]) continue;
      pairs++;
      if (scores[i]! > scores[j]!) wins += 1;
      else if (scores[i] === scores[j]) wins += 0.5;
    }
  }
  return wins / pairs;
}

test('equals the pairwise definition on random scores with many ties', () => {
  const random = mulberry32(5);
  for (let round = 0; round < 20; round++) {
    // Scores on a coarse grid so ties are frequent, labels mildly informative.
    const labels = Array.from({ length: 300 }, () => (random() < 0.2 ? 1 : 0));
    const scores = labels.map((label) => Math.floor((random() + 0.3 * label) * 10) / 10);
    assert.ok(Math.abs(rocAuc(scores, labels) - pairwiseAuc(scores, labels)) < 1e-12);
  }
});

test('perfect, reversed and all-tied rankings', () => {
  assert.equal(rocAuc([0.1, 0.2, 0.9, 0.8], [0, 0, 1, 1]), 1);
  assert.equal(rocAuc([0.9, 0.8, 0.1, 0.2], [0, 0, 1, 1]), 0);
  assert.equal(rocAuc([0.5, 0.5, 0.5], [true, false, false]), 0.5);
  assert.equal(rocAuc(new Float64Array([1, 2, 3]), new Float64Array([0, 1, 0])), 0.5);
});

test('refuses one-class labels, NaN scores and length mismatch', () => {
  assert.throws(() => rocAuc([1, 2], [0, 0]), /at least one positive and one negative/);
  assert.throws(() => rocAuc([1, Number.NaN], [0, 1]), /score 1 is NaN/);
  assert.throws(() => rocAuc([1, 2, 3], [0, 1]), /one label per score/);
});
