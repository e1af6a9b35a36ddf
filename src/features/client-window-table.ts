import type { SourceRef } from '../types.js';
import { compactCopy } from '../normalize/compact-copy.js';
import { WindowStats } from './window-stats.js';

// What client features, the client population and incidents read of a closed client window:
// counters in one Uint32Array row, the rest in one Float64Array row (latency, status classes
// other than 4xx and the largest response are not kept: nothing reads them for clients).
const REQUESTS = 0;
const STATUS_4XX = 1;
const AUTH_FAILURES = 2;
const NOT_FOUND = 3;
const BYTES_COUNT = 4;
const WRITES_OK = 5;
const REFERENCED = 6;
const BIG = 7;
const DISTINCT_PATHS = 8;
const DISTINCT_AGENTS = 9;
const ROUTE_START = 10;
const ROUTE_LENGTH = 11;
/** Agent ids + 1 (0: none), three of them: the report names three. */
const AGENTS = 12;
/** File ids + 1 of the sample lines (0: none). */
const SAMPLE_FILES = 15;
/** Range requests (206) and revalidations (304), and the busiest referer host (id + 1) with its requests: benign explanations. */
const PARTIAL = 18;
const NOT_MODIFIED = 19;
const REFERER_HOST = 20;
const REFERER_REQUESTS = 21;
/** Line numbers of the sample lines (see LONG_LINE). */
const SAMPLE_LINES = 22;
const U32_STRIDE = 25;

const INDEX = 0;
const BYTES_SUM = 1;
const F64_STRIDE = 2;

/** A sample line number past 32 bits (a file of over four billion lines) is stored as this, its number aside. */
const LONG_LINE = 0xffff_ffff;

const SAMPLES = 3;
/** Distinct agents interned once each; past this each stored agent takes its own slot (bounded by windows, not lines). */
const INTERNED_AGENTS_CAP = 50_000;
/**
 * Rows and routes are kept in blocks of this many: a block is never copied to grow (a
 * doubling array would briefly hold twice the table, and touch fresh memory twice).
 */
const BLOCK_BITS = 14;
const BLOCK = 1 << BLOCK_BITS;
const IN_BLOCK = BLOCK - 1;

/**
 * Closed client windows as columns: 116 bytes of typed arrays per window and 16 per route,
 * in place of a WindowStats object with its arrays and samples (about 650 bytes). A day of
 * logs has hundreds of thousands of client windows, most with one request, and as objects
 * they were most of the heap and of the collector's work. Routes, agents and files are
 * stored as ids of interned strings.
 */
export class ClientWindowTable {
  private readonly u32Blocks: Uint32Array[] = [];
  private readonly f64Blocks: Float64Array[] = [];
  rows = 0;

  private readonly routeIdBlocks: Uint32Array[] = [];
  private readonly routeRequestBlocks: Uint32Array[] = [];
  private readonly routeByteBlocks: Float64Array[] = [];
  private routesUsed = 0;

  private readonly endpoints = new StringIds();
  private readonly agentIds = new Map<string, number>();
  private readonly agentNames: string[] = [];
  private readonly files = new StringIds();
  private readonly hosts = new StringIds();
  /** Sample line numbers of LONG_LINE or more, by row × SAMPLES + sample. */
  private readonly longLines = new Map<number, number>();

  /** A new, empty row for the window starting at `index`. */
  addRow(index: number): number {
    const row = this.rows++;
    if ((row & IN_BLOCK) === 0) {
      this.u32Blocks.push(new Uint32Array(BLOCK * U32_STRIDE));
      this.f64Blocks.push(new Float64Array(BLOCK * F64_STRIDE));
    }
    this.f64Blocks[row >>> BLOCK_BITS]![(row & IN_BLOCK) * F64_STRIDE + INDEX] = index;
    return row;
  }

  index(row: number): number {
    return this.f64Blocks[row >>> BLOCK_BITS]![(row & IN_BLOCK) * F64_STRIDE + INDEX]!;
  }
  requests(row: number): number {
    return this.counter(row, REQUESTS);
  }
  status4xx(row: number): number {
    return this.counter(row, STATUS_4XX);
  }
  writesOk(row: number): number {
    return this.counter(row, WRITES_OK);
  }
  pathCount(row: number): number {
    return this.counter(row, DISTINCT_PATHS);
  }
  routeCount(row: number): number {
    return this.counter(row, ROUTE_LENGTH);
  }

  private counter(row: number, field: number): number {
    return this.u32Blocks[row >>> BLOCK_BITS]![(row & IN_BLOCK) * U32_STRIDE + field]!;
  }

  /** Calls `visit` for each route of the row in first-seen order, with its requests and response bytes. */
  forEachRoute(row: number, visit: (endpoint: string, requests: number, bytes: number) => void): void {
    const start = this.counter(row, ROUTE_START);
    const end = start + this.counter(row, ROUTE_LENGTH);
    // A row's routes never straddle two blocks (see reserveRoutes).
    const block = start >>> BLOCK_BITS;
    const ids = this.routeIdBlocks[block]!;
    const requests = this.routeRequestBlocks[block]!;
    const bytes = this.routeByteBlocks[block]!;
    for (let i = start & IN_BLOCK, n = end - start; n > 0; i++, n--) visit(this.endpoints.name(ids[i]!), requests[i]!, bytes[i]!);
  }

  /** Like `forEachRoute`, with each route as its id (see `endpointIdOf`): no name to look up. */
  forEachRouteId(row: number, visit: (id: number, requests: number) => void): void {
    const start = this.counter(row, ROUTE_START);
    const block = start >>> BLOCK_BITS;
    const ids = this.routeIdBlocks[block]!;
    const requests = this.routeRequestBlocks[block]!;
    for (let i = start & IN_BLOCK, n = this.counter(row, ROUTE_LENGTH); n > 0; i++, n--) visit(ids[i]!, requests[i]!);
  }

  /** The id `routeRequestsOf` takes for an endpoint, or -1 when no window has it. */
  endpointIdOf(endpoint: string): number {
    return this.endpoints.find(endpoint) ?? -1;
  }

  /** Requests of the row on one route (by `endpointIdOf`). */
  routeRequestsOf(row: number, id: number): number {
    const length = this.counter(row, ROUTE_LENGTH);
    if (id < 0 || length === 0) return 0;
    const start = this.counter(row, ROUTE_START);
    const ids = this.routeIdBlocks[start >>> BLOCK_BITS]!;
    const from = start & IN_BLOCK;
    for (let i = from; i < from + length; i++) if (ids[i] === id) return this.routeRequestBlocks[start >>> BLOCK_BITS]![i]!;
    return 0;
  }

  /** Stores a closed window in `row` (a window reopened by a late record may be stored again). */
  write(row: number, stats: WindowStats): void {
    const u32 = this.u32Blocks[row >>> BLOCK_BITS]!;
    const f64 = this.f64Blocks[row >>> BLOCK_BITS]!;
    const u = (row & IN_BLOCK) * U32_STRIDE;
    const f = (row & IN_BLOCK) * F64_STRIDE;
    u32[u + REQUESTS] = stats.requests;
    u32[u + STATUS_4XX] = stats.status4xx;
    u32[u + AUTH_FAILURES] = stats.authFailures;
    u32[u + NOT_FOUND] = stats.notFound;
    u32[u + BYTES_COUNT] = stats.bytesCount;
    u32[u + WRITES_OK] = stats.writesOk;
    u32[u + REFERENCED] = stats.referenced;
    u32[u + BIG] = stats.bigResponses;
    u32[u + DISTINCT_PATHS] = stats.pathCount();
    u32[u + DISTINCT_AGENTS] = stats.agentCount();
    u32[u + PARTIAL] = stats.partial;
    u32[u + NOT_MODIFIED] = stats.notModified;
    const referer = stats.refererLead();
    u32[u + REFERER_HOST] = referer.host === null ? 0 : this.hosts.idOf(referer.host) + 1;
    u32[u + REFERER_REQUESTS] = referer.requests;
    f64[f + BYTES_SUM] = stats.bytesSum;
    const agents = stats.agentList;
    for (let i = 0; i < 3; i++) u32[u + AGENTS + i] = agents !== null && i < agents.length ? this.agentId(agents[i]!) + 1 : 0;
    const samples = stats.samples;
    for (let i = 0; i < SAMPLES; i++) {
      const sample = samples[i];
      u32[u + SAMPLE_FILES + i] = sample === undefined ? 0 : this.files.idOf(sample.file) + 1;
      const line = sample === undefined ? 0 : sample.line;
      u32[u + SAMPLE_LINES + i] = line < LONG_LINE ? line : LONG_LINE;
      if (line >= LONG_LINE) this.longLines.set(row * SAMPLES + i, line);
    }
    const keys = stats.routeKeys;
    const length = keys === null ? 0 : keys.length;
    // A row stored again keeps its place when its routes still fit (routes only grow, so rarely).
    let start = u32[u + ROUTE_START]!;
    if (length > u32[u + ROUTE_LENGTH]!) {
      start = this.reserveRoutes(length);
      u32[u + ROUTE_START] = start;
    }
    u32[u + ROUTE_LENGTH] = length;
    if (keys === null) return;
    const tallies = stats.routeTallies!;
    const block = start >>> BLOCK_BITS;
    const ids = this.routeIdBlocks[block]!;
    const requests = this.routeRequestBlocks[block]!;
    const bytes = this.routeByteBlocks[block]!;
    for (let i = 0, at = start & IN_BLOCK; i < length; i++, at++) {
      ids[at] = this.endpoints.idOf(keys[i]!);
      requests[at] = tallies[2 * i]!;
      bytes[at] = tallies[2 * i + 1]!;
    }
  }

  /** The row as a closed WindowStats (a new object: for reading, or for a late record to add to). */
  read(row: number): WindowStats {
    return this.fill(row, new WindowStats(), [], [], [], []);
  }

  /**
   * The row in the scratch's WindowStats, refilled row after row with its arrays reused:
   * reading every window of a long log makes no garbage. Valid until the scratch's next read;
   * what outlives it (an incident's samples, routes) is read with `read`.
   */
  readInto(row: number, scratch: ClientWindowScratch): WindowStats {
    const { agents, samples, keys, tallies } = scratch;
    agents.length = 0;
    samples.length = 0;
    keys.length = 0;
    tallies.length = 0;
    return this.fill(row, scratch.stats, agents, samples, keys, tallies);
  }

  private fill(row: number, stats: WindowStats, agents: string[], samples: SourceRef[], keys: string[], tallies: number[]): WindowStats {
    const u32 = this.u32Blocks[row >>> BLOCK_BITS]!;
    const f64 = this.f64Blocks[row >>> BLOCK_BITS]!;
    const u = (row & IN_BLOCK) * U32_STRIDE;
    const f = (row & IN_BLOCK) * F64_STRIDE;
    stats.closed = true;
    stats.requests = u32[u + REQUESTS]!;
    stats.status4xx = u32[u + STATUS_4XX]!;
    stats.authFailures = u32[u + AUTH_FAILURES]!;
    stats.notFound = u32[u + NOT_FOUND]!;
    stats.bytesCount = u32[u + BYTES_COUNT]!;
    stats.writesOk = u32[u + WRITES_OK]!;
    stats.referenced = u32[u + REFERENCED]!;
    stats.bigResponses = u32[u + BIG]!;
    stats.distinctPaths = u32[u + DISTINCT_PATHS]!;
    stats.distinctAgents = u32[u + DISTINCT_AGENTS]!;
    stats.partial = u32[u + PARTIAL]!;
    stats.notModified = u32[u + NOT_MODIFIED]!;
    const host = u32[u + REFERER_HOST]!;
    stats.leadReferer = host === 0 ? null : this.hosts.name(host - 1);
    stats.leadRefererRequests = u32[u + REFERER_REQUESTS]!;
    stats.bytesSum = f64[f + BYTES_SUM]!;
    for (let i = 0; i < 3; i++) {
      const id = u32[u + AGENTS + i]!;
      if (id > 0) agents.push(this.agentNames[id - 1]!);
    }
    stats.agentList = agents.length > 0 ? agents : null;
    for (let i = 0; i < SAMPLES; i++) {
      const file = u32[u + SAMPLE_FILES + i]!;
      const line = u32[u + SAMPLE_LINES + i]!;
      if (file > 0) samples.push({ file: this.files.name(file - 1), line: line === LONG_LINE ? this.longLines.get(row * SAMPLES + i)! : line });
    }
    stats.samples = samples;
    this.forEachRoute(row, (endpoint, requests, bytes) => {
      keys.push(endpoint);
      tallies.push(requests, bytes);
    });
    stats.routeKeys = keys.length > 0 ? keys : null;
    stats.routeTallies = keys.length > 0 ? tallies : null;
    return stats;
  }

  /** Renames routes in every row (endpoints learned to be one template), adding up routes that become one. */
  renameRoutes(renamed: ReadonlyMap<string, string>): void {
    const to = new Map<number, number>();
    for (const [from, target] of renamed) {
      const id = this.endpoints.find(from);
      if (id !== undefined) to.set(id, this.endpoints.idOf(target));
    }
    if (to.size === 0) return;
    for (let row = 0; row < this.rows; row++) {
      const length = this.counter(row, ROUTE_LENGTH);
      if (length === 0) continue;
      const start = this.counter(row, ROUTE_START);
      const block = start >>> BLOCK_BITS;
      const ids = this.routeIdBlocks[block]!;
      const requests = this.routeRequestBlocks[block]!;
      const bytes = this.routeByteBlocks[block]!;
      const from = start & IN_BLOCK;
      let changed = false;
      for (let i = from; i < from + length; i++) if (to.has(ids[i]!)) changed = true;
      if (!changed) continue;
      // Merged in place, first-seen order kept: the merged routes are never more than before.
      let kept = 0;
      for (let i = from; i < from + length; i++) {
        const id = to.get(ids[i]!) ?? ids[i]!;
        let at = -1;
        for (let j = from; j < from + kept; j++) if (ids[j] === id) at = j;
        if (at < 0) {
          const k = from + kept++;
          ids[k] = id;
          requests[k] = requests[i]!;
          bytes[k] = bytes[i]!;
        } else {
          requests[at]! += requests[i]!;
          bytes[at]! += bytes[i]!;
        }
      }
      this.u32Blocks[row >>> BLOCK_BITS]![(row & IN_BLOCK) * U32_STRIDE + ROUTE_LENGTH] = kept;
    }
  }

  /** Bytes the table holds in typed arrays (for tests and the performance notes). */
  get byteLength(): number {
    let n = 0;
    for (const blocks of [this.u32Blocks, this.f64Blocks, this.routeIdBlocks, this.routeRequestBlocks, this.routeByteBlocks]) for (const block of blocks) n += block.byteLength;
    return n;
  }

  /** Room for `n` routes of one row, all in one block. */
  private reserveRoutes(n: number): number {
    let start = this.routesUsed;
    if ((start & IN_BLOCK) + n > BLOCK || (start & IN_BLOCK) === 0) {
      // The rest of a block too small for the row is left unused (a row has at most 33 routes).
      if ((start & IN_BLOCK) !== 0) start = (start | IN_BLOCK) + 1;
      this.routeIdBlocks.push(new Uint32Array(BLOCK));
      this.routeRequestBlocks.push(new Uint32Array(BLOCK));
      this.routeByteBlocks.push(new Float64Array(BLOCK));
    }
    this.routesUsed = start + n;
    return start;
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
}

/** Strings numbered in the order first seen, each stored once: window rows hold the numbers. */
class StringIds {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.names.length;
      const name = compactCopy(text);
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }

  find(text: string): number | undefined {
    return this.ids.get(text);
  }

  name(id: number): string {
    return this.names[id]!;
  }
}

/** A WindowStats and its arrays, refilled by `ClientWindowTable.readInto` for one row at a time. */
export class ClientWindowScratch {
  readonly stats = new WindowStats();
  readonly agents: string[] = [];
  readonly samples: SourceRef[] = [];
  readonly keys: string[] = [];
  readonly tallies: number[] = [];
}
