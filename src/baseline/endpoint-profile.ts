import { QuantileSketch, type SerializedSketch } from './quantile-sketch.js';

/** Everything an endpoint profile holds, as plain values: what it is built from (features/baseline-from-aggregates.ts, baseline-file.ts). */
export interface EndpointProfileFields {
  requests: number;
  status2xx: number;
  status3xx: number;
  status4xx: number;
  status5xx: number;
  authFailures: number;
  notFound: number;
  writesOk: number;
  /** Requests judged against the endpoint's reference quantiles, and how many were slow or outsized. */
  referenced: number;
  slowRequests: number;
  bigResponses: number;
  /**
   * Normal rates with the endpoint's most eventful tenth of windows left out, so an attack inside
   * the learned traffic does not become the normal it is judged against (see robustRates).
   */
  robust: RobustRates;
  latency: QuantileSketch;
  size: QuantileSketch;
  /** Per-client-window request counts on this endpoint (how much one client normally sends here). */
  perClientWindow: QuantileSketch;
  /**
   * Typical requests per window by hour of day (UTC): the median over every window of the hour
   * and its neighbours, empty windows included, and the spread around it. Medians keep a flood
   * or an outage inside the learned traffic from becoming the normal.
   */
  typicalByHour: Float64Array;
  spreadByHour: Float64Array;
  /** Requests per hour of the week: index = weekday (0 = Sunday) × 24 + hour, UTC. */
  hourOfWeek: Float64Array;
  /** Sum of squared per-window request counts, per hour of the week (for the volume's spread). */
  hourOfWeekSquares: Float64Array;
  /** Windows in which the endpoint served at least one request. */
  activeWindows: number;
  distinctClients: number;
  firstSeenMs: number;
  lastSeenMs: number;
}

/**
 * What is normal for one endpoint (method + route). Volume is kept per hour of the week (UTC) so
 * the expected volume of a window can be read for its hour of day, or its weekday and hour when
 * the data spans two weeks. Built whole from its fields and never changed after.
 */
export class EndpointProfile implements Readonly<EndpointProfileFields> {
  readonly requests: number;
  readonly status2xx: number;
  readonly status3xx: number;
  readonly status4xx: number;
  readonly status5xx: number;
  readonly authFailures: number;
  readonly notFound: number;
  readonly writesOk: number;
  readonly referenced: number;
  readonly slowRequests: number;
  readonly bigResponses: number;
  readonly robust: Readonly<RobustRates>;
  readonly latency: QuantileSketch;
  readonly size: QuantileSketch;
  readonly perClientWindow: QuantileSketch;
  readonly typicalByHour: Float64Array;
  readonly spreadByHour: Float64Array;
  readonly hourOfWeek: Float64Array;
  readonly hourOfWeekSquares: Float64Array;
  readonly activeWindows: number;
  readonly distinctClients: number;
  readonly firstSeenMs: number;
  readonly lastSeenMs: number;

  constructor(f: EndpointProfileFields) {
    this.requests = f.requests;
    this.status2xx = f.status2xx;
    this.status3xx = f.status3xx;
    this.status4xx = f.status4xx;
    this.status5xx = f.status5xx;
    this.authFailures = f.authFailures;
    this.notFound = f.notFound;
    this.writesOk = f.writesOk;
    this.referenced = f.referenced;
    this.slowRequests = f.slowRequests;
    this.bigResponses = f.bigResponses;
    this.robust = f.robust;
    this.latency = f.latency;
    this.size = f.size;
    this.perClientWindow = f.perClientWindow;
    this.typicalByHour = f.typicalByHour;
    this.spreadByHour = f.spreadByHour;
    this.hourOfWeek = f.hourOfWeek;
    this.hourOfWeekSquares = f.hourOfWeekSquares;
    this.activeWindows = f.activeWindows;
    this.distinctClients = f.distinctClients;
    this.firstSeenMs = f.firstSeenMs;
    this.lastSeenMs = f.lastSeenMs;
  }

  /** The profile of both periods (baselines of two files); neither input changes. */
  static merged(a: EndpointProfile, b: EndpointProfile): EndpointProfile {
    const weight = a.requests + b.requests === 0 ? 0.5 : b.requests / (a.requests + b.requests);
    const robust = { ...a.robust };
    for (const key of Object.keys(robust) as (keyof RobustRates)[]) robust[key] += weight * (b.robust[key] - robust[key]);
    const typicalByHour = new Float64Array(24);
    const spreadByHour = new Float64Array(24);
    for (let h = 0; h < 24; h++) {
      typicalByHour[h] = a.typicalByHour[h]! + weight * (b.typicalByHour[h]! - a.typicalByHour[h]!);
      spreadByHour[h] = Math.max(a.spreadByHour[h]!, b.spreadByHour[h]!);
    }
    const hourOfWeek = new Float64Array(168);
    const hourOfWeekSquares = new Float64Array(168);
    for (let i = 0; i < 168; i++) {
      hourOfWeek[i] = a.hourOfWeek[i]! + b.hourOfWeek[i]!;
      hourOfWeekSquares[i] = a.hourOfWeekSquares[i]! + b.hourOfWeekSquares[i]!;
    }
    return new EndpointProfile({
      requests: a.requests + b.requests,
      status2xx: a.status2xx + b.status2xx,
      status3xx: a.status3xx + b.status3xx,
      status4xx: a.status4xx + b.status4xx,
      status5xx: a.status5xx + b.status5xx,
      authFailures: a.authFailures + b.authFailures,
      notFound: a.notFound + b.notFound,
      writesOk: a.writesOk + b.writesOk,
      referenced: a.referenced + b.referenced,
      slowRequests: a.slowRequests + b.slowRequests,
      bigResponses: a.bigResponses + b.bigResponses,
      robust,
      latency: QuantileSketch.merged(a.latency, b.latency),
      size: QuantileSketch.merged(a.size, b.size),
      perClientWindow: QuantileSketch.merged(a.perClientWindow, b.perClientWindow),
      typicalByHour,
      spreadByHour,
      hourOfWeek,
      hourOfWeekSquares,
      activeWindows: a.activeWindows + b.activeWindows,
      // Distinct clients of two files cannot be unioned from counts: the larger is a lower bound.
      distinctClients: Math.max(a.distinctClients, b.distinctClients),
      firstSeenMs: Math.min(a.firstSeenMs, b.firstSeenMs),
      lastSeenMs: Math.max(a.lastSeenMs, b.lastSeenMs),
    });
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

  static fromJSON(v: SerializedEndpointProfile): EndpointProfile {
    const { status5xx, authFailures, notFound, slow, big } = v.robust;
    return new EndpointProfile({
      requests: v.requests,
      status2xx: v.status['2xx'],
      status3xx: v.status['3xx'],
      status4xx: v.status['4xx'],
      status5xx: v.status['5xx'],
      authFailures: v.authFailures,
      notFound: v.notFound,
      writesOk: v.writesOk,
      referenced: v.referenced,
      slowRequests: v.slowRequests,
      bigResponses: v.bigResponses,
      robust: { status5xx, authFailures, notFound, slow, big },
      latency: QuantileSketch.fromJSON(v.latencyMs),
      size: QuantileSketch.fromJSON(v.sizeBytes),
      perClientWindow: QuantileSketch.fromJSON(v.perClientWindow),
      typicalByHour: Float64Array.from(v.typicalByHour),
      spreadByHour: Float64Array.from(v.spreadByHour),
      hourOfWeek: Float64Array.from(v.hourOfWeek),
      hourOfWeekSquares: Float64Array.from(v.hourOfWeekSquares),
      activeWindows: v.activeWindows,
      distinctClients: v.distinctClients,
      firstSeenMs: v.firstSeen,
      lastSeenMs: v.lastSeen,
    });
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
