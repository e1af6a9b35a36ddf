/** One way a window differs from normal, before the forest says how much it counted. */
export interface EvidenceCandidate {
  feature: string;
  observed: number | string;
  baseline: number | string | null;
  unit: string;
  text: string;
  /** 0..1: how notable the deviation is in human terms (0 = within normal). */
  significance: number;
}

/** The feature vector of one entity window and the evidence it offers. */
export interface WindowFeatures {
  values: number[];
  evidence: EvidenceCandidate[];
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * How notable `observed` is against `expected` counts: 0 up to twice normal, 1 at 16× normal,
 * and 0 below `minObserved` (a handful of requests is never an incident on its own).
 */
export function ratioSignificance(observed: number, expected: number, minObserved: number): number {
  if (observed < minObserved) return 0;
  return clamp01((Math.log2((observed + 1) / (expected + 1)) - 1) / 3);
}

/**
 * How notable a rate is against its normal rate: nothing within `floor` (10 points) of normal,
 * full at `floor + span` (50 points) above, and 0 below `minCount` events or under 3× normal.
 */
export function rateSignificance(count: number, total: number, baseRate: number, minCount: number, floor = 0.1, span = 0.4): number {
  if (count < minCount || total === 0) return 0;
  const rate = count / total;
  // A rate must also be several times its normal: 12% errors where 10% is normal is not news.
  if (rate < 3 * baseRate) return 0;
  return clamp01((rate - baseRate - floor) / span);
}

/** Rate pulled towards the normal rate when the window has few requests (a pseudo-count prior). */
export function shrunkRate(count: number, total: number, baseRate: number, prior = 5): number {
  return (count + prior * baseRate) / (total + prior);
}
