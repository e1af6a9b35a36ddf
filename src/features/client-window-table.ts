import type { SourceRef } from '../types.js';
import { compactCopy } from '../normalize/compact-copy.js';
import { WindowStats } from './window-stats.js';

// Counters of a closed client window, one Uint32Array row each (see ClientWindowTable).
const REQUESTS = 0;
const STATUS_2XX = 1;
const STATUS_3XX = 2;
const STATUS_4XX = 3;
const STATUS_5XX = 4;
const AUTH_FAILURES = 5;
const NOT_FOUND = 6;
const BYTES_COUNT = 7;
const LATENCY_COUNT = 8;
const WRITES_OK = 9;
const REFERENCED = 10;
const SLOW = 11;
const BIG = 12;
const DISTINCT_PATHS = 13;
const DISTINCT_AGENTS = 14;
const ROUTE_START = 15;
const ROUTE_LENGTH = 16;
/** Agent ids + 1 (0: none), three of them: the report names three. */
const AGENTS = 17;
/** File ids + 1 of the sample lines (0: none). */
const SAMPLE_FILES = 20;
const U32_STRIDE = 23;

// Values that may pass 2^32 or are not integers, one Float64Array row each.
const INDEX = 0;
const BYTES_SUM = 1;
const BYTES_MAX = 2;
const LATENCY_SUM = 3;
const LATENCY_MAX = 4;
const SAMPLE_LINES = 5;
const F64_STRIDE = 8;

const SAMPLES = 3;
/** Distinct agents interned once each; past this each stored agent takes its own slot (bounded by windows, not lines). */
const INTERNED_AGENTS_CAP = 50_000;

/**
 * Closed client windows as columns: two typed-array rows per window (about 160 bytes) and
 * 16 bytes per route, in place of a WindowStats object with its arrays and samples (about
 * 650 bytes). A day of logs has hundreds of thousands of client windows, most with one
 * request, and as objects they were most of the heap and of the collector's work.
 * Routes, agents and files are stored as ids of interned strings.
 */
export class ClientWindowTable {
  private u32 = new Uint32Array(1024 * U32_STRIDE);
  private f64 = new Float64Array(1024 * F64_STRIDE);
  private capacity = 1024;
  rows = 0;

  private routeIds = new Uint32Array(4096);
  private routeRequests = new Uint32Array(4096);
  private routeBytes = new Float64Array(4096);
  private routesUsed = 0;

  private readonly endpointIds = new Map<string, number>();
  private readonly endpointNames: string[] = [];
  private readonly agentIds = new Map<string, number>();
  private readonly agentNames: string[] = [];
  private readonly fileIds = new Map<string, number>();
  private readonly fileNames: string[] = [];

  /** A new, empty row for the window starting at `index`. */
  addRow(index: number): number {
    if (this.rows === this.capacity) this.growRows();
    const row = this.rows++;
    this.f64[row * F64_STRIDE + INDEX] = index;
    this.u32[row * U32_STRIDE + ROUTE_START] = this.routesUsed;
    return row;
  }

  index(row: number): number {
    return this.f64[row * F64_STRIDE + INDEX]!;
  }
  requests(row: number): number {
    return this.u32[row * U32_STRIDE + REQUESTS]!;
  }
  status4xx(row: number): number {
    return this.u32[row * U32_STRIDE + STATUS_4XX]!;
  }
  writesOk(row: number): number {
    return this.u32[row * U32_STRIDE + WRITES_OK]!;
  }
  pathCount(row: number): number {
    return this.u32[row * U32_STRIDE + DISTINCT_PATHS]!;
  }
  routeCount(row: number): number {
    return this.u32[row * U32_STRIDE + ROUTE_LENGTH]!;
  }

  /** Calls `visit` for each route of the row in first-seen order, with its requests and response bytes. */
  forEachRoute(row: number, visit: (endpoint: string, requests: number, bytes: number) => void): void {
    const start = this.u32[row * U32_STRIDE + ROUTE_START]!;
    const end = start + this.u32[row * U32_STRIDE + ROUTE_LENGTH]!;
    for (let i = start; i < end; i++) visit(this.endpointNames[this.routeIds[i]!]!, this.routeRequests[i]!, this.routeBytes[i]!);
  }

  /** Requests of the row on one route. */
  routeRequestsOf(row: number, endpoint: string): number {
    const id = this.endpointIds.get(endpoint);
    if (id === undefined) return 0;
    const start = this.u32[row * U32_STRIDE + ROUTE_START]!;
    const end = start + this.u32[row * U32_STRIDE + ROUTE_LENGTH]!;
    for (let i = start; i < end; i++) if (this.routeIds[i] === id) return this.routeRequests[i]!;
    return 0;
  }

  /** Stores a closed window in `row` (a window reopened by a late record may be stored again). */
  write(row: number, stats: WindowStats): void {
    const u = row * U32_STRIDE;
    const f = row * F64_STRIDE;
    const u32 = this.u32;
    const f64 = this.f64;
    u32[u + REQUESTS] = stats.requests;
    u32[u + STATUS_2XX] = stats.status2xx;
    u32[u + STATUS_3XX] = stats.status3xx;
    u32[u + STATUS_4XX] = stats.status4xx;
    u32[u + STATUS_5XX] = stats.status5xx;
    u32[u + AUTH_FAILURES] = stats.authFailures;
    u32[u + NOT_FOUND] = stats.notFound;
    u32[u + BYTES_COUNT] = stats.bytesCount;
    u32[u + LATENCY_COUNT] = stats.latencyCount;
    u32[u + WRITES_OK] = stats.writesOk;
    u32[u + REFERENCED] = stats.referenced;
    u32[u + SLOW] = stats.slowRequests;
    u32[u + BIG] = stats.bigResponses;
    u32[u + DISTINCT_PATHS] = stats.pathCount();
    u32[u + DISTINCT_AGENTS] = stats.agentCount();
    f64[f + BYTES_SUM] = stats.bytesSum;
    f64[f + BYTES_MAX] = stats.bytesMax;
    f64[f + LATENCY_SUM] = stats.latencySum;
    f64[f + LATENCY_MAX] = stats.latencyMax;
    const agents = stats.firstAgents(3);
    for (let i = 0; i < 3; i++) u32[u + AGENTS + i] = i < agents.length ? this.agentId(agents[i]!) + 1 : 0;
    for (let i = 0; i < SAMPLES; i++) {
      const sample = stats.samples[i];
      u32[u + SAMPLE_FILES + i] = sample === undefined ? 0 : this.fileId(sample.file) + 1;
      f64[f + SAMPLE_LINES + i] = sample === undefined ? 0 : sample.line;
    }
    const keys = stats.routeKeys ?? [];
    const tallies = stats.routeTallies ?? [];
    // A row stored again keeps its place when its routes still fit (routes only grow, so rarely).
    let start = u32[u + ROUTE_START]!;
    if (keys.length > u32[u + ROUTE_LENGTH]!) {
      start = this.reserveRoutes(keys.length);
      u32[u + ROUTE_START] = start;
    }
    u32[u + ROUTE_LENGTH] = keys.length;
    for (let i = 0; i < keys.length; i++) {
      this.routeIds[start + i] = this.endpointId(keys[i]!);
      this.routeRequests[start + i] = tallies[2 * i]!;
      this.routeBytes[start + i] = tallies[2 * i + 1]!;
    }
  }

  /** The row as a closed WindowStats (a new object: for reading, or for a late record to add to). */
  read(row: number): WindowStats {
    const u = row * U32_STRIDE;
    const f = row * F64_STRIDE;
    const u32 = this.u32;
    const f64 = this.f64;
    const stats = new WindowStats();
    stats.closed = true;
    stats.requests = u32[u + REQUESTS]!;
    stats.status2xx = u32[u + STATUS_2XX]!;
    stats.status3xx = u32[u + STATUS_3XX]!;
    stats.status4xx = u32[u + STATUS_4XX]!;
    stats.status5xx = u32[u + STATUS_5XX]!;
    stats.authFailures = u32[u + AUTH_FAILURES]!;
    stats.notFound = u32[u + NOT_FOUND]!;
    stats.bytesCount = u32[u + BYTES_COUNT]!;
    stats.latencyCount = u32[u + LATENCY_COUNT]!;
    stats.writesOk = u32[u + WRITES_OK]!;
    stats.referenced = u32[u + REFERENCED]!;
    stats.slowRequests = u32[u + SLOW]!;
    stats.bigResponses = u32[u + BIG]!;
    stats.distinctPaths = u32[u + DISTINCT_PATHS]!;
    stats.distinctAgents = u32[u + DISTINCT_AGENTS]!;
    stats.bytesSum = f64[f + BYTES_SUM]!;
    stats.bytesMax = f64[f + BYTES_MAX]!;
    stats.latencySum = f64[f + LATENCY_SUM]!;
    stats.latencyMax = f64[f + LATENCY_MAX]!;
    const agents: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = u32[u + AGENTS + i]!;
      if (id > 0) agents.push(this.agentNames[id - 1]!);
    }
    stats.agentList = agents.length > 0 ? agents : null;
    const samples: SourceRef[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const file = u32[u + SAMPLE_FILES + i]!;
      if (file > 0) samples.push({ file: this.fileNames[file - 1]!, line: f64[f + SAMPLE_LINES + i]! });
    }
    stats.samples = samples;
    const length = u32[u + ROUTE_LENGTH]!;
    if (length > 0) {
      const start = u32[u + ROUTE_START]!;
      const keys: string[] = new Array(length);
      const tallies: number[] = new Array(2 * length);
      for (let i = 0; i < length; i++) {
        keys[i] = this.endpointNames[this.routeIds[start + i]!]!;
        tallies[2 * i] = this.routeRequests[start + i]!;
        tallies[2 * i + 1] = this.routeBytes[start + i]!;
      }
      stats.routeKeys = keys;
      stats.routeTallies = tallies;
    }
    return stats;
  }

  /** Renames routes in every row (endpoints learned to be one template), adding up routes that become one. */
  renameRoutes(renamed: ReadonlyMap<string, string>): void {
    const to = new Map<number, number>();
    for (const [from, target] of renamed) {
      const id = this.endpointIds.get(from);
      if (id !== undefined) to.set(id, this.endpointId(target));
    }
    if (to.size === 0) return;
    for (let row = 0; row < this.rows; row++) {
      const u = row * U32_STRIDE;
      const start = this.u32[u + ROUTE_START]!;
      const length = this.u32[u + ROUTE_LENGTH]!;
      let changed = false;
      for (let i = start; i < start + length; i++) if (to.has(this.routeIds[i]!)) changed = true;
      if (!changed) continue;
      // Merged in place, first-seen order kept: the merged routes are never more than before.
      let kept = 0;
      for (let i = start; i < start + length; i++) {
        const id = to.get(this.routeIds[i]!) ?? this.routeIds[i]!;
        let at = -1;
        for (let j = start; j < start + kept; j++) if (this.routeIds[j] === id) at = j;
        if (at < 0) {
          const k = start + kept++;
          this.routeIds[k] = id;
          this.routeRequests[k] = this.routeRequests[i]!;
          this.routeBytes[k] = this.routeBytes[i]!;
        } else {
          this.routeRequests[at]! += this.routeRequests[i]!;
          this.routeBytes[at]! += this.routeBytes[i]!;
        }
      }
      this.u32[u + ROUTE_LENGTH] = kept;
    }
  }

  /** Bytes the table holds in typed arrays (for tests and the performance notes). */
  get byteLength(): number {
    return this.u32.byteLength + this.f64.byteLength + this.routeIds.byteLength + this.routeRequests.byteLength + this.routeBytes.byteLength;
  }

  private reserveRoutes(n: number): number {
    if (this.routesUsed + n > this.routeIds.length) {
      const size = Math.max(2 * this.routeIds.length, this.routesUsed + n);
      this.routeIds = grown(this.routeIds, new Uint32Array(size));
      this.routeRequests = grown(this.routeRequests, new Uint32Array(size));
      this.routeBytes = grown(this.routeBytes, new Float64Array(size));
    }
    const start = this.routesUsed;
    this.routesUsed += n;
    return start;
  }

  private growRows(): void {
    this.capacity *= 2;
    this.u32 = grown(this.u32, new Uint32Array(this.capacity * U32_STRIDE));
    this.f64 = grown(this.f64, new Float64Array(this.capacity * F64_STRIDE));
  }

  private endpointId(endpoint: string): number {
    let id = this.endpointIds.get(endpoint);
    if (id === undefined) {
      id = this.endpointNames.length;
      const name = compactCopy(endpoint);
      this.endpointNames.push(name);
      this.endpointIds.set(name, id);
    }
    return id;
  }

  private agentId(agent: string): number {
    const known = this.agentIds.get(agent);
    if (known !== undefined) return known;
    const id = this.agentNames.length;
    const name = compactCopy(agent);
    this.agentNames.push(name);
    if (this.agentIds.size < INTERNED_AGENTS_CAP) this.agentIds.set(name, id);
    return id;
  }

  private fileId(file: string): number {
    let id = this.fileIds.get(file);
    if (id === undefined) {
      id = this.fileNames.length;
      this.fileNames.push(file);
      this.fileIds.set(file, id);
    }
    return id;
  }
}

function grown<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
