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
  latency = new QuantileSketch();
  size = new QuantileSketch();
  /** Requests per hour of the week: index = weekday (0 = Sunday) × 24 + hour, UTC. */
  hourOfWeek = new Float64Array(168);
  /** Sum of squared per-window request counts, per hour of the week (for the volume's spread). */
  hourOfWeekSquares = new Float64Array(168);
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
    this.requests += other.requests;
    this.status2xx += other.status2xx;
    this.status3xx += other.status3xx;
    this.status4xx += other.status4xx;
    this.status5xx += other.status5xx;
    this.authFailures += other.authFailures;
    this.notFound += other.notFound;
    this.writesOk += other.writesOk;
    this.latency.merge(other.latency);
    this.size.merge(other.size);
    this.perClientWindow.merge(other.perClientWindow);
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
      latencyMs: this.latency.toJSON(),
      sizeBytes: this.size.toJSON(),
      perClientWindow: this.perClientWindow.toJSON(),
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
  latencyMs: SerializedSketch;
  sizeBytes: SerializedSketch;
  perClientWindow: SerializedSketch;
  hourOfWeek: number[];
  hourOfWeekSquares: number[];
  activeWindows: number;
  distinctClients: number;
  firstSeen: number;
  lastSeen: number;
}
