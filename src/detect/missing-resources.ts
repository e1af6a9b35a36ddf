// Operational findings among the refused requests: a file the site's own pages or someone's
// automation keep asking for, and the site does not have (a stylesheet a page references, an
// artifact a deployment job downloads every hour). This is not probing: a prober asks for many
// different things a few times; here the same few things are asked for again and again, by
// clients that otherwise get what they ask for, or by one job on a schedule.

import type { SourceRef } from '../types.js';
import { claimKey, type RequestClaim, type WindowCandidate } from './window-candidate.js';
import { MAX_MINUTES_PER_PATH, MINUTE_MS, type ProbeSummary } from './campaigns/probe-tracker.js';
import { minuteSpans } from './campaigns/minute-tally.js';
import type { ClientPathTally } from './campaigns/client-probes.js';
import { isAutomaticFetch } from './campaigns/automatic-fetches.js';
import { mostFrequent } from './campaigns/campaign-candidate.js';
import { formatCount, formatCountOf } from '../text/format-values.js';
import { truncate } from '../text/sanitize.js';

/** A missing file is a finding once it was refused at least this many times. */
export const MIN_MISSING_REQUESTS = 20;
/** Browsers loading the site's pages: at least this many of them met the missing file… */
const MIN_BROWSING_CLIENTS = 3;
/** …each a client that got at least this share of everything it asked for (a page view that loses four of its images still got the page). */
const BROWSING_SERVED_SHARE = 0.25;
/** A job on a schedule: one client asking for at most this many missing paths… */
const JOB_MAX_PATHS = 2;
/** …again in at least this many distinct hours. */
const JOB_MIN_HOURS = 6;
/** Browsing clients and jobs sent at least this share of the file's requests (probers the rest). */
const EXPLAINED_SHARE = 0.6;
/** Missing files asked for by much the same clients (this share of the fewer) are one finding: a page's broken assets. */
const SAME_CLIENTS_SHARE = 0.5;
const HOUR_MS = 3_600_000;

interface Requester {
  client: string;
  agent: string;
  tally: ClientPathTally;
  browsing: boolean;
  job: boolean;
}

/**
 * Missing files asked for again and again (see the header), one candidate per group of files the
 * same clients met, as an operational finding of kind `other`. `covered` holds paths a campaign
 * already claims.
 */
export function findMissingResources(summary: ProbeSummary, windowMs: number, covered: ReadonlySet<string>): WindowCandidate[] {
  const { paths, clients, totals } = summary;
  const candidates = paths.map((p) => p.served === 0 && p.refused >= MIN_MISSING_REQUESTS && !isAutomaticFetch(p.path) && !covered.has(p.path));
  if (!candidates.some(Boolean)) return [];
  const missing = paths.map((p) => p.served === 0 && p.refused > 0);
  const requesters = new Map<number, Requester[]>();
  for (const c of clients) {
    const missingPaths = c.paths.filter((e) => missing[e.path]);
    const missed = missingPaths.reduce((n, e) => n + e.requests, 0);
    const total = Math.max(missed, totals.get(c.client) ?? missed);
    for (const tally of c.paths) {
      if (!candidates[tally.path]) continue;
      const hours = new Set(tally.minutes.map((m) => Math.floor((m * MINUTE_MS) / HOUR_MS))).size;
      const list = requesters.get(tally.path) ?? [];
      list.push({
        client: c.client,
        agent: c.agent,
        tally,
        browsing: (total - missed) / total >= BROWSING_SERVED_SHARE,
        job: missingPaths.length <= JOB_MAX_PATHS && hours >= JOB_MIN_HOURS,
      });
      requesters.set(tally.path, list);
    }
  }
  const found: number[] = [];
  for (const [path, list] of requesters) {
    const requests = list.reduce((n, r) => n + r.tally.requests, 0);
    const explained = list.filter((r) => r.browsing || r.job).reduce((n, r) => n + r.tally.requests, 0);
    if (requests < MIN_MISSING_REQUESTS || explained < EXPLAINED_SHARE * requests) continue;
    if (list.filter((r) => r.browsing).length >= MIN_BROWSING_CLIENTS || list.some((r) => r.job)) found.push(path);
  }
  found.sort((a, b) => a - b);
  // Files the same clients met are one finding (a page's stylesheet, script and images that are gone).
  const groups: number[][] = [];
  for (const path of found) {
    const mine = new Set(requesters.get(path)!.map((r) => r.client));
    const group = groups.find((g) => {
      const theirs = new Set(g.flatMap((p) => requesters.get(p)!.map((r) => r.client)));
      let shared = 0;
      for (const c of mine) if (theirs.has(c)) shared++;
      return shared >= 2 && shared >= SAME_CLIENTS_SHARE * Math.min(mine.size, theirs.size);
    });
    if (group) group.push(path);
    else groups.push([path]);
  }
  return groups.map((group) => missingCandidate(summary, group, requesters, windowMs));
}

function missingCandidate(summary: ProbeSummary, group: readonly number[], requesters: ReadonlyMap<number, Requester[]>, windowMs: number): WindowCandidate {
  const claims: RequestClaim[] = [];
  const perClient = new Map<string, number>();
  const agents = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  let requests = 0;
  let jobs = 0;
  const targets = group
    .map((id) => ({ id, requests: requesters.get(id)!.reduce((n, r) => n + r.tally.requests, 0) }))
    .sort((a, b) => b.requests - a.requests || a.id - b.id);
  for (const { id } of targets) {
    const path = summary.paths[id]!.path;
    for (const r of requesters.get(id)!) {
      const { tally } = r;
      const actor = claimKey('client', r.client);
      perClient.set(r.client, (perClient.get(r.client) ?? 0) + tally.requests);
      if (r.agent !== '') agents.set(r.agent, (agents.get(r.agent) ?? 0) + tally.requests);
      if (r.job) jobs++;
      first = Math.min(first, tally.first);
      last = Math.max(last, tally.last);
      requests += tally.requests;
      for (const span of minuteSpans(tally, MAX_MINUTES_PER_PATH)) {
        claims.push({ actor, index: Math.floor(span.startMs / windowMs), requests: span.requests, terms: [{ client: r.client, path, start: new Date(span.startMs).toISOString(), end: new Date(span.endMs).toISOString() }] });
      }
    }
  }
  const top = summary.paths[targets[0]!.id]!;
  const clients = [...perClient].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  const named = targets.slice(0, 3).map((t) => summary.paths[t.id]!.path);
  const files = `${named.join(', ')}${targets.length > 3 ? ` and ${targets.length - 3} more` : ''}`;
  const hours = Math.max(1, Math.round((last - first) / HOUR_MS));
  const who = clients.length === 1 ? `1 client${agents.size > 0 ? ` (${truncate([...agents.keys()][0]!, 80)})` : ''}` : `${formatCount(clients.length)} clients`;
  const why = jobs > 0 && clients.length <= 2 ? 'the same request on a schedule: a job whose download is gone' : 'clients that otherwise get what they ask for: pages referencing files that are gone';
  const windows = [...new Set(claims.map((c) => c.index))].sort((a, b) => a - b);
  const samples: SourceRef[] = [];
  for (const { id } of targets) for (const s of summary.paths[id]!.samples) if (samples.length < 5) samples.push(s);
  const spread = Math.min(1, windows.length / 24);
  return {
    entity: 'client',
    key: `(missing) ${top.path}`,
    index: windows[0]!,
    lastIndex: windows[windows.length - 1]!,
    // Operational but minor (nothing was down): at most medium, below any attack of the same band.
    score: 50 + 8 * spread,
    rawScore: 0,
    kind: 'other',
    evidence: [
      {
        feature: 'missing_resource',
        observed: requests,
        baseline: 0,
        unit: 'requests',
        text: `${files} answered 404 ${formatCount(requests)} times to ${who} over ${formatCountOf(hours, 'hour')}, never served: ${why}`,
        significance: 0.5,
        contribution: 1,
      },
    ],
    endpoints: targets.slice(0, 20).map((t) => `${summary.paths[t.id]!.method} ${summary.paths[t.id]!.path}`),
    clients,
    consumers: [],
    userAgents: mostFrequent(agents),
    requests,
    leadClient: null,
    samples,
    historyWindows: 0,
    confidence: Math.round(Math.min(0.9, 0.3 + 0.6 * spread) * 100) / 100,
    baselineNote: null,
    claims,
    active: windows,
    signature: `missing resource: ${top.path}`,
  };
}
