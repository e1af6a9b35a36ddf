import type { Baseline } from '../baseline/baseline.js';
import { expectedVolume } from '../baseline/baseline.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import type { WindowStats } from '../features/window-stats.js';
import type { WindowCandidate } from './window-candidate.js';
import { windowLabel } from './feature-rows.js';
import { formatCount, formatHours } from '../text/format-values.js';
import { clamp01 } from '../features/evidence-candidate.js';

/** A run of empty windows is a drop when this many requests were expected in it (P(0) = e^−9 ≈ 1e−4)… */
const DROP_MIN_EXPECTED = 9;
/** …and it lasts this many windows (a route's silence shorter than a quarter hour is a lull). */
const DROP_MIN_WINDOWS = 3;
/** A silence is scored from medium (55) up to critical's edge and beyond (95), fully when 60 more requests than the minimum were expected. */
const DROP_BASE_SCORE = 55;
const DROP_SCORE_SPAN = 40;
const DROP_FULL_EXCESS = 60;
/** Windows either side of a run that give its local expectation. */
const LOCAL_WINDOWS = 12;
/** A whole-log silence is a gap in the data when at least this many records were expected in it. */
const GAP_MIN_EXPECTED = 10;

/** Windows of the input's time range in which the whole log has no records at all, as index runs. */
export function findGaps(aggregator: TrafficAggregator): { startIndex: number; lastIndex: number }[] {
  if (aggregator.records === 0) return [];
  const first = Math.floor(aggregator.startMs / aggregator.windowMs);
  const last = Math.floor(aggregator.endMs / aggregator.windowMs);
  const gaps: { startIndex: number; lastIndex: number }[] = [];
  let runStart = -1;
  let expected = 0;
  const perWindow = aggregator.records / Math.max(1, aggregator.totals.size);
  for (let index = first; index <= last + 1; index++) {
    const empty = index <= last && !aggregator.totals.has(index);
    if (empty) {
      if (runStart < 0) {
        runStart = index;
        expected = 0;
      }
      expected += perWindow;
    } else if (runStart >= 0) {
      if (expected >= GAP_MIN_EXPECTED) gaps.push({ startIndex: runStart, lastIndex: index - 1 });
      runStart = -1;
    }
  }
  return gaps;
}

/**
 * An endpoint that is busy in its baseline and serves nothing for a span its baseline makes
 * improbable. Windows where the whole log is silent are gaps, not drops, and are skipped.
 */
export function findTrafficDrops(baseline: Baseline, aggregator: TrafficAggregator): WindowCandidate[] {
  const indexes = [...aggregator.totals.keys()].sort((a, b) => a - b);
  const label = windowLabel(aggregator.windowMs);
  const siteTypical = medianOf(indexes.map((index) => aggregator.totals.get(index)!));
  const siteAt = (i: number): number => aggregator.totals.get(indexes[i]!)!;
  let baselineRequests = 0;
  for (const profile of baseline.endpoints.values()) baselineRequests += profile.requests;
  const drops: WindowCandidate[] = [];
  for (const [endpoint, profile] of [...baseline.endpoints].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (profile.requests < DROP_MIN_EXPECTED * 2) continue;
    const windows = aggregator.endpoints.entities.get(endpoint)?.windows;
    // Requests kept out of the baseline (flagged attacks) are no traffic the route could lose.
    const excluded = baseline.excluded?.byEndpoint.get(endpoint);
    const countAt = (i: number): number => Math.max(0, (windows?.get(indexes[i]!)?.requests ?? 0) - (excluded?.get(indexes[i]!) ?? 0));
    let i = 0;
    while (i < indexes.length) {
      if (countAt(i) > 0) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < indexes.length && countAt(j + 1) === 0) j++;
      const run = j - i + 1;
      // The median of the surrounding windows: a burst next to the silence must not make it look deep.
      const around: number[] = [];
      for (let k = Math.max(0, i - LOCAL_WINDOWS); k < Math.min(indexes.length, j + 1 + LOCAL_WINDOWS); k++) {
        if (k < i || k > j) around.push(countAt(k));
      }
      const localMedian = medianOf(around);
      let fromBaseline = 0;
      let siteInRun = 0;
      for (let k = i; k <= j; k++) {
        fromBaseline += expectedVolume(baseline, profile, indexes[k]! * aggregator.windowMs).mean;
        siteInRun += siteAt(k);
      }
      // A route is expected to be as busy as the site around it: on a quiet night of a small site
      // (one crawler request an hour) its silence is the site's, not a drop of the route. Its
      // usual share of what the site did get in those windows is the most it can be missing.
      fromBaseline = Math.min(fromBaseline * Math.min(1, siteInRun / Math.max(1, run * siteTypical)), (profile.requests / baselineRequests) * siteInRun);
      // Both sides of the run must have traffic: an endpoint that starts late or ends early did not drop.
      const before = i > 0 && countAt(i - 1) >= 0 && hasTraffic(countAt, Math.max(0, i - LOCAL_WINDOWS), i - 1);
      const after = j + 1 < indexes.length && hasTraffic(countAt, j + 1, Math.min(indexes.length - 1, j + LOCAL_WINDOWS));
      // The baseline's typical volume (a median, so bursts nearby do not deepen the silence), only where traffic flows around it.
      const expected = localMedian > 0 ? fromBaseline : 0;
      const oneClient = windows !== undefined && oneClientBefore(windows, indexes, Math.max(0, i - LOCAL_WINDOWS), i - 1);
      if (run >= DROP_MIN_WINDOWS && before && after && expected >= DROP_MIN_EXPECTED && !oneClient) {
        const startIndex = indexes[i]!;
        const lastIndex = indexes[j]!;
        const significance = clamp01((expected - DROP_MIN_EXPECTED) / DROP_FULL_EXCESS);
        drops.push({
          entity: 'endpoint',
          key: endpoint,
          index: startIndex,
          lastIndex,
          score: DROP_BASE_SCORE + DROP_SCORE_SPAN * significance,
          rawScore: 0,
          kind: 'traffic_drop',
          evidence: [
            {
              feature: 'volume',
              observed: 0,
              baseline: Math.round(expected),
              unit: 'requests',
              text: `0 requests in ${run} windows of ${label}${spanText(indexes[i]!, indexes[j]!, run, aggregator.windowMs)} vs ${formatCount(expected)} expected (probability of silence e^-${Math.round(expected)})`,
              significance: 0.5 + significance / 2,
              contribution: 1,
            },
          ],
          endpoints: [endpoint],
          clients: [],
          consumers: [],
          userAgents: [],
          leadClient: null,
          requests: 0,
          samples: [],
          historyWindows: profile.activeWindows,
          confidence: (1 - Math.exp(-profile.activeWindows / 12)) * clamp01(expected / 30),
          baselineNote: null,
        });
      }
      i = j + 1;
    }
  }
  return drops;
}

/** One client going quiet is not a route's drop: that client sent most of the route's requests just before. */
const ONE_CLIENT_SHARE = 0.5;

function oneClientBefore(windows: ReadonlyMap<number, WindowStats>, indexes: readonly number[], from: number, to: number): boolean {
  const byLead = new Map<string, number>();
  let total = 0;
  for (let k = from; k <= to; k++) {
    const w = windows.get(indexes[k]!);
    if (!w) continue;
    total += w.requests;
    if (w.leadClient !== null) byLead.set(w.leadClient, (byLead.get(w.leadClient) ?? 0) + w.leadClientRequests);
  }
  let top = 0;
  for (const n of byLead.values()) top = Math.max(top, n);
  return total > 0 && top >= ONE_CLIENT_SHARE * total;
}

function hasTraffic(countAt: (i: number) => number, from: number, to: number): boolean {
  for (let k = from; k <= to; k++) if (countAt(k) > 0) return true;
  return false;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)]!;
}

/** The windows of a run are those with traffic somewhere on the site: when the site was silent between them, say how long the run lasted. */
function spanText(startIndex: number, lastIndex: number, run: number, windowMs: number): string {
  const span = lastIndex - startIndex + 1;
  if (span === run) return '';
  return ` with traffic elsewhere on the site, over ${formatHours(span * windowMs)}`;
}
