import type { SourceRef } from '../../types.js';
import { keptString } from './kept-string.js';
import { ClientStates, type ClientState } from './client-state.js';
import type { ClientPathTally, ClientProbes } from './client-probes.js';
import { absorbMinute, MINUTE_MS } from './minute-tally.js';

/** What the tracker reads of a request (no injection rule flagged it: those are grouped by their finding). */
export interface ProbeObservation {
  client: string | null;
  method: string | null;
  userAgent: string | null;
  path: string;
  status: number | null;
  timeMs: number;
  source: SourceRef;
}

/** Distinct not-served paths followed; past it new ones are counted in `overflow` only. */
const MAX_PATHS = 20_000;
/** Served paths and path tails remembered, so a path served before its first 404 is known as served. */
const MAX_SERVED = 100_000;
/** Not-served paths kept per client, and minutes per (client, path): a prober asks for few things, a few times. */
const MAX_PATHS_PER_CLIENT = 16;
export const MAX_MINUTES_PER_PATH = 32;
const SAMPLES_PER_PATH = 3;
/** `pathIds` value of a path only ever served (no tally). */
const SERVED_ONLY = -1;
const UNFLAGGED: ProbeVerdict = { flagged: false, rule: null };

/** What the request scan made of a request: a payload (grouped by its finding, not here), or a probe rule or nothing. */
export type ProbeVerdict = { flagged: true } | { flagged: false; rule: string | null };

export interface PathTally {
  path: string;
  method: string;
  /** The probe rule that matched it (`sensitive-file-…`, `admin-…`), if one did: paths of one rule are one thing looked for. */
  rule: string | null;
  /** Requests answered 2xx or 304: the site serves this path. */
  served: number;
  /** Requests answered 4xx (429 aside): for everyone but the served, the site does not have it. */
  refused: number;
  /** Requests answered 3xx (304 aside), e.g. an http → https redirect before the 404. */
  redirected: number;
  samples: SourceRef[];
}

/** What the tracker hands over at the end: bounded by paths and clients, never by lines. */
export interface ProbeSummary {
  paths: PathTally[];
  clients: ClientProbes[];
  /** Requests of every client (those past the followed clients' cap are missing: judged by their probes alone). */
  totals: Map<string, number>;
  /** Tails (last path segment, lower case) the site served at least once. */
  servedTails: Set<string>;
  overflow: number;
}

/** The last segment of a path, lower case (`/backup/.env` → `.env`, `/wp/wp-admin/` → `wp-admin/`): what a probe is after. */
export function targetTail(path: string): string {
  const end = path.endsWith('/') ? path.length - 1 : path.length;
  const slash = path.lastIndexOf('/', end - 1);
  const tail = path.slice(slash + 1, end).toLowerCase();
  return tail === '' ? '/' : end < path.length ? `${tail}/` : tail;
}

/**
 * Follows the paths the site does not serve, and who asks for them, while records stream by:
 * the raw material of campaigns (many addresses asking for the same missing things). Memory
 * is bounded by MAX_PATHS, the clients and the per-client caps.
 */
export class ProbeTracker {
  /**
   * Every path met: its tally's index when it was ever refused or redirected, SERVED_ONLY when it
   * was only served. One map, so a request costs one lookup of its path: most requests are
   * served, on paths seen before.
   */
  private readonly pathIds = new Map<string, number>();
  private readonly paths: PathTally[] = [];
  /** Paths noted as served (those later refused or redirected too), up to MAX_SERVED. */
  private servedPaths = 0;
  private readonly servedTails = new Set<string>();
  /** Clients that probed, in the order of their first probe (each also in its state's `probes`). */
  private readonly probers: ClientProbes[] = [];
  /** The probers past the followed clients' cap, which have no state. */
  private readonly statelessProbers = new Map<string, ClientProbes>();
  private overflow = 0;

  /** `clients`: shared with the other trackers of the scan; a client's state counts its requests. */
  constructor(private readonly clients: ClientStates = new ClientStates()) {}

  /** A flagged request counts in its client's total only: its finding groups it. */
  observe(r: ProbeObservation, verdict: ProbeVerdict = UNFLAGGED): void {
    const client = r.client ?? '(unknown)';
    const state = this.clients.of(client);
    if (state !== undefined) state.requests++;
    if (verdict.flagged) return;
    const status = r.status;
    if (status === null || status >= 500 || status === 429 || status < 200) return;
    const served = status < 300 || status === 304;
    const known = this.pathIds.get(r.path);
    if (served) {
      if (known === SERVED_ONLY) return; // its tail was noted when it was first served (or the tails were full then, and still are)
      if (known !== undefined) this.paths[known]!.served++;
      else if (this.servedPaths < MAX_SERVED) {
        this.servedPaths++;
        this.pathIds.set(keptString(r.path), SERVED_ONLY);
      }
      if (this.servedTails.size < MAX_SERVED) {
        const tail = targetTail(r.path);
        if (!this.servedTails.has(tail)) this.servedTails.add(keptString(tail));
      }
      return;
    }
    let id = known;
    if (id === undefined || id === SERVED_ONLY) {
      if (this.paths.length >= MAX_PATHS) {
        this.overflow++;
        return;
      }
      const path = keptString(r.path);
      const servedBefore = id === SERVED_ONLY;
      id = this.paths.length;
      this.pathIds.set(path, id);
      this.paths.push({ path, method: r.method ?? 'GET', rule: null, served: servedBefore ? 1 : 0, refused: 0, redirected: 0, samples: [] });
    }
    const tally = this.paths[id]!;
    if (tally.rule === null && verdict.rule !== null) tally.rule = verdict.rule;
    if (status >= 400) tally.refused++;
    else tally.redirected++;
    // Concatenated, not pushed: a pushed-to array reserves 17 slots, and most paths keep one sample.
    if (tally.samples.length < SAMPLES_PER_PATH) tally.samples = tally.samples.concat([{ file: r.source.file, line: r.source.line }]);
    this.noteClient(client, state, id, r.timeMs, r.userAgent, status >= 400);
  }

  private noteClient(client: string, state: ClientState | undefined, path: number, timeMs: number, agent: string | null, refused: boolean): void {
    let probes = state !== undefined ? state.probes : this.statelessProbers.get(client);
    if (!probes) {
      probes = { client: state?.client ?? keptString(client), agent: agent === null || agent === '-' ? '' : keptString(agent.slice(0, 200)), paths: [] };
      if (state !== undefined) state.probes = probes;
      else this.statelessProbers.set(probes.client, probes);
      this.probers.push(probes);
    }
    const minute = Math.floor(timeMs / MINUTE_MS);
    let entry = probes.paths.find((p) => p.path === path);
    if (!entry) {
      // Arrays of their exact size (counted below): a pushed-to array reserves 17 slots, and tens of
      // thousands of these (one per client and path) see one minute and are one of a client's few paths.
      entry = { path, requests: 0, refused: 0, first: timeMs, last: timeMs, minutes: [minute], counts: [0] };
      if (probes.paths.length === 0) probes.paths = [entry];
      else if (probes.paths.length < MAX_PATHS_PER_CLIENT) probes.paths.push(entry);
      else {
        // A crawler's directory redirects must not crowd out the one page it was refused.
        const redirectOnly = refused ? probes.paths.findIndex((p) => p.refused === 0) : -1;
        if (redirectOnly < 0) return;
        probes.paths[redirectOnly] = entry;
      }
    }
    entry.requests++;
    if (refused) entry.refused++;
    if (timeMs < entry.first) entry.first = timeMs;
    if (timeMs > entry.last) entry.last = timeMs;
    const at = entry.minutes.indexOf(minute);
    if (at >= 0) entry.counts[at]!++;
    else if (entry.minutes.length < MAX_MINUTES_PER_PATH) {
      entry.minutes.push(minute);
      entry.counts.push(1);
    } else absorbMinute(entry, minute);
  }

  summary(): ProbeSummary {
    const totals = new Map<string, number>();
    for (const state of this.clients.values()) if (state.requests > 0) totals.set(state.client, state.requests);
    return { paths: this.paths, clients: [...this.probers], totals, servedTails: this.servedTails, overflow: this.overflow };
  }
}

export { MINUTE_MS };
