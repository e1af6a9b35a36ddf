import type { Baseline } from './baseline.js';
import { ENTITY_KINDS } from './baseline.js';

export interface BaselineDescription {
  files: string[];
  records: number;
  timeRange: { start: string; end: string };
  window: string;
  model: { seed: number; trees: number; sampleSize: number; entities: string[] };
  clients: { windows: number; requestsP50: number; requestsP95: number };
  endpoints: {
    endpoint: string;
    requests: number;
    meanPerWindow: number;
    latencyMs: { p50: number | null; p95: number | null; p99: number | null };
    sizeBytes: { p50: number | null; p95: number | null };
    status4xxRatio: number;
    status5xxRatio: number;
    distinctClients: number;
  }[];
  consumers: { consumer: string; requests: number; establishedNetworks: number; agents: number; endpoints: number; busiestHour: number }[];
}

/** What `anomalog inspect` shows, as plain data (also its JSON output). */
export function describeBaseline(baseline: Baseline, files: readonly string[]): BaselineDescription {
  let covered = 0;
  for (let i = 0; i < 168; i++) covered += baseline.coverage[i]!;
  const r = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
  return {
    files: [...files],
    records: baseline.records,
    timeRange: { start: new Date(baseline.startMs).toISOString(), end: new Date(baseline.endMs).toISOString() },
    window: `${baseline.windowMs / 60_000}m`,
    model: { ...baseline.settings, entities: ENTITY_KINDS.filter((k) => baseline.models[k]) },
    clients: { windows: baseline.clients.windows, requestsP50: r(baseline.clients.requests.quantile(0.5)) ?? 0, requestsP95: r(baseline.clients.requests.quantile(0.95)) ?? 0 },
    endpoints: [...baseline.endpoints]
      .sort((a, b) => b[1].requests - a[1].requests || (a[0] < b[0] ? -1 : 1))
      .map(([endpoint, p]) => ({
        endpoint,
        requests: p.requests,
        meanPerWindow: Math.round((p.requests / Math.max(1, covered)) * 100) / 100,
        latencyMs: { p50: r(p.latency.quantile(0.5)), p95: r(p.latency.quantile(0.95)), p99: r(p.latency.quantile(0.99)) },
        sizeBytes: { p50: r(p.size.quantile(0.5)), p95: r(p.size.quantile(0.95)) },
        status4xxRatio: Math.round(p.rate(p.status4xx) * 1e4) / 1e4,
        status5xxRatio: Math.round(p.rate(p.status5xx) * 1e4) / 1e4,
        distinctClients: p.distinctClients,
      })),
    consumers: [...baseline.consumers]
      .sort((a, b) => b[1].requests - a[1].requests || (a[0] < b[0] ? -1 : 1))
      .map(([consumer, p]) => ({
        consumer,
        requests: p.requests,
        establishedNetworks: p.establishedNetworks(),
        agents: p.agents.size,
        endpoints: p.endpoints.size,
        busiestHour: p.hours.indexOf(Math.max(...p.hours)),
      })),
  };
}
