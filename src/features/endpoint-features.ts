import type { Baseline } from '../baseline/baseline.js';
import { expectedVolume } from '../baseline/baseline.js';
import type { EndpointProfile } from '../baseline/endpoint-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, shrunkRate } from './evidence-candidate.js';
import { binomialTailLog10, poissonTailLog10, surprise } from './tail-probability.js';
import { formatBytes, formatCount, formatMs, formatPercent } from '../text/format-values.js';

export const ENDPOINT_FEATURES = ['volume', 'error_5xx_ratio', 'auth_failure_ratio', 'not_found_ratio', 'latency_p50', 'response_size'] as const;


/**
 * Features of one endpoint window, each relative to the endpoint's baseline: volume against
 * the expected volume for that hour, status ratios against the endpoint's own, latency p95
 * and mean response size against its sketches. `stats` is null for a window with no traffic.
 */
export function endpointWindowFeatures(
  stats: WindowStats | null,
  profile: EndpointProfile,
  baseline: Baseline,
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
    evidence.push({
      feature: 'volume',
      observed: n,
      baseline: round1(expected.mean),
      unit: 'requests',
      text: `${formatCount(n)} requests in ${windowLabel} vs ${formatCount(expected.mean)} normally`,
      significance: n === 0 ? clamp01((expected.mean - 3) / 20) : rise,
      featureIndex: 0,
    });
  }
  const values = [volume, 0, 0, 0, 0, 0];
  // Few requests in one window say little about ratios: judge them over the window and its neighbours.
  const judged = stats !== null && stats.requests >= 30 ? stats : pooled;
  const label = judged === stats ? windowLabel : pooledLabel;
  const m = judged?.requests ?? 0;
  if (n > 0 && stats && judged) {
    // Server errors are news from three; 401s and 404s are everyday traffic and need five.
    const rates: [number, number, string, string, number, number][] = [
      [judged.status5xx, profile.robust.status5xx, 'error_5xx_ratio', '5xx ratio', 1, 3],
      [judged.authFailures, profile.robust.authFailures, 'auth_failure_ratio', '401/403 ratio', 2, 5],
      [judged.notFound, profile.robust.notFound, 'not_found_ratio', '404 ratio', 3, 5],
    ];
    for (const [count, base, feature, name, index, minCount] of rates) {
      values[index] = shrunkRate(count, m, base) - base;
      const significance = count >= minCount ? countSignificance(count, m, base) : 0;
      if (significance > 0) {
        evidence.push({
          feature,
          observed: round4(count / m),
          baseline: round4(base),
          unit: 'ratio',
          text: `${name} ${formatPercent(count / m)} vs ${formatPercent(base)} normally (${formatCount(count)} of ${formatCount(m)} requests in ${label})`,
          significance,
          featureIndex: index,
        });
      }
    }
    const p50 = judged.latencyQuantile(0.5);
    const baseP50 = profile.latency.quantile(0.5);
    const baseP95 = profile.latency.quantile(0.95);
    if (p50 !== null && baseP50 !== null) values[4] = Math.log2((p50 + 1) / (baseP50 + 1));
    // Judged after the fact from the window's latency histogram against the endpoint's final p95,
    // so a regression at the very start of a log counts as much as one at its end.
    const slow = baseP95 === null ? null : judged.countSlowerThan(baseP95);
    if (p50 !== null && baseP50 !== null && baseP95 !== null && slow !== null && judged.latencyCount >= 3 && p50 >= 1.5 * baseP50 && p50 >= baseP50 + 2) {
      // A regression moves the whole distribution: most requests slower than the normal p95, not a few in the tail.
      const slowShare = slow / judged.latencyCount;
      const significance = countSignificance(slow, judged.latencyCount, Math.max(profile.robust.slow, 0.05)) * clamp01((slowShare - 0.3) / 0.3);
      if (significance > 0) {
        evidence.push({
          feature: 'latency',
          observed: round1(p50),
          baseline: round1(baseP50),
          unit: 'ms',
          text: `median latency ${formatMs(p50)} vs ${formatMs(baseP50)} normally; ${formatCount(slow)} of ${formatCount(judged.latencyCount)} requests slower than the normal p95 (${formatMs(baseP95)}) in ${label}`,
          significance,
          featureIndex: 4,
        });
      }
    }
    const baseSize = profile.size.mean();
    if (judged.bytesCount > 0 && baseSize !== null) {
      const mean = judged.bytesSum / judged.bytesCount;
      values[5] = Math.log2((mean + 1) / (baseSize + 1));
      const normalShare = profile.robust.big;
      const significance = judged.referenced >= 3 ? countSignificance(judged.bigResponses, judged.referenced, normalShare) : 0;
      if (significance > 0) {
        evidence.push({
          feature: 'response_size',
          observed: Math.round(mean),
          baseline: Math.round(baseSize),
          unit: 'bytes',
          text: `mean response ${formatBytes(mean)} vs ${formatBytes(baseSize)} normally; ${formatCount(judged.bigResponses)} of ${formatCount(judged.referenced)} responses over twice the normal p95 size in ${label}`,
          significance,
          featureIndex: 5,
        });
      }
    }
  }
  return { values, evidence };
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
