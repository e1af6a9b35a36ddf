import type { Baseline, EntityKind } from '../baseline/baseline.js';
import { ENTITY_KINDS } from '../baseline/baseline.js';
import { FEATURE_TABLES } from './feature-names.js';

/** One feature a forest reads, as its entity's feature table says it. */
export interface FeatureDescription {
  name: string;
  /** null for a name this version's table does not know (a baseline from another version). */
  unit: string | null;
  description: string | null;
}

export interface BaselineDescription {
  files: string[];
  records: number;
  timeRange: { start: string; end: string };
  window: string;
  model: { seed: number; trees: number; sampleSize: number; entities: string[]; features: Partial<Record<EntityKind, FeatureDescription[]>> };
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

/**
 * What `anomalog inspect` shows, as plain data (also its JSON output). The features each forest
 * reads are the baseline's own names, said in the words of the feature tables the vectors and the
 * evidence are built from.
 */
export function describeBaseline(baseline: Baseline, files: readonly string[]): BaselineDescription {
  let covered = 0;
  for (let i = 0; i < 168; i++) covered += baseline.coverage[i]!;
  const r = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
  return {
    files: [...files],
    records: baseline.records,
    timeRange: { start: new Date(baseline.startMs).toISOString(), end: new Date(baseline.endMs).toISOString() },
    window: `${baseline.windowMs / 60_000}m`,
    model: { ...baseline.settings, entities: ENTITY_KINDS.filter((k) => baseline.models[k]), features: modelFeatures(baseline) },
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

function modelFeatures(baseline: Baseline): Partial<Record<EntityKind, FeatureDescription[]>> {
  const features: Partial<Record<EntityKind, FeatureDescription[]>> = {};
  for (const kind of ENTITY_KINDS) {
    const model = baseline.models[kind];
    if (!model) continue;
    const table = FEATURE_TABLES[kind];
    features[kind] = model.featureNames.map((name) => {
      const spec = Object.hasOwn(table, name) ? table[name] : undefined;
      return { name, unit: spec?.unit ?? null, description: spec?.description ?? null };
    });
  }
  return features;
}
