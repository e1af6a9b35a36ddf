import type { ActorTimeline, LogRecord } from '../types.js';
import { QuantileSketch } from '../baseline/quantile-sketch.js';

/** Population windows still open (late records) before they are folded into the sketch. */
const OPEN_WINDOWS = 3;

/**
 * Follows one actor (the records `isActor` accepts) window by window, and every client's window
 * sizes for the population: memory by windows and by the clients of the open windows, not by lines.
 */
export class ActorActivity {
  private readonly own = new Map<number, { requests: number; errors: number }>();
  private readonly open = new Map<number, Map<string, number>>();
  private readonly population = new QuantileSketch();
  private newestIndex = -Infinity;
  private firstMs = Infinity;
  private lastMs = -Infinity;

  constructor(readonly windowMs: number) {}

  /** Every record of the input (the population). */
  observe(record: LogRecord): void {
    const index = Math.floor(record.timeMs / this.windowMs);
    const client = record.client ?? '(unknown)';
    let window = this.open.get(index);
    if (window === undefined) {
      window = new Map();
      this.open.set(index, window);
      if (index > this.newestIndex) {
        this.newestIndex = index;
        this.closeBefore(index - OPEN_WINDOWS);
      }
    }
    window.set(client, (window.get(client) ?? 0) + 1);
  }

  /** A record of the actor (also passed to `observe`). */
  addOwn(record: LogRecord): void {
    const index = Math.floor(record.timeMs / this.windowMs);
    if (record.timeMs < this.firstMs) this.firstMs = record.timeMs;
    if (record.timeMs > this.lastMs) this.lastMs = record.timeMs;
    let own = this.own.get(index);
    if (own === undefined) {
      own = { requests: 0, errors: 0 };
      this.own.set(index, own);
    }
    own.requests += 1;
    if (record.status !== null && record.status >= 400) own.errors += 1;
  }

  private closeBefore(limit: number): void {
    for (const [index, window] of this.open) {
      if (index >= limit) continue;
      for (const count of window.values()) this.population.add(count);
      this.open.delete(index);
    }
  }

  timeline(): ActorTimeline {
    this.closeBefore(Infinity);
    const entries = [...this.own].sort((a, b) => a[0] - b[0]);
    const counts = entries.map(([, w]) => w.requests).sort((a, b) => a - b);
    const ownMedian = counts.length === 0 ? 0 : counts[Math.floor((counts.length - 1) / 2)]!;
    const ownMax = counts.length === 0 ? 0 : counts[counts.length - 1]!;
    const q = (p: number): number => Math.round((this.population.quantile(p) ?? 0) * 10) / 10;
    return {
      windowMs: this.windowMs,
      firstSeen: Number.isFinite(this.firstMs) ? new Date(this.firstMs).toISOString() : null,
      lastSeen: Number.isFinite(this.lastMs) ? new Date(this.lastMs).toISOString() : null,
      activeWindows: entries.length,
      spanWindows: entries.length === 0 ? 0 : entries[entries.length - 1]![0] - entries[0]![0] + 1,
      ownMedian,
      ownMax,
      population: { p50: q(0.5), p95: q(0.95), p99: q(0.99), clientWindows: this.population.count },
      busiestPercentile: this.shareBelow(ownMax),
      windows: entries.map(([index, w]) => ({
        start: new Date(index * this.windowMs).toISOString(),
        requests: w.requests,
        errors: w.errors,
        vsOwnMedian: ownMedian === 0 ? 0 : Math.round((w.requests / ownMedian) * 10) / 10,
      })),
    };
  }

  /** Share of population windows with fewer requests than `requests` (from the sketch's quantiles). */
  private shareBelow(requests: number): number {
    if (this.population.count === 0) return 0;
    let low = 0;
    let high = 1;
    for (let i = 0; i < 20; i += 1) {
      const mid = (low + high) / 2;
      if ((this.population.quantile(mid) ?? 0) < requests) low = mid;
      else high = mid;
    }
    return Math.round(low * 1000) / 1000;
  }
}
