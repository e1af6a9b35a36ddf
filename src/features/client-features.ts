import type { Baseline } from '../baseline/baseline.js';
import type { ClientHistory } from '../baseline/client-history.js';
import { INVALID_ENDPOINT } from '../normalize/endpoint-key.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance, rateSignificance, shrunkRate } from './evidence-candidate.js';
import { countSignificance } from './endpoint-features.js';
import { CLIENT_FEATURE_TABLE as TABLE, type ClientFeature } from './client-feature-table.js';
import { evidenceOf, featureNames, vectorOf } from './feature-table.js';

export const CLIENT_FEATURES = featureNames(TABLE);

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

  const values: Record<ClientFeature, number> = {
    requests: Math.log2((n + 1) / (typical + 1)),
    auth_failure_ratio: shrunkRate(stats.authFailures, n, authRate) - authRate,
    not_found_ratio: shrunkRate(stats.notFound, n, notFoundRate) - notFoundRate,
    distinct_paths: Math.log2(paths + 1),
    distinct_ids: Math.log2((paths + 1) / (routes + 1)),
    unknown_routes: n === 0 ? 0 : unknown / n,
    response_bytes: stats.bytesCount === 0 ? 0 : Math.log2((stats.bytesSum + 1) / (expectedBytes + 1)),
    writes: Math.log2((stats.writesOk + 1) / (expectedWrites + 1)),
  };

  const volume = ratioSignificance(n, typical, 50);
  if (volume > 0) {
    const own = history && history.windows >= 12 ? history.typicalRequests : null;
    evidence.push(evidenceOf(TABLE, 'requests', { observed: n, baseline: round1(typical), significance: volume }, { requests: n, busy: populationHigh, own, window: windowLabel }));
  }
  const auth = rateSignificance(stats.authFailures, n, authRate, 10);
  if (auth > 0) {
    evidence.push(evidenceOf(TABLE, 'auth_failure_ratio', { observed: round4(stats.authFailures / n), baseline: round4(authRate), significance: auth }, { count: stats.authFailures, total: n, normal: authRate }));
  }
  const notFound = rateSignificance(stats.notFound, n, notFoundRate, 10);
  if (notFound > 0) {
    evidence.push(evidenceOf(TABLE, 'not_found_ratio', { observed: round4(stats.notFound / n), baseline: round4(notFoundRate), significance: notFound }, { count: stats.notFound, total: n, normal: notFoundRate }));
  }
  const typicalPaths = baseline.clients.distinctPaths.quantile(0.95) ?? 1;
  if (paths >= 20 && topCount / Math.max(1, n) >= 0.5 && isKnownEndpoint(baseline, topEndpoint)) {
    // Walking ids: many more distinct paths of one route than a busy client ever touches.
    // A client at its own usual volume (a busy app, a partner's sync) reads many ids every
    // window; an enumeration adds volume to whatever the client normally sends.
    const atOwnVolume = history !== undefined && history.windows >= 12 && n <= 1.5 * history.highRequests;
    const significance = clamp01((Math.log2(paths / (typicalPaths + 1)) - 1.5) / 3) * (atOwnVolume ? 0.4 : 1);
    if (significance > 0) {
      evidence.push(evidenceOf(TABLE, 'distinct_ids', { observed: paths, baseline: round1(typicalPaths), significance }, { paths, route: topEndpoint, busy: typicalPaths, window: windowLabel }));
    }
  }
  if (unknown >= 10 && paths >= 10) {
    const share = unknown / n;
    // Scanners mostly get 4xx; a reader browsing rarely visited pages gets 200s.
    const rejected = clamp01((stats.status4xx / n - 0.3) / 0.4);
    const significance = clamp01((share - 0.3) / 0.5) * clamp01(Math.log2(paths) / 5) * rejected;
    if (significance > 0) {
      evidence.push(evidenceOf(TABLE, 'unknown_routes', { observed: round4(share), baseline: 0, significance }, { share, requests: n, paths }));
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
  if (outsized > 0 && values.response_bytes > 1) {
    evidence.push(
      evidenceOf(TABLE, 'response_bytes', { observed: stats.bytesSum, baseline: Math.round(expectedBytes), significance: outsized }, {
        bytes: stats.bytesSum,
        responses: n,
        expected: expectedBytes,
        times: 2 ** values.response_bytes,
        big: stats.bigResponses,
      }),
    );
  }
  const writes = ratioSignificance(stats.writesOk, expectedWrites + 2, 30);
  if (writes > 0) {
    evidence.push(evidenceOf(TABLE, 'writes', { observed: stats.writesOk, baseline: round1(expectedWrites), significance: writes }, { writes: stats.writesOk, paths, busy: expectedWrites, window: windowLabel }));
  }
  return { values: vectorOf(CLIENT_FEATURES, values), evidence };
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
