import type { Baseline } from '../baseline/baseline.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import { claimKey, type WindowCandidate } from './window-candidate.js';
import { isKnownEndpoint } from '../features/route-normals.js';
import { INVALID_ENDPOINT } from '../normalize/endpoint-key.js';
import { clamp01 } from '../features/evidence-candidate.js';
import { formatCount, formatPercent } from '../text/format-values.js';

/** A new endpoint must serve at least this many requests, mostly successfully, to be reported. */
const MIN_REQUESTS = 20;
const MIN_SUCCESS = 0.7;
/** In analyze mode, an endpoint first seen after this share of the time range is new. */
const LATE_SHARE = 0.2;
/** Windows from a new route's first request that count as its appearance… */
const ONSET_WINDOWS = 12;
/** …as long as its traffic does not pause longer than this many windows (then the route is simply in use). */
const ONSET_MAX_QUIET_WINDOWS = 3;
/**
 * A new route is notable, never alarming on its own: its score runs from just below medium (45)
 * to high's edge (70), reached at 2^5 = 32 times the minimum requests.
 */
const BASE_SCORE = 45;
const SCORE_SPAN = 25;
const FULL_SIGNIFICANCE_DOUBLINGS = 5;
/** Confidence grows with the route's active windows (full at an hour of 5-minute windows) and its requests (63% at 20). */
const CONFIDENT_WINDOWS = 12;
const CONFIDENT_REQUESTS_SCALE = 20;

/** What the judged traffic did on one route. */
interface RouteActivity {
  requests: number;
  activeWindows: number;
  status2xx: number;
  status3xx: number;
  distinctClients: number;
  firstSeenMs: number;
}

/**
 * Routes the baseline never saw that now serve traffic. In analyze mode (the baseline is the
 * input itself) "never seen" means first seen well into the time range.
 */
export function findNewEndpoints(baseline: Baseline, aggregator: TrafficAggregator, mode: 'analyze' | 'score'): WindowCandidate[] {
  const found: WindowCandidate[] = [];
  const lateFrom = aggregator.startMs + LATE_SHARE * (aggregator.endMs - aggregator.startMs);
  for (const [endpoint, totals] of [...aggregator.endpointTotals].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (endpoint === INVALID_ENDPOINT || endpoint.includes('{other}')) continue;
    const windows = aggregator.endpoints.entities.get(endpoint)!.windows;
    // analyze: the baseline was learned from this very traffic, less what the request-level scan flagged.
    const profile: RouteActivity =
      mode === 'analyze'
        ? baseline.endpoints.get(endpoint)!
        : { requests: totals.requests, activeWindows: windows.size, status2xx: totals.status2xx, status3xx: totals.status3xx, distinctClients: totals.distinctClients, firstSeenMs: totals.firstSeenMs };
    const isNew = mode === 'score' ? !isKnownEndpoint(baseline, endpoint) : profile.firstSeenMs >= lateFrom;
    if (!isNew || profile.requests < MIN_REQUESTS || profile.activeWindows < 2) continue;
    const success = (profile.status2xx + profile.status3xx) / profile.requests;
    if (success < MIN_SUCCESS || profile.distinctClients < 2) continue;
    const indexes = [...windows.keys()].sort((a, b) => a - b);
    // The incident is the route's appearance: it meets other findings at its onset, not over its whole life.
    const onset = [indexes[0]!];
    for (const index of indexes.slice(1)) {
      if (index - onset[onset.length - 1]! > ONSET_MAX_QUIET_WINDOWS || index - onset[0]! >= ONSET_WINDOWS) break;
      onset.push(index);
    }
    const significance = clamp01(Math.log2(profile.requests / MIN_REQUESTS) / FULL_SIGNIFICANCE_DOUBLINGS);
    const first = new Date(profile.firstSeenMs).toISOString();
    found.push({
      entity: 'endpoint',
      key: endpoint,
      index: indexes[0]!,
      lastIndex: indexes[indexes.length - 1]!,
      score: BASE_SCORE + SCORE_SPAN * significance,
      rawScore: 0,
      kind: 'new_endpoint',
      evidence: [
        {
          feature: 'new_endpoint',
          observed: profile.requests,
          baseline: 0,
          unit: 'requests',
          text: `${formatCount(profile.requests)} requests (${formatPercent(success)} successful) from ${formatCount(profile.distinctClients)} clients on a route ${mode === 'score' ? 'the baseline never saw' : `first seen at ${first}`}; normally 0`,
          significance,
          contribution: 1,
        },
      ],
      endpoints: [endpoint],
      clients: [],
      consumers: [],
      userAgents: [],
      leadClient: null,
      requests: profile.requests,
      samples: windows.get(indexes[0]!)!.samples,
      claims: indexes.map((index) => ({ actor: claimKey('endpoint', endpoint), index, requests: windows.get(index)!.requests })),
      active: onset,
      historyWindows: 0,
      confidence: clamp01(profile.activeWindows / CONFIDENT_WINDOWS) * (1 - Math.exp(-profile.requests / CONFIDENT_REQUESTS_SCALE)),
      baselineNote: 'baseline: 0 windows of this endpoint',
    });
  }
  return found;
}
