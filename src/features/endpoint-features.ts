import type { Baseline } from '../baseline/baseline.js';
import { expectedVolume } from '../baseline/baseline.js';
import type { EndpointProfile } from '../baseline/endpoint-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance, rateSignificance, shrunkRate } from './evidence-candidate.js';
import { formatBytes, formatCount, formatMs, formatPercent } from '../detect/format-values.js';

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
): WindowFeatures {
  const n = stats?.requests ?? 0;
  const evidence: EvidenceCandidate[] = [];
  const expected = expectedVolume(baseline, profile, windowStartMs);
  const volume = Math.log2((n + 1) / (expected.mean + 1));
  const rise = ratioSignificance(n, expected.mean + 2 * expected.sd, 20);
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
  if (n > 0 && stats) {
    // Server errors matter at a few percent; 401s and 404s are part of normal traffic and need more.
    const rates: [number, number, string, string, number, number, number][] = [
      [stats.status5xx, profile.rate(profile.status5xx), 'error_5xx_ratio', '5xx ratio', 1, 0.03, 0.2],
      [stats.authFailures, profile.rate(profile.authFailures), 'auth_failure_ratio', '401/403 ratio', 2, 0.1, 0.4],
      [stats.notFound, profile.rate(profile.notFound), 'not_found_ratio', '404 ratio', 3, 0.1, 0.4],
    ];
    for (const [count, base, feature, label, index, floor, span] of rates) {
      values[index] = shrunkRate(count, n, base) - base;
      const significance = rateSignificance(count, n, base, 5, floor, span);
      if (significance > 0) {
        evidence.push({
          feature,
          observed: round4(count / n),
          baseline: round4(base),
          unit: 'ratio',
          text: `${label} ${formatPercent(count / n)} vs ${formatPercent(base)} normally (${formatCount(count)} of ${formatCount(n)} requests)`,
          significance,
          featureIndex: index,
        });
      }
    }
    // A regression moves the whole distribution: the median must move, not only the tail of a few requests.
    const p50 = stats.latencyQuantile(0.5);
    const p95 = stats.latencyQuantile(0.95);
    const baseP50 = profile.latency.quantile(0.5);
    const baseP95 = profile.latency.quantile(0.95);
    if (p50 !== null && p95 !== null && baseP50 !== null && baseP95 !== null && stats.latencyCount >= 10) {
      values[4] = Math.log2((p50 + 1) / (baseP50 + 1));
      const tail = Math.log2((p95 + 1) / (baseP95 + 1));
      const significance = clamp01((values[4]! - 1.5) / 2) * clamp01(tail);
      if (significance > 0) {
        evidence.push({
          feature: 'latency',
          observed: round1(p50),
          baseline: round1(baseP50),
          unit: 'ms',
          text: `median latency ${formatMs(p50)} vs ${formatMs(baseP50)} normally (p95 ${formatMs(p95)} vs ${formatMs(baseP95)})`,
          significance,
          featureIndex: 4,
        });
      }
    }
    const baseSize = profile.size.mean();
    if (stats.bytesCount >= 5 && baseSize !== null) {
      const mean = stats.bytesSum / stats.bytesCount;
      values[5] = Math.log2((mean + 1) / (baseSize + 1));
      const significance = clamp01((values[5]! - 2) / 3);
      if (significance > 0) {
        evidence.push({
          feature: 'response_size',
          observed: Math.round(mean),
          baseline: Math.round(baseSize),
          unit: 'bytes',
          text: `mean response ${formatBytes(mean)} vs ${formatBytes(baseSize)} normally`,
          significance,
          featureIndex: 5,
        });
      }
    }
  }
  return { values, evidence };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
