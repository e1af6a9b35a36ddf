import type { FlatForest } from './flat-forest.js';
import { averagePathLength } from './path-length.js';

/**
 * Each feature's share of why the forest isolates `row` quickly.
 *
 * A node holding m sub-sample rows expects to need c(m) more splits to isolate
 * a point. When the row's path crosses a split on feature f into a child holding
 * m′ rows, it spends one edge and then expects c(m′): the split saved
 * c(m) − 1 − c(m′) path length against expectation. Splits that cut off many
 * rows save a lot; a split that leaves the row among nearly all of them saves
 * nothing (negative savings count as 0). Savings are summed per feature over all
 * trees and normalised to sum 1 (all zeros when no split on any path saved
 * anything, e.g. a forest grown on identical rows).
 */
/** c(nodeSize) per node, computed once per forest: the walk below needs it at every step. */
const expectedRemainingByForest = new WeakMap<FlatForest, Float64Array>();

function expectedRemainingPathLength(forest: FlatForest): Float64Array {
  let table = expectedRemainingByForest.get(forest);
  if (table === undefined) {
    table = new Float64Array(forest.nodeSize.length);
    for (let node = 0; node < table.length; node++) table[node] = averagePathLength(forest.nodeSize[node]!);
    expectedRemainingByForest.set(forest, table);
  }
  return table;
}

export function featureContributions(forest: FlatForest, row: ArrayLike<number>): Float64Array {
  if (row.length !== forest.featureCount) {
    throw new RangeError(`Row has ${row.length} features, the forest was fitted on ${forest.featureCount}.`);
  }
  const { treeStart, feature, split, left, right } = forest;
  const expected = expectedRemainingPathLength(forest);
  const saved = new Float64Array(forest.featureCount);
  for (let t = 0; t < forest.trees; t++) {
    let node = treeStart[t]!;
    let f = feature[node]!;
    while (f >= 0) {
      const child = row[f]! < split[node]! ? left[node]! : right[node]!;
      const saving = expected[node]! - 1 - expected[child]!;
      if (saving > 0) saved[f] = saved[f]! + saving;
      node = child;
      f = feature[node]!;
    }
  }
  let total = 0;
  for (const value of saved) total += value;
  if (total > 0) for (let f = 0; f < saved.length; f++) saved[f] = saved[f]! / total;
  return saved;
}
