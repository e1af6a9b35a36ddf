import type { LogRecord } from '../types.js';
import { endpointKey, isItemWrite } from '../normalize/endpoint-key.js';
import { networkOf } from '../normalize/network.js';
import { EndpointTotals } from './endpoint-totals.js';
import { ConsumerTotals } from './consumer-totals.js';
import { EntityWindows, type EntityTrack } from './entity-windows.js';
import { compactCopy } from '../normalize/compact-copy.js';
import { ClientWindows, type ClientTrack } from './client-windows.js';
import { OnlineReferences, type ReferenceSource } from './reference-thresholds.js';
import { mergeWindowStats, newLatencyHistogram, ROUTE_FOLDED, ROUTE_NEW, type WindowStats } from './window-stats.js';
import { SiteHosts } from './site-hosts.js';
import { knownAgent } from '../normalize/known-agents.js';
import { utcHour } from '../time/calendar.js';
import { QuantileSketch } from '../baseline/quantile-sketch.js';

/** Clients past `maxClients` share this entity; it is no client's window and is never scored. */
export const OTHER_CLIENTS = '(other clients)';
/** Distinct clients kept apart by default (a track each, plus about 0.2 KiB per window: see ClientWindowTable). */
export const DEFAULT_MAX_CLIENTS = 200_000;
/** Routes counted per client window; the rest share one bucket. */
const ROUTES_PER_WINDOW = 32;
/** Where a client window's routes past its cap are counted; a bucket, never named as an endpoint. */
export const OTHER_ROUTES = '(other routes)';
/** Agents and networks kept per client or consumer window. */
const SMALL_SET_CAP = 64;
/** Distinct user agents stored once each (see `agentOf`); past this, values are stored as they come. */
const AGENT_NAMES_CAP = 20_000;
/** Routes whose `METHOD route` keys are cached (routes are capped by the templater; gateway-logged ones may not be). */
const ENDPOINT_KEYS_CAP = 20_000;

interface SeenAgent {
  name: string;
  knownRole: boolean;
}

/** One `METHOD route` as the aggregation keeps it: found with one lookup per request instead of one per aggregate. */
interface EndpointSlot {
  /** Its windows; `track.key` is the endpoint's one stored `METHOD route` string. */
  track: EntityTrack;
  totals: EndpointTotals;
  /** PUT/PATCH/DELETE, or POST on an item route (see isItemWrite). */
  itemWrite: boolean;
}

/**
 * One streaming pass over records: per-window counters for endpoints, clients and consumers,
 * plus each endpoint's and consumer's totals over the whole input. Plain aggregates: the
 * baseline is built from them in one place (baseline-from-aggregates.ts).
 * Memory grows with endpoints, clients, consumers and windows, never with lines.
 */
export class TrafficAggregator {
  readonly endpoints = new EntityWindows();
  readonly clients = new ClientWindows();
  readonly consumers = new EntityWindows();
  readonly endpointTotals = new Map<string, EndpointTotals>();
  readonly consumerTotals = new Map<string, ConsumerTotals>();
  /** Records per window over the whole input (a window with none is a gap in the data). */
  readonly totals = new Map<number, number>();
  records = 0;
  startMs = Infinity;
  endMs = -Infinity;

  /** Requests of clients past `maxClients`, counted under OTHER_CLIENTS. */
  foldedClientRequests = 0;
  /** Hosts named by Host fields and Referers: which one is the site (asset fan-out). */
  readonly sites = new SiteHosts();
  /** See `perClientWindowCounts`: counted once, on first use (analyze and learn need it, score does not). */
  private perClientWindow: Map<string, QuantileSketch> | null = null;

  constructor(
    readonly windowMs: number,
    private readonly references: ReferenceSource = new OnlineReferences(),
    private readonly maxClients: number = DEFAULT_MAX_CLIENTS,
  ) {}

  /** route → method → its endpoint's aggregates: one string per endpoint, so map lookups hash it once. */
  private readonly endpointSlots = new Map<string, Map<string, EndpointSlot>>();
  /**
   * User agents seen, each stored once (as a compact copy) however many windows keep it, with
   * whether it claims a benign role (crawler, link preview, monitor): one lookup per request.
   */
  private readonly agents = new Map<string, SeenAgent>();

  add(record: LogRecord): void {
    const time = record.timeMs;
    const index = Math.floor(time / this.windowMs);
    this.records++;
    if (time < this.startMs) this.startMs = time;
    if (time > this.endMs) this.endMs = time;
    this.totals.set(index, (this.totals.get(index) ?? 0) + 1);

    const slot = this.endpointOf(record);
    const endpoint = slot.track.key;
    let clientName = record.client ?? '(unknown)';
    // A log with millions of distinct addresses must not take memory per address without end.
    if (this.clients.size >= this.maxClients && !this.clients.entities.has(clientName)) {
      clientName = OTHER_CLIENTS;
      this.foldedClientRequests++;
    }
    const clientTrack = this.clients.track(clientName);
    const client = clientTrack.key;
    const write = slot.itemWrite && record.status !== null && record.status >= 200 && record.status < 300;

    const e = this.endpoints.windowOf(slot.track, index, initEndpointWindow);
    count(e, record, write);
    e.tallyClient(client);
    this.sites.noteHost(record.host);
    const refererHost = this.sites.noteReferer(record.referer);
    if (refererHost !== null) e.addReferer(refererHost);
    const agent = record.userAgent === null ? null : this.agentOf(record.userAgent, clientTrack);
    if (agent !== null && agent.knownRole) {
      e.knownAgentRequests++;
      e.knownAgent ??= agent.name;
    }
    if (record.status !== null && record.status >= 500) e.addErroredClient(client);

    const totals = slot.totals;
    totals.count(record, write);
    const reference = this.references.reference(endpoint, totals);

    const c = this.clients.windowOf(clientTrack, index);
    count(c, record, write);
    if (reference !== null) {
      const slow = record.durationMs !== null && record.durationMs > reference.slowMs ? 1 : 0;
      const big = record.bytesSent !== null && record.bytesSent > reference.bigBytes ? 1 : 0;
      e.referenced++;
      if (slow === 1) e.addSlowClient(client);
      e.slowRequests += slow;
      e.bigResponses += big;
      c.referenced++;
      c.slowRequests += slow;
      c.bigResponses += big;
      totals.referenced++;
      totals.slowRequests += slow;
      totals.bigResponses += big;
    }
    if (record.path !== null) c.addPath(record.path);
    if (refererHost !== null) c.addReferer(refererHost);
    const routed = c.addRoute(endpoint, record.bytesSent, ROUTES_PER_WINDOW, OTHER_ROUTES);
    // A client already in the window on this route was noted when the route was added to it.
    if (routed === ROUTE_NEW) totals.noteClient(client);
    else if (routed === ROUTE_FOLDED) {
      totals.noteClient(client);
      // A route past the client window's cap is still named for the endpoint window: its client list stays exact.
      e.addFoldedClient(client);
    }
    if (agent !== null) c.addAgent(agent.name, SMALL_SET_CAP);

    if (record.consumer !== null) this.addConsumer(record, index, endpoint, client, write);
  }

  private addConsumer(record: LogRecord, index: number, endpoint: string, client: string, write: boolean): void {
    const consumer = record.consumer!;
    const k = this.consumers.window(consumer, index, initConsumerWindow);
    const firstInWindow = k.requests === 0;
    count(k, record, write);
    k.addRoute(endpoint, null, ROUTES_PER_WINDOW, OTHER_ROUTES);
    if (k.clients!.size < SMALL_SET_CAP) k.clients!.add(client);
    let totals = this.consumerTotals.get(consumer);
    if (!totals) {
      totals = new ConsumerTotals();
      this.consumerTotals.set(consumer, totals);
    }
    if (firstInWindow) totals.activeWindows++;
    totals.requests++;
    if (write) totals.writesOk++;
    totals.hours[utcHour(record.timeMs)]!++;
    const network = networkOf(client);
    const newNetworkInWindow = k.networks !== null && !k.networks.has(network);
    if (newNetworkInWindow && k.networks!.size < SMALL_SET_CAP) k.networks!.add(network);
    totals.noteNetwork(network, newNetworkInWindow);
    totals.noteEndpoint(endpoint);
    if (record.userAgent !== null) {
      totals.noteAgent(record.userAgent);
      if (k.agents && k.agents.size < SMALL_SET_CAP) k.agents.add(record.userAgent);
    }
  }

  /** The aggregates of the record's endpoint (`endpointKey(record)`), from a cache when the route was seen before. */
  private endpointOf(record: LogRecord): EndpointSlot {
    const { method, route } = record;
    if (method === null || route === null) return this.slotOf(endpointKey(record), false);
    let byMethod = this.endpointSlots.get(route);
    if (byMethod === undefined) {
      if (this.endpointSlots.size >= ENDPOINT_KEYS_CAP) return this.slotOf(endpointKey(record), isItemWrite(method, route));
      byMethod = new Map();
      this.endpointSlots.set(route, byMethod);
    }
    let slot = byMethod.get(method);
    if (slot === undefined) {
      slot = this.slotOf(endpointKey(record), isItemWrite(method, route));
      byMethod.set(method, slot);
    }
    return slot;
  }

  private slotOf(endpoint: string, itemWrite: boolean): EndpointSlot {
    const track = this.endpoints.track(endpoint);
    let totals = this.endpointTotals.get(track.key);
    if (!totals) {
      totals = new EndpointTotals();
      this.endpointTotals.set(track.key, totals);
    }
    return { track, totals, itemWrite };
  }

  /**
   * The agent's entry, stored once. Most clients send one agent, so it is first compared with
   * the client's last one: a string comparison instead of hashing 100-odd characters.
   */
  private agentOf(agent: string, client: ClientTrack): SeenAgent {
    const last = client.lastAgent;
    if (last !== null && last.name === agent) return last;
    let seen = this.agents.get(agent);
    if (seen === undefined) {
      seen = { name: agent, knownRole: knownAgent(agent) !== null };
      if (this.agents.size < AGENT_NAMES_CAP) {
        seen.name = compactCopy(agent);
        this.agents.set(seen.name, seen);
      }
    }
    client.lastAgent = seen;
    return seen;
  }

  /** Closes every window and renames endpoints to their routes' final templates. Call once, after the last record. */
  finish(canonicalEndpoint: (endpoint: string) => string = (endpoint) => endpoint): void {
    this.endpoints.closeAll();
    this.clients.closeAll();
    this.consumers.closeAll();
    canonicalizeEndpoints(this, canonicalEndpoint);
    for (const totals of this.endpointTotals.values()) totals.close();
  }

  /** Per endpoint, the requests of each client window on it (how much one client sends there). Call after `finish`. */
  perClientWindowCounts(): ReadonlyMap<string, QuantileSketch> {
    if (this.perClientWindow !== null) return this.perClientWindow;
    const sketches = new Map<string, QuantileSketch>();
    for (const endpoint of this.endpointTotals.keys()) sketches.set(endpoint, new QuantileSketch());
    const table = this.clients.table;
    // By route id, so a row's routes are read without looking up their names (hundreds of thousands of rows).
    const byId: (QuantileSketch | undefined)[] = [];
    for (const [endpoint, sketch] of sketches) {
      const id = table.endpointIdOf(endpoint);
      if (id >= 0) byId[id] = sketch;
    }
    for (const track of this.clients.entities.values()) {
      for (const row of track.rows) table.forEachRouteId(row, (id, n) => byId[id]?.add(n));
    }
    this.perClientWindow = sketches;
    return sketches;
  }
}

/**
 * Route templates are learned online, so an endpoint keyed early (`GET /catalog/red-shoes`)
 * may later be known as `GET /catalog/{param}`: merge everything kept under the early key.
 */
function canonicalizeEndpoints(aggregator: TrafficAggregator, canonical: (endpoint: string) => string): void {
  const self = aggregator;
  const renamed = new Map<string, string>();
  for (const endpoint of self.endpoints.entities.keys()) {
    const target = canonical(endpoint);
    if (target !== endpoint) renamed.set(endpoint, target);
  }
  if (renamed.size === 0) return;
  for (const [from, to] of renamed) {
    const source = self.endpoints.entities.get(from)!;
    self.endpoints.entities.delete(from);
    const target = self.endpoints.entities.get(to);
    if (!target) self.endpoints.entities.set(to, source);
    else {
      for (const [index, stats] of source.windows) {
        const existing = target.windows.get(index);
        if (existing) mergeWindowStats(existing, stats);
        else target.windows.set(index, stats);
      }
    }
    const totals = self.endpointTotals.get(from)!;
    self.endpointTotals.delete(from);
    const targetTotals = self.endpointTotals.get(to);
    if (targetTotals) targetTotals.absorb(totals);
    else self.endpointTotals.set(to, totals);
  }
  self.clients.table.renameRoutes(renamed);
  for (const track of self.consumers.entities.values()) {
    for (const stats of track.windows.values()) stats.renameRoutes(renamed);
  }
  // The consumer's routes must read the same as its windows', or every route it uses is "never called before".
  for (const totals of self.consumerTotals.values()) totals.renameEndpoints(renamed);
}

function initEndpointWindow(stats: WindowStats): void {
  stats.latencyHistogram = newLatencyHistogram();
  stats.clientTally = new Map();
}

function initConsumerWindow(stats: WindowStats): void {
  stats.clients = new Set();
  stats.keepClients = true;
  stats.agents = new Set();
  stats.networks = new Set();
}

function count(stats: WindowStats, record: LogRecord, write: boolean): void {
  stats.requests++;
  const status = record.status;
  if (status !== null) {
    if (status < 300) stats.status2xx++;
    else if (status < 400) stats.status3xx++;
    else if (status < 500) {
      stats.status4xx++;
      if (status === 401 || status === 403) stats.authFailures++;
      else if (status === 404) stats.notFound++;
    } else stats.status5xx++;
  }
  if (record.bytesSent !== null) {
    stats.bytesSum += record.bytesSent;
    stats.bytesCount++;
    if (record.bytesSent > stats.bytesMax) stats.bytesMax = record.bytesSent;
  }
  if (record.durationMs !== null) stats.addLatency(record.durationMs);
  if (write) stats.writesOk++;
  if (status === 206) stats.partial++;
  else if (status === 304) stats.notModified++;
  stats.addSample(record.source);
}
