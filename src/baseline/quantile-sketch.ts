import { DDSketch } from '@datadog/sketches-js';

/** Relative accuracy of every quantile we report: a p95 of 120 ms is within ±1%. */
const RELATIVE_ACCURACY = 0.01;
/** Index range a 1%-accurate sketch needs for values from 1e-9 to 1e15; anything beyond is a forged file. */
export const MAX_SKETCH_KEY = 3000;

/** The persisted form of a sketch: sparse bins, so a baseline file never claims sizes we must trust. */
export interface SerializedSketch {
  count: number;
  zeroCount: number;
  sum: number;
  min: number;
  max: number;
  /** [key, weight] pairs of the positive store */
  bins: [number, number][];
}

/**
 * A mergeable quantile sketch of non-negative values (latencies, sizes), after DDSketch
 * (Masson, Rim, Lee, VLDB 2019): quantiles within RELATIVE_ACCURACY, merge = add bins.
 */
export class QuantileSketch {
  private readonly sketch = new DDSketch({ relativeAccuracy: RELATIVE_ACCURACY });

  get count(): number {
    return this.sketch.count;
  }

  add(value: number): void {
    if (value >= 0 && value < Infinity) this.sketch.accept(value);
  }

  /** Quantile q in [0, 1]; null when the sketch is empty. */
  quantile(q: number): number | null {
    if (this.sketch.count === 0) return null;
    return this.sketch.getValueAtQuantile(q);
  }

  mean(): number | null {
    return this.sketch.count === 0 ? null : this.sketch.sum / this.sketch.count;
  }

  /** Adds another sketch's values into this one (while it is being built). */
  merge(other: QuantileSketch): void {
    if (other.sketch.count > 0) this.sketch.merge(other.sketch);
  }

  /** A new sketch of every value of the given ones; they do not change. */
  static merged(...sketches: readonly QuantileSketch[]): QuantileSketch {
    const result = new QuantileSketch();
    for (const sketch of sketches) result.merge(sketch);
    return result;
  }

  toJSON(): SerializedSketch {
    const { store } = this.sketch;
    const bins: [number, number][] = [];
    for (let i = 0; i < store.bins.length; i++) {
      const weight = store.bins[i];
      if (weight && weight > 0) bins.push([i + store.offset, weight]);
    }
    const count = this.sketch.count;
    return {
      count,
      zeroCount: this.sketch.zeroCount,
      sum: this.sketch.sum,
      min: count === 0 ? 0 : this.sketch.min,
      max: count === 0 ? 0 : this.sketch.max,
      bins,
    };
  }

  /** Rebuilds a sketch from its persisted form, already checked by the baseline schema and sketchAddsUp. */
  static fromJSON(value: SerializedSketch): QuantileSketch {
    const result = new QuantileSketch();
    const s = result.sketch;
    for (const [key, weight] of value.bins) s.store.add(key, weight);
    s.zeroCount = value.zeroCount;
    s.count = value.count;
    s.sum = value.sum;
    s.min = value.min;
    s.max = value.max;
    return result;
  }
}

/** Whether a persisted sketch's bins (and zero count) add up to the count it claims. */
export function sketchAddsUp(value: SerializedSketch): boolean {
  let total = value.zeroCount;
  for (const [, weight] of value.bins) total += weight;
  return Math.abs(total - value.count) <= 1e-6 * Math.max(1, total);
}
