import type { BaselineProfiles } from '../baseline/baseline.js';
import { expectedVolume } from '../baseline/baseline.js';
import type { EndpointProfile } from '../baseline/endpoint-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, shrunkRate } from './evidence-candidate.js';
import { binomialTailLog10, poissonTailLog10, surprise } from './tail-probability.js';
import { ENDPOINT_FEATURE_TABLE as TABLE, type EndpointFeature } from './endpoint-feature-table.js';
import { evidenceOf, featureNames, vectorOf } from './feature-table.js';

export const ENDPOINT_FEATURES = featureNames(TABLE);

// The thresholds of an endpoint window, each with the reason for its value. Significances are
// 0..1 ramps: "from A over B" means 0 at A, 1 at A + B (log2 units where the measure is a log).

/** Fewer requests than this in a window are never a rise in volume on their own. */
const MIN_RISE_REQUESTS = 5;
/** A rise counts from twice the expected volume (log2 1), full at 8× (over 2 doublings). */
const RISE_FROM_LOG2 = 1;
const RISE_SPAN_LOG2 = 2;
/** An empty window is news only where at least this many requests were expected… */
const MIN_EXPECTED_FOR_SILENCE = 3;
/** …and full news where 20 more than that were expected. */
const SILENCE_SPAN_REQUESTS = 20;
/** A window with this many requests judges its ratios alone; fewer borrow its neighbours'. */
const MIN_OWN_RATIO_REQUESTS = 30;
/** Server errors are news from three; 401s and 404s are everyday traffic and need five. */
const MIN_5XX = 3;
const MIN_CLIENT_ERRORS = 5;
/** A median latency with fewer timed requests than this is not a measurement. */
const MIN_TIMED_REQUESTS = 3;
/** A latency regression: the median at least 1.5× the normal median… */
const SLOW_MEDIAN_FACTOR = 1.5;
/** …and at least this many milliseconds slower (a 1 ms endpoint at 2 ms is not a regression). */
const SLOW_MEDIAN_MIN_MS = 2;
/** The normal share of requests slower than the normal p95 is at least 5%, by definition of a p95. */
const MIN_SLOW_SHARE = 0.05;
/** Share of requests slower than the normal p95, from 30% over 30 points: a regression moves the whole distribution. */
const SLOW_SHARE_FROM = 0.3;
const SLOW_SHARE_SPAN = 0.3;
/** Outsized responses need this many judged responses. */
const MIN_SIZED_RESPONSES = 3;

/**
 * Features of one endpoint window, each relative to the endpoint's baseline: volume against
 * the expected volume for that hour, status ratios against the endpoint's own, latency p95
 * and mean response size against its sketches. `stats` is null for a window with no traffic.
 */
export function endpointWindowFeatures(
  stats: WindowStats | null,
  profile: EndpointProfile,
  baseline: BaselineProfiles,
  windowStartMs: number,
  windowLabel: string,
  pooled: WindowStats | null = stats,
  pooledLabel: string = windowLabel,
): WindowFeatures {
  const n = stats?.requests ?? 0;
  const evidence: EvidenceCandidate[] = [];
  const expected = expectedVolume(baseline, profile, windowStartMs);
  const volume = Math.log2((n + 1) / (expected.mean + 1));
  // Counts are judged by how improbable they are (small counts fairly) and by how far they moved (large counts honestly).
  const rise = n >= MIN_RISE_REQUESTS ? Math.min(surprise(poissonTailLog10(n, expected.mean + expected.sd)), clamp01((volume - RISE_FROM_LOG2) / RISE_SPAN_LOG2)) : 0;
  if (rise > 0 || (n === 0 && expected.mean >= MIN_EXPECTED_FOR_SILENCE)) {
    const significance = n === 0 ? clamp01((expected.mean - MIN_EXPECTED_FOR_SILENCE) / SILENCE_SPAN_REQUESTS) : rise;
    evidence.push(evidenceOf(TABLE, 'volume', { observed: n, baseline: round1(expected.mean), significance }, { requests: n, normal: expected.mean, window: windowLabel }));
  }
  const values: Record<EndpointFeature, number> = { volume, error_5xx_ratio: 0, auth_failure_ratio: 0, not_found_ratio: 0, latency: 0, response_size: 0 };
  // Few requests in one window say little about ratios: judge them over the window and its neighbours.
  const judged = stats !== null && stats.requests >= MIN_OWN_RATIO_REQUESTS ? stats : pooled;
  const label = judged === stats ? windowLabel : pooledLabel;
  const m = judged?.requests ?? 0;
  if (n > 0 && stats && judged) {
    const rates: [number, number, 'error_5xx_ratio' | 'auth_failure_ratio' | 'not_found_ratio', number][] = [
      [judged.status5xx, profile.robust.status5xx, 'error_5xx_ratio', MIN_5XX],
      [judged.authFailures, profile.robust.authFailures, 'auth_failure_ratio', MIN_CLIENT_ERRORS],
      [judged.notFound, profile.robust.notFound, 'not_found_ratio', MIN_CLIENT_ERRORS],
    ];
    for (const [count, base, feature, minCount] of rates) {
      values[feature] = shrunkRate(count, m, base) - base;
      const significance = count >= minCount ? countSignificance(count, m, base) : 0;
      if (significance > 0) {
        evidence.push(evidenceOf(TABLE, feature, { observed: round4(count / m), baseline: round4(base), significance }, { count, total: m, normal: base, window: label }));
      }
    }
    const p50 = judged.latencyQuantile(0.5);
    const baseP50 = profile.latency.quantile(0.5);
    const baseP95 = profile.latency.quantile(0.95);
    if (p50 !== null && baseP50 !== null) values.latency = Math.log2((p50 + 1) / (baseP50 + 1));
    // Judged after the fact from the window's latency histogram against the endpoint's final p95,
    // so a regression at the very start of a log counts as much as one at its end.
    const slow = baseP95 === null ? null : judged.countSlowerThan(baseP95);
    if (p50 !== null && baseP50 !== null && baseP95 !== null && slow !== null && judged.latencyCount >= MIN_TIMED_REQUESTS && p50 >= SLOW_MEDIAN_FACTOR * baseP50 && p50 >= baseP50 + SLOW_MEDIAN_MIN_MS) {
      // A regression moves the whole distribution: most requests slower than the normal p95, not a few in the tail.
      const slowShare = slow / judged.latencyCount;
      const significance = countSignificance(slow, judged.latencyCount, Math.max(profile.robust.slow, MIN_SLOW_SHARE)) * clamp01((slowShare - SLOW_SHARE_FROM) / SLOW_SHARE_SPAN);
      if (significance > 0) {
        evidence.push(
          evidenceOf(TABLE, 'latency', { observed: round1(p50), baseline: round1(baseP50), significance }, { p50, normalP50: baseP50, slow, timed: judged.latencyCount, normalP95: baseP95, window: label }),
        );
      }
    }
    const baseSize = profile.size.mean();
    if (judged.bytesCount > 0 && baseSize !== null) {
      const mean = judged.bytesSum / judged.bytesCount;
      values.response_size = Math.log2((mean + 1) / (baseSize + 1));
      const normalShare = profile.robust.big;
      const significance = judged.referenced >= MIN_SIZED_RESPONSES ? countSignificance(judged.bigResponses, judged.referenced, normalShare) : 0;
      if (significance > 0) {
        evidence.push(
          evidenceOf(TABLE, 'response_size', { observed: Math.round(mean), baseline: Math.round(baseSize), significance }, { mean, normal: baseSize, big: judged.bigResponses, referenced: judged.referenced, window: label }),
        );
      }
    }
  }
  return { values: vectorOf(ENDPOINT_FEATURES, values), evidence };
}

/** Fewer events than this are never notable, whatever the rate. */
const MIN_COUNT_EVENTS = 3;
/** A normal rate is taken as at least 0.5%: a rate never seen in the baseline is not infinitely rare. */
const MIN_BASE_RATE = 0.005;
/** The rate counts from 2^1.5 (≈2.8×) its normal, full at 2^4 = 16× (over 2.5 doublings). */
const COUNT_RATE_FROM_LOG2 = 1.5;
const COUNT_RATE_SPAN_LOG2 = 2.5;

/**
 * How notable `count` events out of `total` are when `baseRate` is normal: improbable under the
 * normal rate (binomial tail) and several times that rate, with at least three events.
 */
export function countSignificance(count: number, total: number, baseRate: number): number {
  if (count < MIN_COUNT_EVENTS || total === 0) return 0;
  const base = Math.max(baseRate, MIN_BASE_RATE);
  const rate = count / total;
  const moved = clamp01((Math.log2(rate / base) - COUNT_RATE_FROM_LOG2) / COUNT_RATE_SPAN_LOG2);
  if (moved === 0) return 0;
  return Math.min(moved, surprise(binomialTailLog10(count, total, base)));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
