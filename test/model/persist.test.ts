import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitForest } from '../../src/model/fit.js';
import { deserializeForest, InvalidForest, serializeForest, type SerializedForest } from '../../src/model/persist.js';
import { scoreRows } from '../../src/model/score.js';
import { gaussianRows } from './helpers.js';

const rows = gaussianRows(1500, 3, 17);
const forest = fitForest(rows, { trees: 20, sampleSize: 128, seed: 4 });
const saved = serializeForest(forest);

/** A deep copy through JSON, as a baseline file would be read back. */
function reloaded(): SerializedForest {
  return JSON.parse(JSON.stringify(saved)) as SerializedForest;
}

/** Rewrites one little-endian table of a copy of the saved forest. */
function withTable(
  key: 'feature' | 'split' | 'left' | 'right' | 'leafSize',
  edit: (bytes: Buffer) => void,
): SerializedForest {
  const copy = reloaded();
  const bytes = Buffer.from(copy[key], 'base64');
  edit(bytes);
  copy[key] = bytes.toString('base64');
  return copy;
}

// A forest's shape (fields, types, caps) is checked by the baseline file's schema before it gets
// here (test/baseline/forest-schema.test.ts); deserializeForest checks what a schema cannot.
function refused(value: SerializedForest, pattern: RegExp): void {
  assert.throws(
    () => deserializeForest(value),
    (error: unknown) => {
      assert.ok(error instanceof InvalidForest, `expected InvalidForest, got ${String(error)}`);
      assert.match(error.message, pattern);
      // One sentence: starts with a capital, ends with a period, no line breaks.
      assert.match(error.message, /^The isolation forest in the baseline is invalid: [^\n]+\.$/);
      return true;
    },
  );
}

test('a forest survives JSON round-trip: same tables, same scores', () => {
  const text = JSON.stringify(saved);
  const back = deserializeForest(JSON.parse(text));
  assert.equal(JSON.stringify(serializeForest(back)), text);
  assert.deepEqual(scoreRows(back, rows), scoreRows(forest, rows));
  assert.deepEqual(back.nodeSize, forest.nodeSize);
  assert.deepEqual(back.leafPathLength, forest.leafPathLength);
});

test('the saved form is compact: under 30 bytes of JSON per node', () => {
  assert.ok(JSON.stringify(saved).length < 30 * forest.feature.length);
});

test('refuses node counts that do not fit the trees and ψ before allocating anything', () => {
  refused({ ...reloaded(), nodesPerTree: [...saved.nodesPerTree, 5] }, /array of 20 node counts/);
  refused({ ...reloaded(), nodesPerTree: saved.nodesPerTree.map(() => 100_000) }, /tree 0 must have from 1 to 511 nodes/);
});

test('refuses truncated or corrupt tables', () => {
  refused({ ...reloaded(), split: saved.split.slice(0, -8) }, /"split" holds \d+ base64 characters where \d+ are expected/);
  refused({ ...reloaded(), left: `${saved.left.slice(0, -4)}@@@@` }, /"left" decodes to \d+ bytes where \d+ are expected/);
  const counts = [...saved.nodesPerTree];
  counts[19] = counts[19]! - 1;
  refused({ ...reloaded(), nodesPerTree: counts }, /"feature" (holds \d+ base64 characters|decodes to \d+ bytes) where/);
});

test('refuses NaN and infinite split values', () => {
  // Node 0 of tree 0 is the root, an inner node.
  refused(withTable('split', (b) => b.writeDoubleLE(Number.NaN, 0)), /tree 0 node 0 has a split value that is not a finite number/);
  refused(withTable('split', (b) => b.writeDoubleLE(Infinity, 0)), /not a finite number/);
});

test('refuses child pointers out of range, backwards (cycles) or shared', () => {
  refused(withTable('right', (b) => b.writeInt32LE(10_000, 0)), /tree 0 node 0 points to child 10000, outside 1\.\.\d+/);
  refused(withTable('left', (b) => b.writeInt32LE(-5, 0)), /points to child -5/);
  // Node 1 is the root's left child, an inner node in any tree of 128 spread rows; pointing back at 0 would loop.
  refused(withTable('left', (b) => b.writeInt32LE(0, 4)), /tree 0 node 1 points to child 0/);
  refused(
    withTable('right', (b) => b.writeInt32LE(b.readInt32LE(4), 0)),
    /is not the child of exactly one earlier node|same node as both children/,
  );
});

test('refuses feature indices outside the feature count and inconsistent leaves', () => {
  refused(withTable('feature', (b) => b.writeInt16LE(3, 0)), /splits on feature 3, outside 0\.\.2/);
  refused(withTable('feature', (b) => b.writeInt16LE(-2, 0)), /splits on feature -2/);
  const firstLeaf = (() => {
    const features = Buffer.from(saved.feature, 'base64');
    for (let i = 0; ; i++) if (features.readInt16LE(i * 2) === -1) return i;
  })();
  refused(withTable('leafSize', (b) => b.writeInt32LE(b.readInt32LE(firstLeaf * 4) + 1, firstLeaf * 4)), /leaves, not ψ = 128|holds \d+ rows/);
  refused(withTable('leafSize', (b) => b.writeInt32LE(-1, firstLeaf * 4)), /holds -1 rows, outside 0\.\.128/);
  refused(withTable('split', (b) => b.writeDoubleLE(0.5, firstLeaf * 8)), /is a leaf but has a split or children/);
});
