import type { IngestStats, LogRecord, RecordSelector } from '../types.js';
import { createIngestStats, readRecordBatches, type IngestOptions } from '../ingest/read-records.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { TrafficAggregator } from '../features/traffic-aggregator.js';
import type { KnownEndpoints } from '../normalize/known-endpoints.js';

export interface TimeFilter {
  sinceMs?: number;
  untilMs?: number;
  /** The record flags (--client, --status…, --since/--until included); when set it decides alone. */
  records?: RecordSelector;
}

/** Sees every record that passed the time filter, beside the aggregation. */
export interface RecordObserver {
  observe(record: LogRecord): void;
  /** Awaited between batches of input: lets a slower observer hold the reader back. */
  keepUp(): Promise<void>;
  /** Called after the last record, before the aggregates are closed: a worker can finish its part meanwhile. */
  end?(): void;
}

export interface AggregatedInput {
  aggregator: TrafficAggregator;
  stats: IngestStats;
  /** Records left out by --since/--until. */
  filtered: number;
  /** Time range of the records kept (null when none was). */
  keptRange: { start: number; end: number } | null;
  foldedRoutes: number;
  /** Requests of clients past --max-clients, counted as one "(other clients)". */
  foldedClientRequests: number;
  /** A record's endpoint (`METHOD route` as read) as the aggregates key it: its route's final template. */
  canonical: (endpoint: string) => string;
}

/** Reads every input once, streaming, into per-window aggregates. */
export async function aggregateInputs(
  inputs: readonly string[],
  ingest: IngestOptions,
  windowMs: number,
  filter: TimeFilter,
  observer?: RecordObserver,
  onBatch?: (stats: IngestStats) => void,
  known?: KnownEndpoints,
): Promise<AggregatedInput> {
  const stats = createIngestStats();
  const templater = new RouteTemplater({ maxRoutes: ingest.maxRoutes });
  const aggregator = new TrafficAggregator(windowMs, undefined, ingest.maxClients);
  const since = filter.sinceMs ?? -Infinity;
  const until = filter.untilMs ?? Infinity;
  const selector = filter.records;
  let filtered = 0;
  let keptStart = Infinity;
  let keptEnd = -Infinity;
  for await (const batch of readRecordBatches(inputs, ingest, stats, templater)) {
    for (const record of batch) {
      if (selector !== undefined ? !selector.keep(record) : record.timeMs < since || record.timeMs >= until) {
        filtered++;
        continue;
      }
      if (record.timeMs < keptStart) keptStart = record.timeMs;
      if (record.timeMs > keptEnd) keptEnd = record.timeMs;
      aggregator.add(record);
      observer?.observe(record);
    }
    onBatch?.(stats);
    await observer?.keepUp();
  }
  observer?.end?.();
  const canonical = (endpoint: string): string => {
    const templated = canonicalEndpoint(endpoint, templater);
    return known ? known.resolve(templated) : templated;
  };
  aggregator.finish(canonical);
  const keptRange = keptStart <= keptEnd ? { start: keptStart, end: keptEnd } : null;
  return { aggregator, stats, filtered, keptRange, foldedRoutes: templater.folded, foldedClientRequests: aggregator.foldedClientRequests, canonical };
}

/** Re-resolves the route part of `METHOD route` against the templater's final state. */
function canonicalEndpoint(endpoint: string, templater: RouteTemplater): string {
  const space = endpoint.indexOf(' ');
  if (space < 0) return endpoint;
  const route = endpoint.slice(space + 1);
  if (!route.startsWith('/')) return endpoint;
  return `${endpoint.slice(0, space)} ${templater.canonical(route)}`;
}
