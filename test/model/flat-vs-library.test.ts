// Proves the flat typed-array walk computes exactly what ml-isolation-forest's
// own `predict` computes on the same trees.
//
// What is compared: growTrees() grows the trees with the library (one 1-tree
// forest per seeded sub-sample). Those very TreeNode objects are (a) flattened
// by flattenTrees() and (b) put into a library IsolationForest whose
// `trainingSet` is a ψ-row sub-sample, so its `predict` normalises by c(ψ) as the
// paper does. The library's c(n) adds Euler's constant once where the paper adds
// it twice; for this comparison only, the flat forest is assembled with the
// library's own c(n), read off the library's leaf nodes. Everything else — tree
// walk, tie rule (< goes left), leaf adjustment, mean, 2^(−E[h]/c(ψ)) — is
// production code, and scores must match to the last bit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IsolationForest, type IsolationTreeNode } from 'ml-isolation-forest';
import { growTrees } from '../../src/model/fit.js';
import { flattenTrees } from '../../src/model/flat-forest.js';
import { averagePathLength } from '../../src/model/path-length.js';
import { scoreRows } from '../../src/model/score.js';
import { gaussianRows } from './helpers.js';

/** The library's c(n), evaluated by the library: a bare leaf holding n rows, walked from depth 0. */
function libraryAveragePathLength(sample: IsolationTreeNode): (n: number) => number {
  const TreeNode = sample.constructor as new (options: { depth: number; maxDepth: number }) => IsolationTreeNode;
  return (n) => {
    const leaf = new TreeNode({ depth: 0, maxDepth: 0 });
    leaf.trainingSet = Array.from({ length: n }, () => [0]);
    return leaf.pathLengthFromRoot([0], 0);
  };
}

test('flat scores equal the library predict on the same forest, bit for bit', () => {
  const training = gaussianRows(3000, 5, 21);
  // Plant some far points and exact duplicates: they exercise short paths, empty
  // leaves and degenerate splits on constant values.
  for (let i = 0; i < 20; i++) training[i]![i % 5] = 8 + i;
  for (let i = 20; i < 60; i++) training[i] = [...training[20]!];
  const options = { trees: 40, sampleSize: 256, seed: 1234 };
  const roots = growTrees(training, options);
  const libraryC = libraryAveragePathLength(roots[0]!);
  const flat = flattenTrees(roots, 5, 256, libraryC);

  const library = new IsolationForest({ nEstimators: options.trees });
  library.forest = roots;
  library.trainingSet = training.slice(0, 256);

  const probe = [...training.slice(0, 500), ...gaussianRows(300, 5, 22).map((row) => row.map((x) => x * 3))];
  const expected = library.predict(probe);
  const actual = scoreRows(flat, probe);
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < probe.length; i++) assert.equal(actual[i], expected[i], `row ${i}`);
});

test('per tree, the flat path length equals the library path length', () => {
  const training = gaussianRows(1000, 3, 8);
  const roots = growTrees(training, { trees: 10, sampleSize: 128, seed: 77 });
  const flat = flattenTrees(roots, 3, 128, libraryAveragePathLength(roots[0]!));
  for (const row of gaussianRows(200, 3, 9)) {
    for (let t = 0; t < roots.length; t++) {
      let node = flat.treeStart[t]!;
      while (flat.feature[node]! >= 0) node = row[flat.feature[node]!]! < flat.split[node]! ? flat.left[node]! : flat.right[node]!;
      assert.equal(flat.leafPathLength[node], roots[t]!.pathLengthFromRoot(row, 0));
    }
  }
});

test("the library's c(n) differs from the paper's only by Euler's constant, which production fixes", () => {
  const roots = growTrees(gaussianRows(50, 2, 1), { trees: 1, sampleSize: 50, seed: 1 });
  const libraryC = libraryAveragePathLength(roots[0]!);
  assert.equal(libraryC(2), averagePathLength(2));
  for (const n of [3, 10, 256, 10000]) assert.ok(Math.abs(averagePathLength(n) - libraryC(n) - 0.5772156649) < 1e-5, `n=${n}`);
});
