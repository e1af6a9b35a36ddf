import type { Baseline } from '../baseline/baseline.js';
import type { ClientHistory } from '../baseline/client-history.js';
import { INVALID_ENDPOINT } from '../normalize/endpoint-key.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance, rateSignificance, shrunkRate } from './evidence-candidate.js';
import { formatBytes, formatCount, formatPercent } from '../text/format-values.js';
import { countSignificance } from './endpoint-features.js';

export const CLIENT_FEATURES = [
  'requests',
  'auth_failure_ratio',
  'not_found_ratio',
  'distinct_paths',
  'paths_per_route',
  'unknown_routes',
  'response_bytes',
  'writes',
] as const;

/** An endpoint with fewer requests than this in the baseline is "never seen" for the purpose of scanning. */
export const MIN_ROUTE_SUPPORT = 5;

export function isKnownEndpoint(baseline: Baseline, endpoint: string): boolean {
  if (endpoint === INVALID_ENDPOINT || endpoint.includes('{other}')) return false;
  const profile = baseline.endpoints.get(endpoint);
  return profile !== undefined && profile.requests >= MIN_ROUTE_SUPPORT && profile.distinctClients >= 2;
}

/**
 * Features of one client window. Rates are compared with what the endpoints the client used
 * normally show, volume with the client's own history and the client population, so a busy
 * partner that is always busy is normal and a quiet client that floods is not.
 */
export function clientWindowFeatures(
  stats: WindowStats,
  history: ClientHistory | undefined,
  baseline: Baseline,
  windowLabel: string,
): WindowFeatures {
  const n = stats.requests;
  const evidence: EvidenceCandidate[] = [];
  let expectedAuth = 0;
  let expectedNotFound = 0;
  let expectedBytes = 0;
  let unknown = 0;
  let topEndpoint = '';
  let topCount = 0;
  stats.forEachRoute((endpoint, count) => {
    if (count > topCount) {
      topCount = count;
      topEndpoint = endpoint;
    }
    const profile = baseline.endpoints.get(endpoint);
    if (!isKnownEndpoint(baseline, endpoint) || !profile) {
      unknown += count;
      return;
    }
    expectedAuth += count * profile.robust.authFailures;
    expectedNotFound += count * profile.robust.notFound;
    expectedBytes += count * (profile.size.mean() ?? 0);
  });
  const known = n - unknown;
  const authRate = known > 0 ? expectedAuth / known : 0;
  const notFoundRate = known > 0 ? expectedNotFound / known : 0;
  const paths = stats.pathCount();
  const routes = Math.max(1, stats.routeCount());
  const populationHigh = baseline.clients.requests.quantile(0.95) ?? 1;
  // A client's own normal counts only with enough history, and by its median: a flood must not become its own baseline.
  const typical = Math.max(populationHigh, history && history.windows >= 12 ? 3 * history.typicalRequests : 0);
  const expectedWrites = baseline.clients.writes.quantile(0.99) ?? 0;

  const values = [
    Math.log2((n + 1) / (typical + 1)),
    shrunkRate(stats.authFailures, n, authRate) - authRate,
    shrunkRate(stats.notFound, n, notFoundRate) - notFoundRate,
    Math.log2(paths + 1),
    Math.log2((paths + 1) / (routes + 1)),
    n === 0 ? 0 : unknown / n,
    stats.bytesCount === 0 ? 0 : Math.log2((stats.bytesSum + 1) / (expectedBytes + 1)),
    Math.log2((stats.writesOk + 1) / (expectedWrites + 1)),
  ];

  const volume = ratioSignificance(n, typical, 50);
  if (volume > 0) {
    const own = history && history.windows >= 12 ? `, ${formatCount(history.typicalRequests)} for this client` : '';
    evidence.push({
      feature: 'requests',
      observed: n,
      baseline: round1(typical),
      unit: 'requests',
      text: `${formatCount(n)} requests in ${windowLabel} vs ${formatCount(populationHigh)} for a busy client${own}`,
      significance: volume,
      featureIndex: 0,
    });
  }
  const auth = rateSignificance(stats.authFailures, n, authRate, 10);
  if (auth > 0) {
    evidence.push({
      feature: 'auth_failure_ratio',
      observed: round4(stats.authFailures / n),
      baseline: round4(authRate),
      unit: 'ratio',
      text: `401/403 on ${formatPercent(stats.authFailures / n)} of ${formatCount(n)} requests vs ${formatPercent(authRate)} normally on these routes`,
      significance: auth,
      featureIndex: 1,
    });
  }
  const notFound = rateSignificance(stats.notFound, n, notFoundRate, 10);
  if (notFound > 0) {
    evidence.push({
      feature: 'not_found_ratio',
      observed: round4(stats.notFound / n),
      baseline: round4(notFoundRate),
      unit: 'ratio',
      text: `404 on ${formatPercent(stats.notFound / n)} of ${formatCount(n)} requests vs ${formatPercent(notFoundRate)} normally on these routes`,
      significance: notFound,
      featureIndex: 2,
    });
  }
  const typicalPaths = baseline.clients.distinctPaths.quantile(0.95) ?? 1;
  if (paths >= 20 && topCount / Math.max(1, n) >= 0.5 && isKnownEndpoint(baseline, topEndpoint)) {
    // Walking ids: many more distinct paths of one route than a busy client ever touches.
    // A client at its own usual volume (a busy app, a partner's sync) reads many ids every
    // window; an enumeration adds volume to whatever the client normally sends.
    const atOwnVolume = history !== undefined && history.windows >= 12 && n <= 1.5 * history.highRequests;
    const significance = clamp01((Math.log2(paths / (typicalPaths + 1)) - 1.5) / 3) * (atOwnVolume ? 0.4 : 1);
    if (significance > 0) {
      evidence.push({
        feature: 'distinct_ids',
        observed: paths,
        baseline: round1(typicalPaths),
        unit: 'paths',
        text: `${formatCount(paths)} distinct paths of ${topEndpoint} in ${windowLabel} vs ${formatCount(typicalPaths)} for a busy client`,
        significance,
        featureIndex: 4,
      });
    }
  }
  if (unknown >= 10 && paths >= 10) {
    const share = unknown / n;
    // Scanners mostly get 4xx; a reader browsing rarely visited pages gets 200s.
    const rejected = clamp01((stats.status4xx / n - 0.3) / 0.4);
    const significance = clamp01((share - 0.3) / 0.5) * clamp01(Math.log2(paths) / 5) * rejected;
    if (significance > 0) {
      evidence.push({
        feature: 'unknown_routes',
        observed: round4(share),
        baseline: 0,
        unit: 'ratio',
        text: `${formatPercent(share)} of ${formatCount(n)} requests on routes the baseline never saw (${formatCount(paths)} distinct paths)`,
        significance,
        featureIndex: 5,
      });
    }
  }
  // Outsized responses: judged against each endpoint's normal size as they streamed by, and after the
  // fact per endpoint (mean response of this client against the endpoint's median), which also covers the
  // start of a log before the endpoint had a normal.
  let outsized = stats.referenced >= 3 ? countSignificance(stats.bigResponses, stats.referenced, 0.01) : 0;
  stats.forEachRoute((endpoint, requests, bytes) => {
    if (requests < 3 || bytes <= 0) return;
    // Against the median: the outsized responses themselves may be most of the endpoint's tail.
    // Scaled by the endpoint's own spread (p75/p50), so a heavy-tailed file download is not news.
    const size = baseline.endpoints.get(endpoint)?.size;
    const p50 = size?.quantile(0.5) ?? null;
    const p75 = size?.quantile(0.75) ?? null;
    if (p50 === null || p75 === null || p50 <= 0 || !isKnownEndpoint(baseline, endpoint)) return;
    const ratio = bytes / requests / p50 / Math.max(1, p75 / p50);
    if (ratio >= 4) outsized = Math.max(outsized, clamp01((Math.log2(ratio) - 2) / 2) * clamp01(requests / 4));
  });
  if (outsized > 0 && values[6]! > 1) {
    evidence.push({
      feature: 'response_bytes',
      observed: stats.bytesSum,
      baseline: Math.round(expectedBytes),
      unit: 'bytes',
      text: `${formatBytes(stats.bytesSum)} sent in ${formatCount(n)} responses vs ${formatBytes(expectedBytes)} expected for these routes (${formatCount(2 ** values[6]!)}×); ${formatCount(stats.bigResponses)} responses over twice their endpoint's normal p95 size`,
      significance: outsized,
      featureIndex: 6,
    });
  }
  const writes = ratioSignificance(stats.writesOk, expectedWrites + 2, 30);
  if (writes > 0) {
    evidence.push({
      feature: 'writes',
      observed: stats.writesOk,
      baseline: round1(expectedWrites),
      unit: 'requests',
      text: `${formatCount(stats.writesOk)} successful writes (PUT/PATCH/DELETE, POST on items) on ${formatCount(paths)} distinct paths in ${windowLabel} vs ${formatCount(expectedWrites)} for a busy client`,
      significance: writes,
      featureIndex: 7,
    });
  }
  return { values, evidence };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** The endpoint a client window spent most requests on. */
export function topEndpointOf(stats: WindowStats): string | null {
  let best: string | null = null;
  let bestCount = 0;
  stats.forEachRoute((endpoint, count) => {
    if (count > bestCount || (count === bestCount && best !== null && endpoint < best)) {
      best = endpoint;
      bestCount = count;
    }
  });
  return best;
}
