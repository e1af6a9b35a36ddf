// A second net under the rules and the per-parameter profiles: 3-grams over
// character classes, learned from the site's own parameter values. A value
// with more never-seen class sequences than (almost) any value of the site's
// own history is unusual whatever parameter it is in.

import { asArray, asCount, asMapEntries, asRecord, asString, fail } from './json-guard.js';

const START = '\u0002';
const END = '\u0003';
/** Letters and digits collapse to one symbol per run: the model sees structure, not words. */
const KEPT_PUNCTUATION = `'"<>()[]{};=-_./\\@%&|$\`*,:#!?+~^ `;

/** The class string of a value: `a` letters, `0` digits, `u` non-ASCII, `c` controls, `p` other, key punctuation as itself. */
export function classSequence(value: string, maxLength = 512): string {
  let out = START;
  let last = '';
  const n = Math.min(value.length, maxLength);
  for (let i = 0; i < n; i++) {
    const ch = value[i]!;
    const code = value.charCodeAt(i);
    let symbol: string;
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) symbol = 'a';
    else if (code >= 48 && code <= 57) symbol = '0';
    else if (code < 32 || code === 127) symbol = 'c';
    else if (code > 127) symbol = 'u';
    else symbol = KEPT_PUNCTUATION.includes(ch) ? ch : 'p';
    if ((symbol === 'a' || symbol === '0' || symbol === 'u' || symbol === ' ') && symbol === last) continue;
    out += symbol;
    last = symbol;
  }
  return out + END;
}

function trigrams(sequence: string): Set<string> {
  const grams = new Set<string>();
  for (let i = 0; i + 3 <= sequence.length; i++) grams.add(sequence.slice(i, i + 3));
  return grams;
}

export interface CharModelLimits {
  /** Class sequences kept (reservoir) to set the threshold from the site's own history. */
  reservoirSize: number;
  /** Values learned before the model judges anything. */
  minSupport: number;
  /** A 3-gram seen fewer times than this counts as unseen. */
  minGramCount: number;
  /** The threshold is this quantile of the reservoir's own scores. */
  quantile: number;
}

export const DEFAULT_CHAR_MODEL_LIMITS: CharModelLimits = { reservoirSize: 4096, minSupport: 200, minGramCount: 2, quantile: 0.999 };

/** A value needs more than this many unseen 3-grams whatever the site's quantile. */
const MIN_THRESHOLD = 2;
/** At most this many distinct 3-grams (the alphabet has ~40 symbols, so this is never hit by real data). */
const MAX_GRAMS = 70_000;

export class CharModel {
  private readonly grams = new Map<string, number>();
  private reservoir: string[] = [];
  private seen = 0;
  private rngState: number;
  private threshold: number | null = null;
  readonly limits: CharModelLimits;

  constructor(limits: Partial<CharModelLimits> = {}, seed = 0x9e3779b9) {
    this.limits = { ...DEFAULT_CHAR_MODEL_LIMITS, ...limits };
    this.rngState = seed >>> 0 || 1;
  }

  get learned(): number {
    return this.seen;
  }

  private random(): number {
    // xorshift32: a fixed seed makes the reservoir, and so the threshold, reproducible.
    let x = this.rngState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rngState = x >>> 0;
    return this.rngState / 0x100000000;
  }

  learn(value: string): void {
    const sequence = classSequence(value);
    for (const gram of trigrams(sequence)) {
      const count = this.grams.get(gram);
      if (count !== undefined) this.grams.set(gram, count + 1);
      else if (this.grams.size < MAX_GRAMS) this.grams.set(gram, 1);
    }
    this.seen++;
    this.threshold = null;
    if (this.reservoir.length < this.limits.reservoirSize) this.reservoir.push(sequence);
    else {
      const slot = Math.floor(this.random() * this.seen);
      if (slot < this.limits.reservoirSize) this.reservoir[slot] = sequence;
    }
  }

  /** 3-grams of `sequence` seen fewer than minGramCount times; `ownCount` removes the value's own contribution. */
  private unseenGrams(sequence: string, ownCount: number): string[] {
    const unseen: string[] = [];
    for (const gram of trigrams(sequence)) if ((this.grams.get(gram) ?? 0) - ownCount < this.limits.minGramCount) unseen.push(gram);
    return unseen;
  }

  /** The score above which a value is unusual: a high quantile of leave-one-out scores of the site's own values. */
  currentThreshold(): number {
    if (this.threshold !== null) return this.threshold;
    const scores = this.reservoir.map((sequence) => this.unseenGrams(sequence, 1).length).sort((a, b) => a - b);
    const index = Math.min(scores.length - 1, Math.floor(this.limits.quantile * scores.length));
    // Never below MIN_THRESHOLD: on a site with few, uniform values the quantile is 0 and one odd 3-gram would do.
    this.threshold = Math.max(MIN_THRESHOLD, scores.length === 0 ? 0 : scores[index]!);
    return this.threshold;
  }

  /** A reason when `value` has more unseen class 3-grams than the site's threshold; null otherwise or without support. */
  explain(value: string): string | null {
    if (this.seen < this.limits.minSupport) return null;
    const unseen = this.unseenGrams(classSequence(value), 0);
    const threshold = this.currentThreshold();
    if (unseen.length <= threshold) return null;
    const shown = unseen.slice(0, 3).map((g) => '`' + g.replace(START, '^').replace(END, '$').replace(/[^\x20-\x7e]/g, '?') + '`');
    return `character model: ${unseen.length} class sequences this site's values never use (${shown.join(', ')}; threshold ${threshold})`;
  }

  merge(other: CharModel): void {
    for (const [gram, count] of other.grams) {
      const mine = this.grams.get(gram);
      if (mine !== undefined) this.grams.set(gram, mine + count);
      else if (this.grams.size < MAX_GRAMS) this.grams.set(gram, count);
    }
    // Merge reservoirs by weight: each side keeps a share proportional to the values it saw.
    const total = this.seen + other.seen;
    if (total > 0) {
      const size = this.limits.reservoirSize;
      const mineShare = Math.round((size * this.seen) / total);
      const combined = [...this.reservoir.slice(0, mineShare), ...other.reservoir.slice(0, size - Math.min(mineShare, this.reservoir.length))];
      this.reservoir = combined.slice(0, size);
    }
    this.seen = total;
    this.threshold = null;
  }

  toJSON(): CharModelJSON {
    return { limits: { ...this.limits }, seen: this.seen, rngState: this.rngState, grams: Object.fromEntries(this.grams), reservoir: [...this.reservoir] };
  }

  static fromJSON(value: unknown, where = 'chars'): CharModel {
    const r = asRecord(value, where);
    const l = asRecord(r.limits, `${where}.limits`);
    const quantile = l.quantile;
    if (typeof quantile !== 'number' || !(quantile > 0 && quantile <= 1)) fail(`${where}.limits.quantile`, 'is not in (0, 1]');
    const limits: CharModelLimits = {
      reservoirSize: asCount(l.reservoirSize, `${where}.limits.reservoirSize`, 100_000),
      minSupport: asCount(l.minSupport, `${where}.limits.minSupport`),
      minGramCount: asCount(l.minGramCount, `${where}.limits.minGramCount`, 1_000_000),
      quantile,
    };
    const model = new CharModel(limits, asCount(r.rngState, `${where}.rngState`, 0xffffffff));
    model.seen = asCount(r.seen, `${where}.seen`);
    for (const [gram, count] of asMapEntries(r.grams, `${where}.grams`, MAX_GRAMS)) {
      if ([...gram].length !== 3) fail(`${where}.grams`, 'has a key that is not a 3-gram');
      model.grams.set(gram, asCount(count, `${where}.grams`, model.seen));
    }
    model.reservoir = asArray(r.reservoir, `${where}.reservoir`, limits.reservoirSize).map((s, i) => asString(s, `${where}.reservoir[${i}]`, 520));
    if (model.reservoir.length > model.seen) fail(`${where}.reservoir`, 'is larger than the number of values seen');
    return model;
  }
}

export interface CharModelJSON {
  limits: CharModelLimits;
  seen: number;
  rngState: number;
  grams: Record<string, number>;
  reservoir: string[];
}
