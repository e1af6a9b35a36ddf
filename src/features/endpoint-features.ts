import type { BaselineProfiles } from '../baseline/baseline.js';
import { expectedVolume } from '../baseline/baseline.js';
import type { EndpointProfile } from '../baseline/endpoint-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, shrunkRate } from './evidence-candidate.js';
import { binomialTailLog10, poissonTailLog10, surprise } from './tail-probability.js';
import { ENDPOINT_FEATURE_TABLE as TABLE, type EndpointFeature } from './endpoint-feature-table.js';
import { evidenceOf, featureNames, vectorOf } from './feature-table.js';

export const ENDPOINT_FEATURES = featureNames(TABLE);

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
  const rise = n >= 5 ? Math.min(surprise(poissonTailLog10(n, expected.mean + expected.sd)), clamp01((volume - 1) / 2)) : 0;
  if (rise > 0 || (n === 0 && expected.mean >= 3)) {
    const significance = n === 0 ? clamp01((expected.mean - 3) / 20) : rise;
    evidence.push(evidenceOf(TABLE, 'volume', { observed: n, baseline: round1(expected.mean), significance }, { requests: n, normal: expected.mean, window: windowLabel }));
  }
  const values: Record<EndpointFeature, number> = { volume, error_5xx_ratio: 0, auth_failure_ratio: 0, not_found_ratio: 0, latency: 0, response_size: 0 };
  // Few requests in one window say little about ratios: judge them over the window and its neighbours.
  const judged = stats !== null && stats.requests >= 30 ? stats : pooled;
  const label = judged === stats ? windowLabel : pooledLabel;
  const m = judged?.requests ?? 0;
  if (n > 0 && stats && judged) {
    // Server errors are news from three; 401s and 404s are everyday traffic and need five.
    const rates: [number, number, 'error_5xx_ratio' | 'auth_failure_ratio' | 'not_found_ratio', number][] = [
      [judged.status5xx, profile.robust.status5xx, 'error_5xx_ratio', 3],
      [judged.authFailures, profile.robust.authFailures, 'auth_failure_ratio', 5],
      [judged.notFound, profile.robust.notFound, 'not_found_ratio', 5],
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
    if (p50 !== null && baseP50 !== null && baseP95 !== null && slow !== null && judged.latencyCount >= 3 && p50 >= 1.5 * baseP50 && p50 >= baseP50 + 2) {
      // A regression moves the whole distribution: most requests slower than the normal p95, not a few in the tail.
      const slowShare = slow / judged.latencyCount;
      const significance = countSignificance(slow, judged.latencyCount, Math.max(profile.robust.slow, 0.05)) * clamp01((slowShare - 0.3) / 0.3);
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
      const significance = judged.referenced >= 3 ? countSignificance(judged.bigResponses, judged.referenced, normalShare) : 0;
      if (significance > 0) {
        evidence.push(
          evidenceOf(TABLE, 'response_size', { observed: Math.round(mean), baseline: Math.round(baseSize), significance }, { mean, normal: baseSize, big: judged.bigResponses, referenced: judged.referenced, window: label }),
        );
      }
    }
  }
  return { values: vectorOf(ENDPOINT_FEATURES, values), evidence };
}

/**
 * How notable `count` events out of `total` are when `baseRate` is normal: improbable under the
 * normal rate (binomial tail) and several times that rate, with at least three events.
 */
export function countSignificance(count: number, total: number, baseRate: number): number {
  if (count < 3 || total === 0) return 0;
  const base = Math.max(baseRate, 0.005);
  const rate = count / total;
  const moved = clamp01((Math.log2(rate / base) - 1.5) / 2.5);
  if (moved === 0) return 0;
  return Math.min(moved, surprise(binomialTailLog10(count, total, base)));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
