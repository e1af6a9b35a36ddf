import type { SourceRef } from '../../types.js';
import { keptString } from './kept-string.js';
import { absorbMinute, MINUTE_MS } from './minute-tally.js';
import { ClientStates } from './client-state.js';

/** What the tracker reads of a request. */
export interface FormObservation {
  client: string | null;
  method: string | null;
  path: string | null;
  /** `METHOD route`: a submission's target as the report names it. */
  endpoint: string;
  referer: string | null;
  userAgent: string | null;
  status: number | null;
  timeMs: number;
  source: SourceRef;
}

/**
 * A form posted this soon after its page was loaded was not filled in by a person (access logs
 * have one-second resolution: 2 s is "the same second or the next two").
 */
export const QUICK_SUBMIT_MS = 2_000;
/**
 * The last page loads of every client, in a ring: a quick submission finds its page load here
 * (searched back QUICK_SUBMIT_MS at most). Fixed size, so memory does not grow with clients, and a
 * request costs three array writes. At more than RECENT_LOADS page loads in two seconds the oldest
 * are gone before their form could be judged quick: such a site is not run by hand-made bots.
 */
const RECENT_LOADS = 1_024;
/** Submission targets followed, clients remembered in all, minutes per (client, target). */
const MAX_TARGETS = 2_000;
const MAX_SUBMITTERS = 200_000;
const MAX_ASSET_CLIENTS = 200_000;
export const MAX_MINUTES = 32;
const SAMPLES_PER_TARGET = 3;

/** Files a browser fetches for the page it shows: a client that fetched none ran no page. */
const ASSET_EXTENSIONS: ReadonlySet<string> = new Set(['css', 'js', 'mjs', 'png', 'gif', 'jpg', 'jpeg', 'ico', 'svg', 'webp', 'woff', 'woff2', 'ttf', 'eot']);

export function isAssetPath(path: string): boolean {
  // Read back from the end at most six characters: most paths have no extension and cost a few comparisons.
  const end = path.length;
  for (let i = end - 1; i >= 0 && i >= end - 6; i--) {
    const c = path.charCodeAt(i);
    if (c === 47) return false;
    if (c !== 46) continue;
    const ext = path.slice(i + 1);
    return ASSET_EXTENSIONS.has(ext) || ASSET_EXTENSIONS.has(ext.toLowerCase());
  }
  return false;
}

/** One client's submissions to one target. */
export interface SubmitterTally {
  client: string;
  /** The User-Agent of its first quick submission ('' before one, or when the log had none). */
  agent: string;
  requests: number;
  /** Of them, posted within QUICK_SUBMIT_MS of loading the page they name as Referer. */
  quick: number;
  first: number;
  last: number;
  minutes: number[];
  counts: number[];
}

export interface TargetTally {
  endpoint: string;
  path: string;
  submitters: Map<string, SubmitterTally>;
  samples: SourceRef[];
}

export interface FormSummary {
  targets: TargetTally[];
  /** Clients that fetched a page asset (CSS, scripts, images, fonts) at least once. */
  assetClients: ReadonlySet<string>;
}


/** `http://host/path?q` → `/path`; null for anything else (no Referer, `-`, a bare word). */
function refererPath(referer: string | null): string | null {
  if (referer === null || referer.length < 8) return null;
  const match = /^https?:\/\/[^/?#]*([^?#]*)/i.exec(referer);
  return match === null ? null : match[1] === '' ? '/' : match[1]!;
}

/**
 * Follows form submissions (POST) and what came just before them: did the client load the
 * page it names as Referer, and how long before; did it ever fetch a page asset. The raw
 * material of form-abuse campaigns (registration and login spam): many addresses posting a
 * form a second after loading it, never running the page. Streams; memory is bounded by the
 * targets, the submitters and the clients of the last few seconds, never by lines.
 */
export class FormSubmissionTracker {
  private readonly loadClients: (string | null)[] = new Array<string | null>(RECENT_LOADS).fill(null);
  private readonly loadPaths: string[] = new Array<string>(RECENT_LOADS).fill('');
  private readonly loadTimes = new Float64Array(RECENT_LOADS);
  private loads = 0;
  private readonly targets = new Map<string, TargetTally>();
  /** Clients that fetched an asset: a flag in their state, in this set past the followed clients' cap. */
  private readonly statelessAssetClients = new Set<string>();
  private assetClients = 0;
  private submitters = 0;

  /** `clients`: shared with the other trackers of the scan (a client's state says whether it fetched an asset). */
  constructor(private readonly clients: ClientStates = new ClientStates()) {}

  observe(r: FormObservation): void {
    const { client, method, path } = r;
    if (client === null || path === null) return;
    if (method === 'POST') {
      this.noteSubmission(r, client, path);
      return;
    }
    if (method !== 'GET') return;
    if (isAssetPath(path)) {
      if (this.assetClients >= MAX_ASSET_CLIENTS) return;
      const state = this.clients.of(client);
      if (state !== undefined) {
        if (state.fetchedAsset) return;
        state.fetchedAsset = true;
      } else if (!this.statelessAssetClients.has(client)) this.statelessAssetClients.add(keptString(client));
      else return;
      this.assetClients++;
      return;
    }
    const status = r.status;
    if (status === null || !((status >= 200 && status < 300) || status === 304)) return;
    const slot = this.loads++ % RECENT_LOADS;
    this.loadClients[slot] = client;
    this.loadPaths[slot] = path;
    this.loadTimes[slot] = r.timeMs;
  }

  /** When `client` last loaded `page` at most QUICK_SUBMIT_MS before `timeMs`; null when it did not. */
  private loadedAt(client: string, page: string, timeMs: number): number | null {
    const oldest = Math.max(0, this.loads - RECENT_LOADS);
    for (let i = this.loads - 1; i >= oldest; i--) {
      const slot = i % RECENT_LOADS;
      const at = this.loadTimes[slot]!;
      if (timeMs - at > QUICK_SUBMIT_MS) return null;
      if (at <= timeMs && this.loadClients[slot] === client && this.loadPaths[slot] === page) return at;
    }
    return null;
  }

  private noteSubmission(r: FormObservation, client: string, path: string): void {
    let target = this.targets.get(r.endpoint);
    if (target === undefined) {
      if (this.targets.size >= MAX_TARGETS) return;
      target = { endpoint: keptString(r.endpoint), path: keptString(path), submitters: new Map(), samples: [] };
      this.targets.set(target.endpoint, target);
    }
    let tally = target.submitters.get(client);
    if (tally === undefined) {
      if (this.submitters >= MAX_SUBMITTERS) return;
      this.submitters++;
      tally = { client: this.clients.of(client)?.client ?? keptString(client), agent: '', requests: 0, quick: 0, first: r.timeMs, last: r.timeMs, minutes: [], counts: [] };
      target.submitters.set(tally.client, tally);
    }
    tally.requests++;
    const page = refererPath(r.referer);
    if (page !== null && this.loadedAt(client, page, r.timeMs) !== null) {
      if (tally.quick++ === 0 && r.userAgent !== null && r.userAgent !== '-') tally.agent = keptString(r.userAgent.slice(0, 200));
    }
    if (r.timeMs < tally.first) tally.first = r.timeMs;
    if (r.timeMs > tally.last) tally.last = r.timeMs;
    const minute = Math.floor(r.timeMs / MINUTE_MS);
    const at = tally.minutes.indexOf(minute);
    if (at >= 0) tally.counts[at]!++;
    else if (tally.minutes.length < MAX_MINUTES) {
      // Concatenated, not pushed: a pushed-to array reserves 17 slots, and most submitters post in one or two minutes.
      tally.minutes = tally.minutes.concat(minute);
      tally.counts = tally.counts.concat(1);
    } else absorbMinute(tally, minute);
    if (target.samples.length < SAMPLES_PER_TARGET) target.samples.push({ file: r.source.file, line: r.source.line });
  }

  summary(): FormSummary {
    const assetClients = new Set(this.statelessAssetClients);
    for (const state of this.clients.values()) if (state.fetchedAsset) assetClients.add(state.client);
    return { targets: [...this.targets.values()], assetClients };
  }
}
