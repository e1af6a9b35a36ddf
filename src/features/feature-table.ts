import type { EvidenceCandidate } from './evidence-candidate.js';

/**
 * One feature of an entity window: what the forest reads at its place in the vector, and how
 * a report says it when it is evidence. The name is the same in the vector (the baseline's
 * `featureNames`, `explain`) and in the evidence (`evidence[].feature`, config `ignore` rules).
 */
export interface FeatureSpec<Facts> {
  /** Unit of the evidence's observed and baseline values. */
  unit: string;
  /** What the vector holds at this feature's place. */
  description: string;
  /** The evidence sentence, from the facts of one window (absent for a feature that is never evidence on its own). */
  say?: (facts: Facts) => string;
}

/** A table of features in vector order (the key order): the one place a feature is named. */
// Each feature has its own facts; a `say` of any facts is assignable to one of `never`.
export type FeatureTable = Record<string, FeatureSpec<never>>;

export type FactsOf<T extends FeatureTable, K extends keyof T> = T[K] extends { say?: (facts: infer F) => string } ? F : never;

/** The names of a table in vector order. */
export function featureNames<T extends FeatureTable>(table: T): readonly (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}

/** The vector of one window from its values by name, in the table's order. */
export function vectorOf<T extends FeatureTable>(names: readonly (keyof T & string)[], values: Record<keyof T & string, number>): number[] {
  const vector = new Array<number>(names.length);
  for (let i = 0; i < names.length; i++) vector[i] = values[names[i]!];
  return vector;
}

/** The measured part of one piece of evidence; unit and wording come from the table. */
export interface Measured {
  observed: number | string;
  baseline: number | string | null;
  significance: number;
}

/** Evidence for `feature`, in the table's unit and words. */
export function evidenceOf<T extends FeatureTable, K extends keyof T & string>(table: T, feature: K, measured: Measured, facts: FactsOf<T, K>): EvidenceCandidate {
  const spec = table[feature] as unknown as FeatureSpec<FactsOf<T, K>>;
  return { feature, observed: measured.observed, baseline: measured.baseline, unit: spec.unit, text: spec.say!(facts), significance: measured.significance };
}
