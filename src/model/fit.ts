import { IsolationForest, type IsolationTreeNode } from 'ml-isolation-forest';
import { flattenTrees, type FlatForest } from './flat-forest.js';
import { mulberry32, withSeededRandom } from './prng.js';

export interface ForestOptions {
  /** Number of isolation trees (paper: 100). */
  trees: number;
  /** ψ, rows per tree sub-sample (paper: 256); capped at the number of rows. */
  sampleSize: number;
  /** Unsigned 32-bit integer; same rows + same options → identical forest. */
  seed: number;
}

export type FeatureRows = readonly (readonly number[])[] | readonly Float64Array[];

export const MAX_TREES = 10_000;
export const MAX_SAMPLE_SIZE = 65_536;
/** Features are persisted as int16; far above any feature vector anomalog builds. */
export const MAX_FEATURES = 4096;

function checkOptions(options: ForestOptions): void {
  const { trees, sampleSize, seed } = options;
  if (!Number.isInteger(trees) || trees < 1 || trees > MAX_TREES) {
    throw new RangeError(`trees must be an integer from 1 to ${MAX_TREES}, got ${trees}.`);
  }
  if (!Number.isInteger(sampleSize) || sampleSize < 2 || sampleSize > MAX_SAMPLE_SIZE) {
    throw new RangeError(`sampleSize must be an integer from 2 to ${MAX_SAMPLE_SIZE}, got ${sampleSize}.`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new RangeError(`seed must be an integer from 0 to 4294967295, got ${seed}.`);
  }
}

/** Returns the feature count; throws RangeError on ragged, empty or non-finite input. */
function checkRows(rows: FeatureRows): number {
  if (rows.length < 2) throw new RangeError(`An isolation forest needs at least 2 rows, got ${rows.length}.`);
  const featureCount = rows[0]!.length;
  if (featureCount < 1 || featureCount > MAX_FEATURES) {
    throw new RangeError(`Rows must have from 1 to ${MAX_FEATURES} features, got ${featureCount}.`);
  }
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== featureCount) {
      throw new RangeError(`Row ${r} has ${row.length} features, row 0 has ${featureCount}.`);
    }
    for (let f = 0; f < featureCount; f++) {
      // The library picks split points as min + u·(max − min): NaN or ±Infinity
      // would yield NaN splits, so features must be finite (clamp them upstream).
      if (!Number.isFinite(row[f]!)) throw new RangeError(`Row ${r} feature ${f} is not a finite number (${row[f]}).`);
    }
  }
  return featureCount;
}

/**
 * Grows `trees` isolation trees with ml-isolation-forest, each as a one-tree
 * forest trained on its own sub-sample of ψ rows drawn without replacement
 * (Liu, Ting, Zhou 2008). The sub-samples and the library's `Math.random` calls
 * both come from one seeded stream. Exposed for tests that compare against the
 * library's own `predict`.
 */
export function growTrees(rows: FeatureRows, options: ForestOptions): IsolationTreeNode[] {
  checkOptions(options);
  checkRows(rows);
  const rowCount = rows.length;
  const sampleSize = Math.min(options.sampleSize, rowCount);
  const random = mulberry32(options.seed);
  // A persistent permutation: a partial Fisher–Yates pass over it yields a fresh
  // uniform sample without replacement for every tree, without re-initialising.
  const order = new Int32Array(rowCount);
  for (let i = 0; i < rowCount; i++) order[i] = i;

  return withSeededRandom(random, () => {
    const roots: IsolationTreeNode[] = [];
    for (let t = 0; t < options.trees; t++) {
      const sample: ArrayLike<number>[] = new Array(sampleSize);
      for (let i = 0; i < sampleSize; i++) {
        const j = i + Math.floor(random() * (rowCount - i));
        const picked = order[j]!;
        order[j] = order[i]!;
        order[i] = picked;
        sample[i] = rows[picked]!;
      }
      const grower = new IsolationForest({ nEstimators: 1 });
      grower.train(sample);
      roots.push(grower.forest[0]!);
    }
    return roots;
  });
}

/** Fits an isolation forest and returns it as flat typed arrays. */
export function fitForest(rows: FeatureRows, options: ForestOptions): FlatForest {
  const roots = growTrees(rows, options);
  return flattenTrees(roots, rows[0]!.length, Math.min(options.sampleSize, rows.length));
}
