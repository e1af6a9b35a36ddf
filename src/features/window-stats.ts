import type { SourceRef } from '../types.js';
import { compactCopy } from '../normalize/compact-copy.js';

/** Distinct values kept exactly up to this many per window; beyond it the count saturates (features use log scales). */
export const DISTINCT_CAP = 4096;
/** Source lines kept per entity window, so an incident can point at lines to read. */
const SAMPLE_CAP = 3;
/** Referer hosts told apart per open window: the site and a search engine or two. */
const REFERER_HOSTS_CAP = 4;
/** Agents a closed client window keeps by name (the report shows three). */
const AGENT_SAMPLE_CAP = 3;
/** Latency histogram: bucket i holds values in [2^((i-1)/2), 2^(i/2)) ms; 48 buckets reach ~11 min. */
const LATENCY_BUCKETS = 48;

/** What `addRoute` did with a request: a route new to the window, one already in it, or the other-routes bucket. */
export type RouteAdded = 0 | 1 | 2;
export const ROUTE_NEW = 0;
export const ROUTE_SEEN = 1;
export const ROUTE_FOLDED = 2;

/** Counters of one entity (endpoint, client, client×endpoint, consumer) in one window. */
export class WindowStats {
  requests = 0;
  status2xx = 0;
  status3xx = 0;
  status4xx = 0;
  status5xx = 0;
  authFailures = 0;
  notFound = 0;
  bytesSum = 0;
  bytesCount = 0;
  bytesMax = 0;
  latencySum = 0;
  latencyCount = 0;
  latencyMax = 0;
  writesOk = 0;
  /** Range requests answered 206 and revalidations answered 304 (benign explanations, see detect/benign/). */
  partial = 0;
  notModified = 0;
  /** Requests whose agent claims a benign role (crawler, link preview, monitor), and the first such agent. */
  knownAgentRequests = 0;
  knownAgent: string | null = null;
  /**
   * Referer hosts of the window while open (the first few distinct ones, with their requests);
   * a closed window keeps the busiest one. Whether it is the site itself is decided at the end.
   */
  refererHosts: string[] | null = null;
  refererCounts: number[] | null = null;
  leadReferer: string | null = null;
  leadRefererRequests = 0;
  /**
   * Endpoint windows: distinct clients that got a 5xx, and distinct clients that got a response
   * slower than the route's p95, sets while open. Kept apart because a twentieth of every route's
   * requests is slower than its p95: the slow tail is felt by someone in every busy window, so it
   * says something only when latency itself is the finding.
   */
  erroredClients: Set<string> | null = null;
  erroredClientCount = 0;
  /** Endpoint windows: the one client that got every 5xx of the window (null when none did or several did). */
  erroredClient: string | null = null;
  slowClients: Set<string> | null = null;
  slowClientCount = 0;
  /** Requests judged against their endpoint's reference (see reference-thresholds.ts), and how many were slow or outsized. */
  referenced = 0;
  slowRequests = 0;
  bigResponses = 0;
  /** Requests on routes the baseline has too little support for (filled when features are computed). */
  distinctPaths = 0;
  distinctClients = 0;
  samples: SourceRef[] = [];
  latencyHistogram: Uint32Array | null = null;
  // Sets live only while the window is open; `close()` keeps their sizes.
  paths: Set<string> | null = null;
  clients: Set<string> | null = null;
  agents: Set<string> | null = null;
  networks: Set<string> | null = null;
  closed = false;
  /** Consumer windows keep their (capped) client set after closing: it names who used the key. */
  keepClients = false;
  /**
   * Routes of client and consumer windows as parallel arrays, `routeKeys[i]` with
   * `routeTallies[2i]` requests and `routeTallies[2i + 1]` response bytes (client windows;
   * outsized responses are judged after the fact). Client windows are the most numerous
   * (hundreds of thousands in a day of logs, most with one request), so they hold no Maps:
   * agents are an array too, and the path Set is made only for a second distinct path.
   * Closing trims the arrays to size.
   */
  routeKeys: string[] | null = null;
  routeTallies: number[] | null = null;
  agentList: string[] | null = null;
  distinctAgents = 0;
  /** The one path of an open client window until a second one makes `paths`. */
  firstPath: string | null = null;
  /**
   * Endpoint windows count requests per client while open and keep only the busiest one:
   * a route one actor floods or probes is that actor's incident, not a second one.
   */
  clientTally: Map<string, number> | null = null;
  leadClient: string | null = null;
  leadClientRequests = 0;
  /**
   * Endpoint windows: requests per client that its own client window could not count under this
   * route (past its route cap), kept after closing: with the client windows' routes they name
   * exactly who sent the window's requests. Only scanners and crawlers ever fill it.
   */
  foldedClients: Map<string, number> | null = null;

  /**
   * The sample slots of a reused client window (see `reuse`), filled by copy: a record's source
   * dies young instead of living as long as the window, into the old generation.
   */
  private sampleSlots: SourceRef[] | null = null;

  addSample(source: SourceRef): void {
    const samples = this.samples;
    if (samples.length >= SAMPLE_CAP) return;
    const slots = this.sampleSlots;
    // Concatenated rather than pushed (or spread): those reserve room for 17 entries, and most windows keep one.
    if (slots === null) this.samples = samples.concat([source]);
    else {
      let slot = slots[samples.length];
      if (slot === undefined) slots.push((slot = { file: source.file, line: source.line }));
      else {
        slot.file = source.file;
        slot.line = source.line;
      }
      samples.push(slot);
    }
  }

  /**
   * Counts a distinct path while the window is open (a closed window keeps only its count).
   * Paths are kept as copies: a window stays open for minutes of log time, and a path
   * sliced from its line would keep the whole line alive that long.
   */
  addPath(path: string): void {
    if (this.closed) return;
    if (this.paths !== null) {
      if (this.paths.size < DISTINCT_CAP && !this.paths.has(path)) this.paths.add(compactCopy(path));
    } else if (this.firstPath === null) this.firstPath = compactCopy(path);
    else if (this.firstPath !== path) {
      this.paths = new Set([this.firstPath, compactCopy(path)]);
      this.firstPath = null;
    }
  }

  /**
   * Counts a request of the window on a route (with its response bytes, or null). Past
   * `maxRoutes` routes the rest share `otherKey`, whose bytes are not kept. Says whether the
   * route was new to the window, already in it, or went to `otherKey`.
   */
  addRoute(endpoint: string, bytes: number | null, maxRoutes: number, otherKey: string): RouteAdded {
    const keys = this.routeKeys;
    const tallies = this.routeTallies;
    if (keys === null || tallies === null) {
      this.routeKeys = [endpoint];
      this.routeTallies = [1, bytes ?? 0];
      return ROUTE_NEW;
    }
    let i = keys.indexOf(endpoint);
    let added: RouteAdded = ROUTE_SEEN;
    if (i < 0) {
      if (keys.length < maxRoutes) {
        keys.push(endpoint);
        tallies.push(1, bytes ?? 0);
        return ROUTE_NEW;
      }
      bytes = null;
      added = ROUTE_FOLDED;
      i = keys.indexOf(otherKey);
      if (i < 0) {
        keys.push(otherKey);
        tallies.push(1, 0);
        return ROUTE_FOLDED;
      }
    }
    tallies[2 * i]!++;
    if (bytes !== null) tallies[2 * i + 1]! += bytes;
    return added;
  }

  /** Endpoint windows: one request of `client` that its client window counted under its other-routes bucket. */
  addFoldedClient(client: string): void {
    this.addFoldedClients(client, 1);
  }

  addFoldedClients(client: string, requests: number): void {
    this.foldedClients ??= new Map();
    this.foldedClients.set(client, (this.foldedClients.get(client) ?? 0) + requests);
  }

  /** Notes a user agent of a client window (at most `cap` distinct ones are told apart). */
  addAgent(agent: string, cap: number): void {
    const list = this.agentList;
    if (list === null) {
      this.agentList = [agent];
      this.distinctAgents = 1;
    } else if (this.distinctAgents < cap && !list.includes(agent)) {
      if (!this.closed || list.length < AGENT_SAMPLE_CAP) list.push(agent);
      this.distinctAgents++;
    }
  }

  /** Calls `visit` for each route of the window in first-seen order, with its requests and response bytes. */
  forEachRoute(visit: (endpoint: string, requests: number, bytes: number) => void): void {
    const keys = this.routeKeys;
    if (keys === null) return;
    const tallies = this.routeTallies!;
    for (let i = 0; i < keys.length; i++) visit(keys[i]!, tallies[2 * i]!, tallies[2 * i + 1]!);
  }

  /** Renames routes (endpoints learned to be one template), adding up the routes that become one. */
  renameRoutes(renamed: ReadonlyMap<string, string>): void {
    const keys = this.routeKeys;
    if (keys === null || !keys.some((key) => renamed.has(key))) return;
    const tallies = this.routeTallies!;
    const newKeys: string[] = [];
    const newTallies: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const to = renamed.get(keys[i]!) ?? keys[i]!;
      const at = newKeys.indexOf(to);
      if (at < 0) {
        newKeys.push(to);
        newTallies.push(tallies[2 * i]!, tallies[2 * i + 1]!);
      } else {
        newTallies[2 * at]! += tallies[2 * i]!;
        newTallies[2 * at + 1]! += tallies[2 * i + 1]!;
      }
    }
    this.routeKeys = newKeys;
    this.routeTallies = newTallies;
  }

  /** The window's routes, most requests first (ties by name). */
  routesByRequests(): string[] {
    const routes: [string, number][] = [];
    this.forEachRoute((endpoint, requests) => routes.push([endpoint, requests]));
    return routes.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([endpoint]) => endpoint);
  }

  /** The first agents seen in the window (at most `limit`). */
  firstAgents(limit: number): string[] {
    if (this.agentList !== null) return this.agentList.slice(0, limit);
    const out: string[] = [];
    for (const agent of this.agents ?? []) {
      if (out.length >= limit) break;
      out.push(agent);
    }
    return out;
  }

  addLatency(ms: number): void {
    this.latencySum += ms;
    this.latencyCount++;
    if (ms > this.latencyMax) this.latencyMax = ms;
    if (this.latencyHistogram) this.latencyHistogram[latencyBucket(ms)]!++;
  }

  /** Approximate latency quantile from the histogram (upper edge of the bucket), or the mean without one. */
  latencyQuantile(q: number): number | null {
    if (this.latencyCount === 0) return null;
    const histogram = this.latencyHistogram;
    if (!histogram) return this.latencySum / this.latencyCount;
    const target = q * this.latencyCount;
    let seen = 0;
    for (let i = 0; i < histogram.length; i++) {
      seen += histogram[i]!;
      if (seen >= target) return Math.min(this.latencyMax, 2 ** (i / 2));
    }
    return this.latencyMax;
  }

  /** Requests whose latency was certainly above `ms` (histogram buckets wholly above it); null without a histogram. */
  countSlowerThan(ms: number): number | null {
    const histogram = this.latencyHistogram;
    if (!histogram) return null;
    let n = 0;
    for (let i = histogram.length - 1; i >= 1; i--) {
      if (2 ** ((i - 1) / 2) <= ms) break;
      n += histogram[i]!;
    }
    return n;
  }

  /**
   * Counts a request referred by a page of `host`. The first host is counted in place (most
   * windows have one); a second distinct one makes the small arrays (a few hosts told apart).
   */
  addReferer(host: string): void {
    const hosts = this.refererHosts;
    if (hosts === null) {
      if (this.leadReferer === null) {
        this.leadReferer = host;
        this.leadRefererRequests = 1;
      } else if (this.leadReferer === host) this.leadRefererRequests++;
      else if (!this.closed) {
        this.refererHosts = [this.leadReferer, host];
        this.refererCounts = [this.leadRefererRequests, 1];
      }
      return;
    }
    const i = hosts.indexOf(host);
    if (i >= 0) this.refererCounts![i]!++;
    else if (hosts.length < REFERER_HOSTS_CAP) {
      hosts.push(host);
      this.refererCounts!.push(1);
    }
  }

  /** The busiest referer host of the window so far (open or closed) and its requests. */
  refererLead(): { host: string | null; requests: number } {
    const hosts = this.refererHosts;
    if (hosts === null) return { host: this.leadReferer, requests: this.leadRefererRequests };
    let best = 0;
    for (let i = 1; i < hosts.length; i++) if (this.refererCounts![i]! > this.refererCounts![best]!) best = i;
    return { host: hosts[best]!, requests: this.refererCounts![best]! };
  }

  /** Notes a client that got a 5xx in an endpoint window. */
  addErroredClient(client: string): void {
    if (this.erroredClients === null) {
      if (this.closed) return;
      this.erroredClients = new Set();
    }
    if (this.erroredClients.size < DISTINCT_CAP) this.erroredClients.add(client);
  }

  /** Notes a client that got a response slower than the route's p95 in an endpoint window. */
  addSlowClient(client: string): void {
    if (this.slowClients === null) {
      if (this.closed) return;
      this.slowClients = new Set();
    }
    if (this.slowClients.size < DISTINCT_CAP) this.slowClients.add(client);
  }

  erroredClientsCount(): number {
    return this.erroredClients ? this.erroredClients.size : this.erroredClientCount;
  }

  slowClientsCount(): number {
    return this.slowClients ? this.slowClients.size : this.slowClientCount;
  }

  /** Counts one request of `client` in an endpoint window (up to the distinct cap). */
  tallyClient(client: string): void {
    const tally = this.clientTally;
    // A late record of a closed window still counts in its totals; the lead was settled at closing.
    if (tally === null) return;
    const n = tally.get(client);
    if (n !== undefined) tally.set(client, n + 1);
    else if (tally.size < DISTINCT_CAP) tally.set(client, 1);
  }

  /**
   * Empties an open client window to count the next one, keeping its arrays' storage. A
   * client's window lives minutes of log time, long enough for a new object per window to
   * be promoted to the old generation and become garbage there, collected only by full GCs.
   */
  reuse(): void {
    this.requests = 0;
    this.status2xx = 0;
    this.status3xx = 0;
    this.status4xx = 0;
    this.status5xx = 0;
    this.authFailures = 0;
    this.notFound = 0;
    this.bytesSum = 0;
    this.bytesCount = 0;
    this.bytesMax = 0;
    this.latencySum = 0;
    this.latencyCount = 0;
    this.latencyMax = 0;
    this.writesOk = 0;
    this.partial = 0;
    this.notModified = 0;
    this.knownAgentRequests = 0;
    this.knownAgent = null;
    this.refererHosts = null;
    this.refererCounts = null;
    this.leadReferer = null;
    this.leadRefererRequests = 0;
    this.referenced = 0;
    this.slowRequests = 0;
    this.bigResponses = 0;
    this.distinctPaths = 0;
    this.distinctClients = 0;
    // Its samples were copied into the table: the slots and the array are the next window's.
    if (this.sampleSlots === null) {
      this.sampleSlots = [];
      this.samples = [];
    } else this.samples.length = 0;
    this.paths?.clear();
    this.firstPath = null;
    if (this.routeKeys !== null) this.routeKeys.length = 0;
    if (this.routeTallies !== null) this.routeTallies.length = 0;
    if (this.agentList !== null) this.agentList.length = 0;
    this.distinctAgents = 0;
  }

  /** Frees the large sets of a window that time has moved past; their sizes stay. Small capped maps stay too. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.distinctPaths = this.pathCount();
    if (this.clients) this.distinctClients = this.clients.size;
    if (this.clientTally) {
      this.distinctClients = this.clientTally.size;
      for (const [client, n] of this.clientTally) {
        if (n > this.leadClientRequests || (n === this.leadClientRequests && this.leadClient !== null && client < this.leadClient)) {
          this.leadClient = client;
          this.leadClientRequests = n;
        }
      }
      this.clientTally = null;
    }
    const lead = this.refererLead();
    this.leadReferer = lead.host;
    this.leadRefererRequests = lead.requests;
    this.refererHosts = null;
    this.refererCounts = null;
    this.erroredClientCount = this.erroredClientsCount();
    if (this.erroredClients?.size === 1) for (const client of this.erroredClients) this.erroredClient = client;
    this.erroredClients = null;
    this.slowClientCount = this.slowClientsCount();
    this.slowClients = null;
    this.paths = null;
    this.firstPath = null;
    if (!this.keepClients) this.clients = null;
    // Pushed-to arrays have room to spare; a closed window keeps exact sizes.
    if (this.routeKeys !== null) {
      this.routeKeys = this.routeKeys.slice();
      this.routeTallies = this.routeTallies!.slice();
    }
    if (this.agentList !== null) this.agentList = this.agentList.slice(0, AGENT_SAMPLE_CAP);
  }

  pathCount(): number {
    return this.paths ? this.paths.size : this.firstPath !== null ? 1 : this.distinctPaths;
  }
  clientCount(): number {
    return this.clients ? this.clients.size : this.clientTally ? this.clientTally.size : this.distinctClients;
  }
  routeCount(): number {
    return this.routeKeys ? this.routeKeys.length : 0;
  }
  agentCount(): number {
    return this.agents ? this.agents.size : this.distinctAgents;
  }
}

export function latencyBucket(ms: number): number {
  if (!(ms >= 1)) return 0;
  const bucket = Math.floor(2 * Math.log2(ms)) + 1;
  return bucket >= LATENCY_BUCKETS ? LATENCY_BUCKETS - 1 : bucket;
}

export function newLatencyHistogram(): Uint32Array {
  return new Uint32Array(LATENCY_BUCKETS);
}

/** Adds `from` into `into` (two windows of endpoints that turned out to be one route). */
export function mergeWindowStats(into: WindowStats, from: WindowStats): void {
  into.requests += from.requests;
  into.status2xx += from.status2xx;
  into.status3xx += from.status3xx;
  into.status4xx += from.status4xx;
  into.status5xx += from.status5xx;
  into.authFailures += from.authFailures;
  into.notFound += from.notFound;
  into.bytesSum += from.bytesSum;
  into.bytesCount += from.bytesCount;
  into.bytesMax = Math.max(into.bytesMax, from.bytesMax);
  into.latencySum += from.latencySum;
  into.latencyCount += from.latencyCount;
  into.latencyMax = Math.max(into.latencyMax, from.latencyMax);
  into.writesOk += from.writesOk;
  into.partial += from.partial;
  into.notModified += from.notModified;
  into.knownAgentRequests += from.knownAgentRequests;
  into.knownAgent ??= from.knownAgent;
  // Closed windows keep only their busiest referer host: the same host adds up, different ones keep the busier.
  const a = into.refererLead();
  const b = from.refererLead();
  const same = a.host !== null && a.host === b.host;
  into.refererHosts = null;
  into.refererCounts = null;
  into.leadReferer = same || a.requests >= b.requests ? a.host : b.host;
  into.leadRefererRequests = same ? a.requests + b.requests : Math.max(a.requests, b.requests);
  const intoErrored = into.erroredClientsCount();
  const fromErrored = from.erroredClientsCount();
  into.erroredClient = fromErrored === 0 ? into.erroredClient : intoErrored === 0 || into.erroredClient === from.erroredClient ? from.erroredClient : null;
  into.erroredClientCount = Math.max(intoErrored, fromErrored);
  if (into.erroredClients && from.erroredClients) for (const client of from.erroredClients) into.addErroredClient(client);
  into.slowClientCount = Math.max(into.slowClientsCount(), from.slowClientsCount());
  if (into.slowClients && from.slowClients) for (const client of from.slowClients) into.addSlowClient(client);
  into.referenced += from.referenced;
  into.slowRequests += from.slowRequests;
  into.bigResponses += from.bigResponses;
  // Closed windows keep only counts: distinct values of two merged windows are at least the larger count.
  into.distinctPaths = Math.max(into.pathCount(), from.pathCount());
  into.distinctClients = Math.max(into.clientCount(), from.clientCount());
  if (into.clientTally && from.clientTally) for (const [client, n] of from.clientTally) into.clientTally.set(client, (into.clientTally.get(client) ?? 0) + n);
  // Closed windows of routes templated together: the same lead adds up, different leads keep the busier (a lower bound).
  else if (from.leadClient !== null && from.leadClient === into.leadClient) into.leadClientRequests += from.leadClientRequests;
  else if (from.leadClientRequests > into.leadClientRequests) {
    into.leadClient = from.leadClient;
    into.leadClientRequests = from.leadClientRequests;
  }
  if (from.foldedClients) for (const [client, n] of from.foldedClients) into.addFoldedClients(client, n);
  if (into.latencyHistogram && from.latencyHistogram) for (let i = 0; i < into.latencyHistogram.length; i++) into.latencyHistogram[i]! += from.latencyHistogram[i]!;
  for (const s of from.samples) into.addSample(s);
}
