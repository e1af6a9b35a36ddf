import type { LogRecord } from '../types.js';
import { QuantileSketch } from '../baseline/quantile-sketch.js';

/** Distinct clients counted exactly per endpoint up to this many. */
const CLIENT_CAP = 10_000;

/**
 * One endpoint's counts over the whole input, as the aggregation streams: plain aggregates, no
 * normal. The baseline's EndpointProfile is built from them and the endpoint's windows
 * (features/baseline-from-aggregates.ts); score reads them for what the scored traffic did.
 */
export class EndpointTotals {
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
  readonly latency = new QuantileSketch();
  readonly size = new QuantileSketch();
  firstSeenMs = Infinity;
  lastSeenMs = -Infinity;
  /** Distinct clients, up to CLIENT_CAP, while reading; only their count once the read is closed. */
  private clients: Set<string> | null = new Set<string>();
  private closedClients = 0;

  count(record: LogRecord, write: boolean): void {
    this.requests++;
    const status = record.status;
    if (status !== null) {
      if (status < 300) this.status2xx++;
      else if (status < 400) this.status3xx++;
      else if (status < 500) {
        this.status4xx++;
        if (status === 401 || status === 403) this.authFailures++;
        else if (status === 404) this.notFound++;
      } else this.status5xx++;
    }
    if (record.durationMs !== null) this.latency.add(record.durationMs);
    if (record.bytesSent !== null) this.size.add(record.bytesSent);
    if (write) this.writesOk++;
    if (record.timeMs < this.firstSeenMs) this.firstSeenMs = record.timeMs;
    if (record.timeMs > this.lastSeenMs) this.lastSeenMs = record.timeMs;
  }

  noteClient(client: string): void {
    if (this.clients && this.clients.size < CLIENT_CAP) this.clients.add(client);
  }

  /** Distinct clients seen (up to CLIENT_CAP). */
  get distinctClients(): number {
    return this.clients?.size ?? this.closedClients;
  }

  /** After the last record: the client set gives way to its count (memory per endpoint, not per client). */
  close(): void {
    this.closedClients = this.distinctClients;
    this.clients = null;
  }

  /**
   * Adds an endpoint renamed into this one (its route learned to be this template), its distinct
   * clients included while both are still reading (a client of both counts once).
   */
  absorb(other: EndpointTotals): void {
    if (this.clients && other.clients) for (const client of other.clients) this.noteClient(client);
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
    this.firstSeenMs = Math.min(this.firstSeenMs, other.firstSeenMs);
    this.lastSeenMs = Math.max(this.lastSeenMs, other.lastSeenMs);
  }
}
