import type { SourceRef } from '../types.js';

/** Distinct values kept exactly up to this many per window; beyond it the count saturates (features use log scales). */
export const DISTINCT_CAP = 4096;
/** Source lines kept per entity window, so an incident can point at lines to read. */
const SAMPLE_CAP = 3;
/** Agents a closed client window keeps by name (the report shows three). */
const AGENT_SAMPLE_CAP = 3;
/** Latency histogram: bucket i holds values in [2^((i-1)/2), 2^(i/2)) ms; 48 buckets reach ~11 min. */
const LATENCY_BUCKETS = 48;

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
  routes: Map<string, number> | null = null;
  /** Response bytes per endpoint, alongside `routes` (client windows): outsized responses are judged after the fact. */
  routeBytes: Map<string, number> | null = null;
  agents: Set<string> | null = null;
  networks: Set<string> | null = null;
  closed = false;
  /** Consumer windows keep their (capped) client set after closing: it names who used the key. */
  keepClients = false;
  /**
   * Client windows are the most numerous (hundreds of thousands in a day of logs, most with one
   * request), so closing one trades its Maps and Sets for exact-size arrays: `routeKeys[i]` with
   * `routeTallies[2i]` requests and `routeTallies[2i + 1]` response bytes, and a few agents.
   */
  compactOnClose = false;
  routeKeys: string[] | null = null;
  routeTallies: number[] | null = null;
  agentSample: string[] | null = null;
  distinctAgents = 0;

  addSample(source: SourceRef): void {
    // Copied rather than pushed (or spread): those reserve room for 17 entries, and most windows keep one.
    if (this.samples.length < SAMPLE_CAP) this.samples = this.samples.concat([source]);
  }

  /** Calls `visit` for each route of the window in first-seen order, with its requests and response bytes. */
  forEachRoute(visit: (endpoint: string, requests: number, bytes: number) => void): void {
    const keys = this.routeKeys;
    if (keys !== null) {
      const tallies = this.routeTallies!;
      for (let i = 0; i < keys.length; i++) visit(keys[i]!, tallies[2 * i]!, tallies[2 * i + 1]!);
      return;
    }
    if (this.routes === null) return;
    for (const [endpoint, requests] of this.routes) visit(endpoint, requests, this.routeBytes?.get(endpoint) ?? 0);
  }

  /** Requests of the window on one route. */
  routeRequests(endpoint: string): number {
    const keys = this.routeKeys;
    if (keys === null) return this.routes?.get(endpoint) ?? 0;
    const i = keys.indexOf(endpoint);
    return i < 0 ? 0 : this.routeTallies![2 * i]!;
  }

  /** The first agents seen in the window (at most `limit`). */
  firstAgents(limit: number): string[] {
    if (this.agentSample !== null) return this.agentSample.slice(0, limit);
    const out: string[] = [];
    for (const agent of this.agents ?? []) {
      if (out.length >= limit) break;
      out.push(agent);
    }
    return out;
  }

  /**
   * The routes as Maps again, for a record that arrives after its window was closed (logs
   * are only nearly time-ordered) or for renaming routes; `compactRoutes` undoes it.
   */
  expandRoutes(): void {
    const keys = this.routeKeys;
    if (keys === null) return;
    const tallies = this.routeTallies!;
    this.routes = new Map();
    this.routeBytes = new Map();
    for (let i = 0; i < keys.length; i++) {
      this.routes.set(keys[i]!, tallies[2 * i]!);
      if (tallies[2 * i + 1]! !== 0) this.routeBytes.set(keys[i]!, tallies[2 * i + 1]!);
    }
    this.routeKeys = null;
    this.routeTallies = null;
  }

  compactRoutes(): void {
    const routes = this.routes;
    if (routes === null) return;
    const keys = new Array<string>(routes.size);
    const tallies = new Array<number>(2 * routes.size);
    let i = 0;
    for (const [endpoint, requests] of routes) {
      keys[i] = endpoint;
      tallies[2 * i] = requests;
      tallies[2 * i + 1] = this.routeBytes?.get(endpoint) ?? 0;
      i++;
    }
    this.routeKeys = keys;
    this.routeTallies = tallies;
    this.routes = null;
    this.routeBytes = null;
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

  /** Frees the large sets of a window that time has moved past; their sizes stay. Small capped maps stay too. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.paths) this.distinctPaths = this.paths.size;
    if (this.clients) this.distinctClients = this.clients.size;
    this.paths = null;
    if (!this.keepClients) this.clients = null;
    if (this.compactOnClose) {
      this.compactRoutes();
      if (this.agents !== null) {
        this.distinctAgents = this.agents.size;
        this.agentSample = this.firstAgents(AGENT_SAMPLE_CAP);
        this.agents = null;
      }
    }
  }

  pathCount(): number {
    return this.paths ? this.paths.size : this.distinctPaths;
  }
  clientCount(): number {
    return this.clients ? this.clients.size : this.distinctClients;
  }
  routeCount(): number {
    return this.routeKeys ? this.routeKeys.length : this.routes ? this.routes.size : 0;
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

export function addCapped(set: Set<string>, value: string): void {
  if (set.size < DISTINCT_CAP) set.add(value);
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
  into.referenced += from.referenced;
  into.slowRequests += from.slowRequests;
  into.bigResponses += from.bigResponses;
  // Closed windows keep only counts: distinct values of two merged windows are at least the larger count.
  into.distinctPaths = Math.max(into.pathCount(), from.pathCount());
  into.distinctClients = Math.max(into.clientCount(), from.clientCount());
  if (into.latencyHistogram && from.latencyHistogram) for (let i = 0; i < into.latencyHistogram.length; i++) into.latencyHistogram[i]! += from.latencyHistogram[i]!;
  for (const s of from.samples) into.addSample(s);
}
