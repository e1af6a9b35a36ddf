import { DDSketch } from '@datadog/sketches-js';
import { InputError } from '../errors.js';

/** Relative accuracy of every quantile we report: a p95 of 120 ms is within ±1%. */
const RELATIVE_ACCURACY = 0.01;
/** Index range a 1%-accurate sketch needs for values from 1e-9 to 1e15; anything beyond is a forged file. */
const MAX_KEY = 3000;

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

  merge(other: QuantileSketch): void {
    if (other.sketch.count > 0) this.sketch.merge(other.sketch);
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

  static fromJSON(value: unknown, where: string): QuantileSketch {
    const fail = (what: string): never => {
      throw new InputError(`the baseline is corrupt: ${where} ${what}`);
    };
    if (typeof value !== 'object' || value === null) fail('is not a sketch');
    const v = value as Record<string, unknown>;
    const numbers = ['count', 'zeroCount', 'sum', 'min', 'max'] as const;
    for (const key of numbers) {
      const n = v[key];
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) fail(`has an invalid ${key}`);
    }
    if (!Array.isArray(v.bins) || v.bins.length > 2 * MAX_KEY) fail('has invalid bins');
    const result = new QuantileSketch();
    const s = result.sketch;
    let total = v.zeroCount as number;
    for (const bin of v.bins as unknown[]) {
      if (!Array.isArray(bin) || bin.length !== 2) fail('has an invalid bin');
      const [key, weight] = bin as unknown[];
      if (!Number.isInteger(key) || Math.abs(key as number) > MAX_KEY) fail('has a bin key out of range');
      if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) fail('has an invalid bin weight');
      s.store.add(key as number, weight as number);
      total += weight as number;
    }
    if (Math.abs(total - (v.count as number)) > 1e-6 * Math.max(1, total)) fail('bins do not add up to its count');
    s.zeroCount = v.zeroCount as number;
    s.count = v.count as number;
    s.sum = v.sum as number;
    s.min = v.min as number;
    s.max = v.max as number;
    return result;
  }
}
