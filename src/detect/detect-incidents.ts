import type { Baseline, EntityKind } from '../baseline/baseline.js';
import { OTHER_CLIENTS, type TrafficAggregator } from '../features/traffic-aggregator.js';
import type { ClientRowsByWindow } from '../features/client-windows.js';
import type { Incident } from '../types.js';
import { entityRows, type EntityRows } from './feature-rows.js';
import { scoreWindows } from './score-windows.js';
import { mergeCandidates } from './merge-candidates.js';
import { withoutMissingFileBursts } from './missing-visitors.js';
import { withoutAttackersOwnErrors } from './attack-errors.js';
import { buildIncident } from './build-incident.js';
import { severityRank } from './severity.js';
import { findNewEndpoints } from './new-endpoints.js';
import { findGaps, findTrafficDrops } from './silence.js';
import type { WindowCandidate } from './window-candidate.js';

export interface Detection {
  incidents: Incident[];
  gaps: { start: string; end: string }[];
  timeline: { bucketMs: number; points: { t: string; requests: number; score: number }[] };
}

/**
 * Scores the aggregated input against a baseline and returns ranked incidents. In analyze
 * mode the baseline was learned from this same input (pass the rows `learnBaseline` built).
 */
export function detectIncidents(
  baseline: Baseline,
  aggregator: TrafficAggregator,
  mode: 'analyze' | 'score',
  prebuiltRows?: Record<EntityKind, EntityRows>,
  extraCandidates: readonly WindowCandidate[] = [],
): Detection {
  const rows = prebuiltRows ?? entityRows(baseline, aggregator);
  const candidates: WindowCandidate[] = [...extraCandidates];
  for (const kind of Object.keys(rows) as EntityKind[]) candidates.push(...scoreWindows(rows[kind].flagged, baseline.models[kind]));
  candidates.push(...findNewEndpoints(baseline, aggregator, mode));
  const gaps = findGaps(aggregator);
  candidates.push(...findTrafficDrops(baseline, aggregator));
  let rowsByWindow: ClientRowsByWindow | undefined;
  const clientsOf = (windows: ReadonlyMap<string, ReadonlySet<number>>): Map<string, number> =>
    clientsOfEndpointWindows(aggregator, windows, (rowsByWindow ??= aggregator.clients.rowsByWindow()));
  const siteRequests = (startIndex: number, lastIndex: number): number => {
    let n = 0;
    for (let i = startIndex; i <= lastIndex; i++) n += aggregator.totals.get(i) ?? 0;
    return n;
  };
  const incidents = mergeCandidates(withoutAttackersOwnErrors(withoutMissingFileBursts(candidates))).map((group) => buildIncident(group, aggregator.windowMs, clientsOf, siteRequests));
  // What matters first (severity needs a signal; within a severity, incidents with a signal), then how unusual.
  const signalled = (i: Incident): number => (i.evidence.some((e) => e.feature === 'signal') ? 1 : 0);
  incidents.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || signalled(b) - signalled(a) || b.score - a.score || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || (a.id < b.id ? -1 : 1));
  incidents.forEach((incident, i) => (incident.rank = i + 1));
  return {
    incidents,
    gaps: gaps.map((g) => ({ start: new Date(g.startIndex * aggregator.windowMs).toISOString(), end: new Date((g.lastIndex + 1) * aggregator.windowMs).toISOString() })),
    timeline: buildTimeline(aggregator, candidates),
  };
}

/**
 * Requests per client on the given endpoint windows: the lines of the client windows on those
 * routes, plus those a client window counted under its other-routes bucket (the endpoint window
 * names them), so no sender of the windows' lines is missing.
 */
export function clientsOfEndpointWindows(
  aggregator: TrafficAggregator,
  windows: ReadonlyMap<string, ReadonlySet<number>>,
  rows: ClientRowsByWindow = aggregator.clients.rowsByWindow(),
): Map<string, number> {
  const counts = new Map<string, number>();
  const table = aggregator.clients.table;
  const ids: [number, ReadonlySet<number>][] = [];
  for (const [endpoint, indexes] of windows) {
    const id = table.endpointIdOf(endpoint);
    if (id >= 0) ids.push([id, indexes]);
    for (const index of indexes) {
      const folded = aggregator.endpoints.entities.get(endpoint)?.windows.get(index)?.foldedClients;
      if (folded) for (const [client, n] of folded) if (client !== OTHER_CLIENTS) counts.set(client, (counts.get(client) ?? 0) + n);
    }
  }
  const byOrdinal = new Map<number, number>();
  for (const [id, indexes] of ids) {
    for (const index of indexes) {
      const pairs = rows.byIndex.get(index);
      if (!pairs) continue;
      for (let k = 0; k < pairs.length; k += 2) {
        const n = table.routeRequestsOf(pairs[k + 1]!, id);
        if (n > 0) byOrdinal.set(pairs[k]!, (byOrdinal.get(pairs[k]!) ?? 0) + n);
      }
    }
  }
  // Clients in the aggregator's order, as a walk over every client would add them.
  for (const ordinal of [...byOrdinal.keys()].sort((a, b) => a - b)) {
    const client = rows.clients[ordinal]!;
    if (client === OTHER_CLIENTS) continue;
    counts.set(client, (counts.get(client) ?? 0) + byOrdinal.get(ordinal)!);
  }
  return counts;
}

/** Points of the HTML timeline: at most this many buckets over the whole range. */
const TIMELINE_POINTS = 600;

function buildTimeline(aggregator: TrafficAggregator, candidates: readonly WindowCandidate[]): Detection['timeline'] {
  const first = Math.floor(aggregator.startMs / aggregator.windowMs);
  const last = Math.floor(aggregator.endMs / aggregator.windowMs);
  const windows = Number.isFinite(first) ? last - first + 1 : 0;
  const per = Math.max(1, Math.ceil(windows / TIMELINE_POINTS));
  const points: { t: string; requests: number; score: number }[] = [];
  const scores = new Map<number, number>();
  for (const c of candidates) {
    for (let i = c.index; i <= c.lastIndex; i++) {
      const bucket = Math.floor((i - first) / per);
      scores.set(bucket, Math.max(scores.get(bucket) ?? 0, c.score));
    }
  }
  for (let b = 0; b * per < windows; b++) {
    let requests = 0;
    for (let i = first + b * per; i < first + (b + 1) * per && i <= last; i++) requests += aggregator.totals.get(i) ?? 0;
    points.push({ t: new Date((first + b * per) * aggregator.windowMs).toISOString(), requests, score: Math.round((scores.get(b) ?? 0) * 10) / 10 });
  }
  return { bucketMs: per * aggregator.windowMs, points };
}
