import type { BaselineProfiles } from '../baseline/baseline.js';
import type { ClientHistory } from '../baseline/client-history.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance, rateSignificance, shrunkRate } from './evidence-candidate.js';
import { countSignificance } from './endpoint-features.js';
import { CLIENT_FEATURE_TABLE as TABLE, type ClientFeature } from './client-feature-table.js';
import { evidenceOf, featureNames, vectorOf } from './feature-table.js';
import { RouteNormals } from './route-normals.js';

export const CLIENT_FEATURES = featureNames(TABLE);

// The thresholds of a client window, each with the reason for its value. Significances are
// 0..1 ramps: "from A over B" means 0 at A, 1 at A + B (log2 units where the measure is a log).

/** Windows of history before a client's own normal counts (an hour at 5-minute windows). */
const OWN_HISTORY_WINDOWS = 12;
/** A client's own normal is three times its median: its usual peaks are not news, a flood is. */
const OWN_TYPICAL_FACTOR = 3;
/** "A busy client" is the population's p95 of requests per window. */
const BUSY_CLIENT_QUANTILE = 0.95;
/** Writes are rarer and burstier than reads: a busy writer is the population's p99. */
const BUSY_WRITER_QUANTILE = 0.99;
/** Fewer requests than this in a window are never a volume incident on their own. */
const MIN_VOLUME_REQUESTS = 50;
/** 401/403 and 404 rates need this many failures: a few typos or expired tokens are everyday. */
const MIN_RATE_FAILURES = 10;
/** Walking ids: at least this many distinct paths… */
const MIN_ID_PATHS = 20;
/** …most of them (this share of requests) on one known route. */
const MIN_ID_ROUTE_SHARE = 0.5;
/** Up to this multiple of its own high volume a client is doing what it always does. */
const OWN_VOLUME_HEADROOM = 1.5;
/** Distinct paths against a busy client's, from 2^1.5 (≈2.8×) over 3 doublings. */
const ID_PATHS_FROM = 1.5;
const ID_PATHS_SPAN = 3;
/** A client at its own usual volume reading many ids is mostly a busy app: its evidence counts 40%. */
const AT_OWN_VOLUME_WEIGHT = 0.4;
/** Unknown routes: at least this many requests on them, over at least this many distinct paths. */
const MIN_UNKNOWN_REQUESTS = 10;
const MIN_UNKNOWN_PATHS = 10;
/** Share of requests answered 4xx, from 30% over 40 points: scanners are mostly refused, readers are not. */
const REJECTED_FROM = 0.3;
const REJECTED_SPAN = 0.4;
/** Share of requests on unknown routes, from 30% over 50 points. */
const UNKNOWN_SHARE_FROM = 0.3;
const UNKNOWN_SHARE_SPAN = 0.5;
/** Breadth of a scan: full at 2^5 = 32 distinct paths. */
const SCAN_BREADTH_LOG2 = 5;
/** Outsized responses: at least this many judged responses (or requests on one route)… */
const MIN_SIZED_RESPONSES = 3;
/** …against this normal share of responses over twice the p95 size (1%, by definition of a tail). */
const NORMAL_BIG_SHARE = 0.01;
/** A route's mean response this many times its (spread-scaled) median is outsized… */
const OUTSIZED_RATIO = 4;
/** …full at 16× (from 2^2 over 2 doublings), with full weight from this many requests. */
const OUTSIZED_FROM_LOG2 = 2;
const OUTSIZED_SPAN_LOG2 = 2;
const OUTSIZED_FULL_REQUESTS = 4;
/** Bytes sent must be over twice (log2 > 1) what the routes normally send. */
const MIN_BYTES_LOG2 = 1;
/** Writes: a pseudo-count of two over a busy writer's, and at least this many writes. */
const WRITES_PRIOR = 2;
const MIN_WRITES = 30;

/**
 * Features of one client window. Rates are compared with what the endpoints the client used
 * normally show, volume with the client's own history and the client population, so a busy
 * partner that is always busy is normal and a quiet client that floods is not.
 */
export function clientWindowFeatures(
  stats: WindowStats,
  history: ClientHistory | undefined,
  baseline: BaselineProfiles,
  windowLabel: string,
  normals: RouteNormals = new RouteNormals(baseline),
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
    const normal = normals.of(endpoint);
    if (!normal.known) {
      unknown += count;
      return;
    }
    expectedAuth += count * normal.authFailures;
    expectedNotFound += count * normal.notFound;
    expectedBytes += count * normal.meanBytes;
  });
  const known = n - unknown;
  const authRate = known > 0 ? expectedAuth / known : 0;
  const notFoundRate = known > 0 ? expectedNotFound / known : 0;
  const paths = stats.pathCount();
  const routes = Math.max(1, stats.routeCount());
  const populationHigh = baseline.clients.requests.quantile(BUSY_CLIENT_QUANTILE) ?? 1;
  // A client's own normal counts only with enough history, and by its median: a flood must not become its own baseline.
  const typical = Math.max(populationHigh, history && history.windows >= OWN_HISTORY_WINDOWS ? OWN_TYPICAL_FACTOR * history.typicalRequests : 0);
  const expectedWrites = baseline.clients.writes.quantile(BUSY_WRITER_QUANTILE) ?? 0;

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

  const volume = ratioSignificance(n, typical, MIN_VOLUME_REQUESTS);
  if (volume > 0) {
    const own = history && history.windows >= OWN_HISTORY_WINDOWS ? history.typicalRequests : null;
    evidence.push(evidenceOf(TABLE, 'requests', { observed: n, baseline: round1(typical), significance: volume }, { requests: n, busy: populationHigh, own, window: windowLabel }));
  }
  const auth = rateSignificance(stats.authFailures, n, authRate, MIN_RATE_FAILURES);
  if (auth > 0) {
    evidence.push(evidenceOf(TABLE, 'auth_failure_ratio', { observed: round4(stats.authFailures / n), baseline: round4(authRate), significance: auth }, { count: stats.authFailures, total: n, normal: authRate }));
  }
  const notFound = rateSignificance(stats.notFound, n, notFoundRate, MIN_RATE_FAILURES);
  if (notFound > 0) {
    evidence.push(evidenceOf(TABLE, 'not_found_ratio', { observed: round4(stats.notFound / n), baseline: round4(notFoundRate), significance: notFound }, { count: stats.notFound, total: n, normal: notFoundRate }));
  }
  const typicalPaths = baseline.clients.distinctPaths.quantile(BUSY_CLIENT_QUANTILE) ?? 1;
  if (paths >= MIN_ID_PATHS && topCount / Math.max(1, n) >= MIN_ID_ROUTE_SHARE && normals.of(topEndpoint).known) {
    // Walking ids: many more distinct paths of one route than a busy client ever touches.
    // A client at its own usual volume (a busy app, a partner's sync) reads many ids every
    // window; an enumeration adds volume to whatever the client normally sends.
    const atOwnVolume = history !== undefined && history.windows >= OWN_HISTORY_WINDOWS && n <= OWN_VOLUME_HEADROOM * history.highRequests;
    const significance = clamp01((Math.log2(paths / (typicalPaths + 1)) - ID_PATHS_FROM) / ID_PATHS_SPAN) * (atOwnVolume ? AT_OWN_VOLUME_WEIGHT : 1);
    if (significance > 0) {
      evidence.push(evidenceOf(TABLE, 'distinct_ids', { observed: paths, baseline: round1(typicalPaths), significance }, { paths, route: topEndpoint, busy: typicalPaths, window: windowLabel }));
    }
  }
  if (unknown >= MIN_UNKNOWN_REQUESTS && paths >= MIN_UNKNOWN_PATHS) {
    const share = unknown / n;
    // Scanners mostly get 4xx; a reader browsing rarely visited pages gets 200s.
    const rejected = clamp01((stats.status4xx / n - REJECTED_FROM) / REJECTED_SPAN);
    const significance = clamp01((share - UNKNOWN_SHARE_FROM) / UNKNOWN_SHARE_SPAN) * clamp01(Math.log2(paths) / SCAN_BREADTH_LOG2) * rejected;
    if (significance > 0) {
      evidence.push(evidenceOf(TABLE, 'unknown_routes', { observed: round4(share), baseline: 0, significance }, { share, requests: n, paths }));
    }
  }
  // Outsized responses: judged against each endpoint's normal size as they streamed by, and after the
  // fact per endpoint (mean response of this client against the endpoint's median), which also covers the
  // start of a log before the endpoint had a normal.
  let outsized = stats.referenced >= MIN_SIZED_RESPONSES ? countSignificance(stats.bigResponses, stats.referenced, NORMAL_BIG_SHARE) : 0;
  stats.forEachRoute((endpoint, requests, bytes) => {
    if (requests < MIN_SIZED_RESPONSES || bytes <= 0) return;
    // Against the median: the outsized responses themselves may be most of the endpoint's tail.
    // Scaled by the endpoint's own spread (p75/p50), so a heavy-tailed file download is not news.
    const { p50, p75, known } = normals.of(endpoint);
    if (p50 === null || p75 === null || p50 <= 0 || !known) return;
    const ratio = bytes / requests / p50 / Math.max(1, p75 / p50);
    if (ratio >= OUTSIZED_RATIO) outsized = Math.max(outsized, clamp01((Math.log2(ratio) - OUTSIZED_FROM_LOG2) / OUTSIZED_SPAN_LOG2) * clamp01(requests / OUTSIZED_FULL_REQUESTS));
  });
  if (outsized > 0 && values.response_bytes > MIN_BYTES_LOG2) {
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
  const writes = ratioSignificance(stats.writesOk, expectedWrites + WRITES_PRIOR, MIN_WRITES);
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
