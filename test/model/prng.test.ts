import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitForest } from '../../src/model/fit.js';
import { mulberry32, withSeededRandom } from '../../src/model/prng.js';
import { gaussianRows } from './helpers.js';

test('mulberry32 repeats its stream for a seed, differs across seeds, stays in [0, 1)', () => {
  const first = mulberry32(42);
  const again = mulberry32(42);
  const other = mulberry32(43);
  const a = Array.from({ length: 1000 }, () => first());
  const b = Array.from({ length: 1000 }, () => again());
  const c = Array.from({ length: 1000 }, () => other());
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every((x) => x >= 0 && x < 1));
  const mean = a.reduce((sum, x) => sum + x, 0) / a.length;
  assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
});

test('withSeededRandom swaps Math.random only while the callback runs', () => {
  const original = Math.random;
  const inside = withSeededRandom(mulberry32(7), () => [Math.random(), Math.random()]);
  assert.deepEqual(inside, [mulberry32(7)(), (() => { const r = mulberry32(7); r(); return r(); })()]);
  assert.equal(Math.random, original);
});

test('withSeededRandom restores Math.random when the callback throws', () => {
  const original = Math.random;
  assert.throws(
    () =>
      withSeededRandom(mulberry32(1), () => {
        assert.notEqual(Math.random, original);
        throw new Error('growth failed');
      }),
    /growth failed/,
  );
  assert.equal(Math.random, original);
});

test('fitForest restores Math.random when tree growth throws midway', () => {
  const original = Math.random;
  const rows: number[][] = gaussianRows(300, 2, 4);
  // A hostile row: passes validation (one read per feature), then throws when the
  // library reads it again while growing a tree.
  let reads = 0;
  rows[0] = new Proxy([0.5, 0.5], {
    get(target, key, receiver) {
      if (key === '0' || key === '1') {
        reads++;
        if (reads > 2) throw new Error('hostile feature read');
      }
      return Reflect.get(target, key, receiver);
    },
  });
  assert.throws(() => fitForest(rows, { trees: 50, sampleSize: 300, seed: 3 }), /hostile feature read/);
  assert.ok(reads > 2, 'growth reached the hostile row');
  assert.equal(Math.random, original);
});

test('fitForest leaves Math.random as it found it, also when it rejects its input', () => {
  const original = Math.random;
  fitForest(gaussianRows(300, 3, 1), { trees: 5, sampleSize: 64, seed: 3 });
  assert.equal(Math.random, original);
  assert.throws(() => fitForest([[1, 2], [3]], { trees: 5, sampleSize: 64, seed: 3 }), RangeError);
  assert.equal(Math.random, original);
});
