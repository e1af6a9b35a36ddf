import type { BaselineProfiles, EntityKind } from '../baseline/baseline.js';
import type { ClientHistory } from '../baseline/client-history.js';
import { OTHER_CLIENTS, type TrafficAggregator } from '../features/traffic-aggregator.js';
import type { WindowFeatures } from '../features/evidence-candidate.js';
import type { SourceRef } from '../types.js';
import { WindowStats, mergeWindowStats, newLatencyHistogram } from '../features/window-stats.js';
import { ENDPOINT_FEATURES, endpointWindowFeatures } from '../features/endpoint-features.js';
import { CLIENT_FEATURES, clientWindowFeatures, topEndpointOf } from '../features/client-features.js';
import { RouteNormals } from '../features/route-normals.js';
import { ClientWindowScratch } from '../features/client-window-table.js';
import { CONSUMER_FEATURES, consumerWindowFeatures, MIN_CONSUMER_WINDOWS } from '../features/consumer-features.js';
import { FeatureMatrix } from './feature-matrix.js';
import { KEPT_TRAINING_ROWS, MAX_TRAINING_ROWS } from './entity-model.js';
import { explainWindow, type BenignExplanation } from './benign/explain-window.js';

/** One entity window as the model sees it, with what a person needs to read it. */
export interface FeatureRow extends WindowFeatures {
  entity: EntityKind;
  key: string;
  index: number;
  requests: number;
  endpoints: string[];
  clients: string[];
  consumers: string[];
  userAgents: string[];
  /** Endpoint windows: the client that sent at least half of the window's requests, if one did. */
  leadClient: string | null;
  samples: SourceRef[];
  historyWindows: number;
  baselineNote: string | null;
  benign?: BenignExplanation | null;
  erroredClients?: number;
  slowClients?: number;
  routeClients?: number;
  /** Endpoint windows: the one client every 5xx went to, and how many 5xx there were. */
  erroredClient?: string | null;
  errors5xx?: number;
  /** 401/403 answers in the window, counted. */
  authFailures: number;
  /** Client windows: responses over twice their endpoint's normal p95 size. */
  outsizedResponses?: number;
}

/**
 * The windows of one entity kind: every window's feature vector (what the forest learns
 * from) and, in full, only the windows with evidence (the only ones that can become
 * incidents). Most windows are unremarkable, and a day of logs has hundreds of thousands.
 */
export interface EntityRows {
  values: FeatureMatrix;
  flagged: FeatureRow[];
}

function isFlagged(features: WindowFeatures, requests: number): boolean {
  return features.evidence.length > 0 && requests > 0;
}

/** An endpoint expected to serve at least this many requests per window has its empty windows scored too. */
const MIN_EXPECTED_FOR_EMPTY = 1;

export function windowLabel(windowMs: number): string {
  if (windowMs % 3600_000 === 0) return windowMs === 3600_000 ? '1 hour' : `${windowMs / 3600_000} hours`;
  if (windowMs % 60_000 === 0) return `${windowMs / 60_000} min`;
  return `${windowMs / 1000} s`;
}

/** Feature rows of every endpoint window of the input, including empty windows of busy endpoints. */
export function endpointRows(baseline: BaselineProfiles, aggregator: TrafficAggregator): EntityRows {
  const rows: EntityRows = { values: new FeatureMatrix(ENDPOINT_FEATURES.length), flagged: [] };
  const label = windowLabel(aggregator.windowMs);
  const pooledLabel = windowLabel(5 * aggregator.windowMs);
  const indexes = [...aggregator.totals.keys()].sort((a, b) => a - b);
  const siteHosts = aggregator.sites.siteHosts();
  for (const [endpoint, track] of [...aggregator.endpoints.entities].sort(byKey)) {
    const profile = baseline.endpoints.get(endpoint);
    if (!profile) continue;
    const busy = profile.requests / Math.max(1, countCovered(baseline)) >= MIN_EXPECTED_FOR_EMPTY;
    for (const index of busy ? indexes : [...track.windows.keys()].sort((a, b) => a - b)) {
      const stats = track.windows.get(index) ?? null;
      const pooled = poolWindows(track.windows, index);
      const features = endpointWindowFeatures(stats, profile, baseline, index * aggregator.windowMs, label, pooled, pooledLabel);
      rows.values.push(features.values);
      // A rise made mostly of flagged clients' requests (kept out of the route's normal) is their finding, already
      // reported as theirs: a spam campaign's script steps are not a flood of their own.
      if (stats !== null && baseline.excluded && 2 * baseline.excluded.excludedRequests(endpoint, index) >= stats.requests) {
        features.evidence = features.evidence.filter((e) => e.feature !== 'volume');
      }
      if (!isFlagged(features, stats?.requests ?? 0)) continue;
      rows.flagged.push({
        ...features,
        entity: 'endpoint',
        key: endpoint,
        index,
        requests: stats?.requests ?? 0,
        endpoints: [endpoint],
        clients: [],
        consumers: [],
        userAgents: [],
        leadClient: stats !== null && 2 * stats.leadClientRequests >= stats.requests ? stats.leadClient : null,
        samples: stats?.samples ?? [],
        historyWindows: profile.activeWindows,
        baselineNote: profile.activeWindows < 12 ? `baseline: ${profile.activeWindows} windows` : null,
        benign: stats === null ? null : explainWindow(stats, { entity: 'endpoint', client: null, endpoint, siteHosts }),
        erroredClients: stats?.erroredClientsCount() ?? 0,
        slowClients: stats?.slowClientsCount() ?? 0,
        routeClients: stats?.clientCount() ?? 0,
        erroredClient: stats?.erroredClient ?? null,
        errors5xx: stats?.status5xx ?? 0,
        authFailures: stats?.authFailures ?? 0,
      });
    }
  }
  return rows;
}

export function clientRows(baseline: BaselineProfiles, aggregator: TrafficAggregator, histories: ReadonlyMap<string, ClientHistory>): EntityRows {
  // Windows kept out of the baseline (analyze: flagged clients) are judged, not learned from.
  const excluded = baseline.excluded;
  const table = aggregator.clients.table;
  let total = 0;
  for (const [client, track] of aggregator.clients.entities) {
    if (client === OTHER_CLIENTS) continue;
    total += track.rows.length;
    if (excluded) for (const row of track.rows) if (excluded.excludes(client, table.index(row))) total--;
  }
  // Client windows are the many: only the vectors the forest and the baseline file will sample are kept.
  const rows: EntityRows = { values: FeatureMatrix.sampled(CLIENT_FEATURES.length, total, [MAX_TRAINING_ROWS, KEPT_TRAINING_ROWS]), flagged: [] };
  const label = windowLabel(aggregator.windowMs);
  const siteHosts = aggregator.sites.siteHosts();
  const normals = new RouteNormals(baseline);
  const scratch = new ClientWindowScratch();
  for (const client of [...aggregator.clients.entities.keys()].sort()) {
    if (client === OTHER_CLIENTS) continue;
    const track = aggregator.clients.entities.get(client)!;
    const history = histories.get(client);
    for (const row of aggregator.clients.rowsByIndex(track)) {
      const index = table.index(row);
      const features = clientWindowFeatures(table.readInto(row, scratch), history, baseline, label, normals);
      if (!excluded?.excludes(client, index)) rows.values.push(features.values);
      if (!isFlagged(features, table.requests(row))) continue;
      const stats = table.read(row);
      const endpoints = stats.routesByRequests();
      const top = topEndpointOf(stats);
      rows.flagged.push({
        ...features,
        entity: 'client',
        key: client,
        index,
        requests: stats.requests,
        endpoints: top === null ? [] : endpoints.slice(0, 10),
        clients: [client],
        consumers: [],
        userAgents: stats.firstAgents(3),
        leadClient: null,
        samples: stats.samples,
        historyWindows: history?.windows ?? 0,
        baselineNote: history === undefined || history.windows <= 1 ? 'client first seen in this window' : history.windows < 6 ? `baseline: ${history.windows} windows of this client` : null,
        benign: explainWindow(stats, { entity: 'client', client, endpoint: null, siteHosts }),
        authFailures: stats.authFailures,
        outsizedResponses: stats.bigResponses,
      });
    }
  }
  return rows;
}

export function consumerRows(baseline: BaselineProfiles, aggregator: TrafficAggregator): EntityRows {
  const rows: EntityRows = { values: new FeatureMatrix(CONSUMER_FEATURES.length), flagged: [] };
  const label = windowLabel(aggregator.windowMs);
  for (const [consumer, track] of [...aggregator.consumers.entities].sort(byKey)) {
    const profile = baseline.consumers.get(consumer);
    for (const [index, stats] of [...track.windows].sort((a, b) => a[0] - b[0])) {
      const features = consumerWindowFeatures(stats, profile, label);
      rows.values.push(features.values);
      if (!isFlagged(features, stats.requests)) continue;
      rows.flagged.push({
        ...features,
        entity: 'consumer',
        key: consumer,
        index,
        requests: stats.requests,
        endpoints: stats.routesByRequests().slice(0, 10),
        clients: [...(stats.clients ?? [])].slice(0, 50),
        consumers: [consumer],
        userAgents: [...(stats.agents ?? [])].slice(0, 3),
        leadClient: null,
        samples: stats.samples,
        historyWindows: profile?.activeWindows ?? 0,
        baselineNote: profile === undefined || profile.activeWindows < MIN_CONSUMER_WINDOWS ? `baseline: ${profile?.activeWindows ?? 0} windows of this consumer` : null,
        authFailures: stats.authFailures,
      });
    }
  }
  return rows;
}

/** Every entity window's features against the baseline's profiles. */
export function entityRows(baseline: BaselineProfiles, aggregator: TrafficAggregator): Record<EntityKind, EntityRows> {
  return {
    endpoint: endpointRows(baseline, aggregator),
    client: clientRows(baseline, aggregator, baseline.clientHistories),
    consumer: consumerRows(baseline, aggregator),
  };
}

function countCovered(baseline: BaselineProfiles): number {
  let n = 0;
  for (let i = 0; i < 168; i++) n += baseline.coverage[i]!;
  return n;
}

function byKey<T>(a: [string, T], b: [string, T]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** The window and its two neighbours on each side added together (null when all three are empty). */
export function poolWindows(windows: Map<number, WindowStats>, index: number): WindowStats | null {
  const parts = [windows.get(index - 2), windows.get(index - 1), windows.get(index), windows.get(index + 1), windows.get(index + 2)].filter((w): w is WindowStats => w !== undefined);
  if (parts.length === 0) return null;
  const pooled = new WindowStats();
  pooled.closed = true;
  pooled.latencyHistogram = newLatencyHistogram();
  for (const part of parts) mergeWindowStats(pooled, part);
  return pooled;
}
