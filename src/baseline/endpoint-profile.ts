import { QuantileSketch, type SerializedSketch } from './quantile-sketch.js';

/** Distinct clients counted exactly per endpoint up to this many. */
const CLIENT_CAP = 10_000;

/**
 * What is normal for one endpoint (method + route), learned from every record of it.
 * Volume is kept per hour of the week (UTC) so the expected volume of a window can be
 * read for its hour of day, or its weekday and hour when the data spans two weeks.
 */
export class EndpointProfile {
  requests = 0;
  status2xx = 0;
  status3xx = 0;
  status4xx = 0;
  status5xx = 0;
  authFailures = 0;
  notFound = 0;
  writesOk = 0;
  /** Requests judged against the endpoint's reference quantiles, and how many were slow or outsized. */
  referenced = 0;
  slowRequests = 0;
  bigResponses = 0;
  /**
   * Normal rates with the endpoint's most eventful tenth of windows left out, so an attack inside
   * the learned traffic does not become the normal it is judged against (see robustRates).
   */
  robust: RobustRates = { status5xx: 0, authFailures: 0, notFound: 0, slow: 0.05, big: 0.01 };
  latency = new QuantileSketch();
  size = new QuantileSketch();
  /** Requests per hour of the week: index = weekday (0 = Sunday) × 24 + hour, UTC. */
  hourOfWeek = new Float64Array(168);
  /** Sum of squared per-window request counts, per hour of the week (for the volume's spread). */
  hourOfWeekSquares = new Float64Array(168);
  /**
   * Typical requests per window by hour of day (UTC): the median over every window of the hour
   * and its neighbours, empty windows included, and the spread around it. Medians keep a flood
   * or an outage inside the learned traffic from becoming the normal.
   */
  typicalByHour = new Float64Array(24);
  spreadByHour = new Float64Array(24);
  /** Windows in which the endpoint served at least one request. */
  activeWindows = 0;
  distinctClients = 0;
  firstSeenMs = Infinity;
  lastSeenMs = -Infinity;
  /** Per-client-window request counts on this endpoint (how much one client normally sends here). */
  perClientWindow = new QuantileSketch();
  clients: Set<string> | null = new Set();

  noteClient(client: string): void {
    if (this.clients && this.clients.size < CLIENT_CAP) this.clients.add(client);
  }

  finish(): void {
    if (this.clients) this.distinctClients = Math.max(this.distinctClients, this.clients.size);
    this.clients = null;
  }

  merge(other: EndpointProfile): void {
    const weight = this.requests + other.requests === 0 ? 0.5 : other.requests / (this.requests + other.requests);
    for (const key of Object.keys(this.robust) as (keyof RobustRates)[]) this.robust[key] += weight * (other.robust[key] - this.robust[key]);
    this.requests += other.requests;
    this.status2xx += other.status2xx;
    this.status3xx += other.status3xx;
    this.status4xx += other.status4xx;
    this.status5xx += other.status5xx;
    this.authFailures += other.authFailures;
    this.notFound += other.notFound;
    this.writesOk += other.writesOk;
    this.referenced += other.referenced;
    this.slowRequests += other.slowRequests;
    this.bigResponses += other.bigResponses;
    this.latency.merge(other.latency);
    this.size.merge(other.size);
    this.perClientWindow.merge(other.perClientWindow);
    for (let h = 0; h < 24; h++) {
      this.typicalByHour[h] = this.typicalByHour[h]! + weight * (other.typicalByHour[h]! - this.typicalByHour[h]!);
      this.spreadByHour[h] = Math.max(this.spreadByHour[h]!, other.spreadByHour[h]!);
    }
    for (let i = 0; i < 168; i++) {
      this.hourOfWeek[i]! += other.hourOfWeek[i]!;
      this.hourOfWeekSquares[i]! += other.hourOfWeekSquares[i]!;
    }
    this.activeWindows += other.activeWindows;
    // Distinct clients of two files cannot be unioned from counts: the larger is a lower bound.
    this.distinctClients = Math.max(this.distinctClients, other.distinctClients);
    this.firstSeenMs = Math.min(this.firstSeenMs, other.firstSeenMs);
    this.lastSeenMs = Math.max(this.lastSeenMs, other.lastSeenMs);
  }

  rate(count: number): number {
    return this.requests === 0 ? 0 : count / this.requests;
  }

  toJSON(): SerializedEndpointProfile {
    return {
      requests: this.requests,
      status: { '2xx': this.status2xx, '3xx': this.status3xx, '4xx': this.status4xx, '5xx': this.status5xx },
      authFailures: this.authFailures,
      notFound: this.notFound,
      writesOk: this.writesOk,
      referenced: this.referenced,
      slowRequests: this.slowRequests,
      bigResponses: this.bigResponses,
      robust: { ...this.robust },
      latencyMs: this.latency.toJSON(),
      sizeBytes: this.size.toJSON(),
      perClientWindow: this.perClientWindow.toJSON(),
      typicalByHour: Array.from(this.typicalByHour),
      spreadByHour: Array.from(this.spreadByHour),
      hourOfWeek: Array.from(this.hourOfWeek),
      hourOfWeekSquares: Array.from(this.hourOfWeekSquares),
      activeWindows: this.activeWindows,
      distinctClients: this.distinctClients,
      firstSeen: this.firstSeenMs,
      lastSeen: this.lastSeenMs,
    };
  }
}

export interface SerializedEndpointProfile {
  requests: number;
  status: { '2xx': number; '3xx': number; '4xx': number; '5xx': number };
  authFailures: number;
  notFound: number;
  writesOk: number;
  referenced: number;
  slowRequests: number;
  bigResponses: number;
  robust: RobustRates;
  latencyMs: SerializedSketch;
  sizeBytes: SerializedSketch;
  perClientWindow: SerializedSketch;
  typicalByHour: number[];
  spreadByHour: number[];
  hourOfWeek: number[];
  hourOfWeekSquares: number[];
  activeWindows: number;
  distinctClients: number;
  firstSeen: number;
  lastSeen: number;
}

/** Normal rates of an endpoint, robust to a burst of bad windows in the learned traffic. */
export interface RobustRates {
  status5xx: number;
  authFailures: number;
  notFound: number;
  /** Share of requests slower than the endpoint's p95. */
  slow: number;
  /** Share of responses over twice the endpoint's p95 size. */
  big: number;
}
