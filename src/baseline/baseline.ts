import type { EndpointProfile } from './endpoint-profile.js';
import type { ConsumerProfile } from './consumer-profile.js';
import { ClientPopulation } from './client-population.js';
import { CLIENT_HISTORY_CAP, clientHistoryFromCounts, type ClientHistory } from './client-history.js';
import type { FlatForest } from '../model/flat-forest.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import { OTHER_CLIENTS, hourOfWeek } from '../features/traffic-aggregator.js';

export type EntityKind = 'endpoint' | 'client' | 'consumer';
export const ENTITY_KINDS: readonly EntityKind[] = ['endpoint', 'client', 'consumer'];

/** Raw forest scores of the baseline's own windows, summarised so any score can be placed against them. */
export interface ScoreCalibration {
  windows: number;
  median: number;
  /** Median absolute deviation of the baseline windows' raw scores. */
  mad: number;
  p99: number;
  max: number;
}

export interface EntityModel {
  featureNames: string[];
  forest: FlatForest;
  calibration: ScoreCalibration;
}

export interface ModelSettings {
  seed: number;
  trees: number;
  sampleSize: number;
}

/**
 * Everything learned about normal traffic: per-endpoint and per-consumer profiles, the client
 * population, one isolation forest per entity kind with its score calibration, and the
 * injection detector's learned parameter profiles.
 */
export interface Baseline {
  windowMs: number;
  startMs: number;
  endMs: number;
  records: number;
  /** Windows with data, per hour of the week: the denominator of expected volumes. */
  coverage: Float64Array;
  endpoints: Map<string, EndpointProfile>;
  consumers: Map<string, ConsumerProfile>;
  clients: ClientPopulation;
  /** The most active clients' own normal (the rest are judged against the population). */
  clientHistories: Map<string, ClientHistory>;
  models: Partial<Record<EntityKind, EntityModel>>;
  settings: ModelSettings;
  /** Serialized injection detector (opaque here; validated by its own module). */
  injection: unknown;
  /** Routes folded into `{other}` by the endpoint cap while learning. */
  foldedRoutes: number;
  /** analyze: the traffic kept out of this baseline (never saved: a saved baseline learned from known-good traffic). */
  excluded?: TrafficExclusion;
}

/**
 * Traffic kept out of what a baseline learns as normal (analyze mode: the windows of clients
 * flagged for payloads, probes or tools). It is still judged; it only does not set the normal.
 */
export interface TrafficExclusion {
  /** Whether the client's window at `index` is kept out. */
  excludes(client: string, index: number): boolean;
  /** Requests kept out of an endpoint's window at `index` (0 when none). */
  excludedRequests(endpoint: string, index: number): number;
  /** Every endpoint window with requests kept out: endpoint → window index → requests. */
  readonly byEndpoint: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/** Builds the statistical part of a baseline (models are added by the detector). */
export function baselineFromAggregates(aggregator: TrafficAggregator, settings: ModelSettings, exclusion?: TrafficExclusion): Baseline {
  const coverage = new Float64Array(168);
  for (const index of aggregator.totals.keys()) coverage[hourOfWeek(index * aggregator.windowMs)]!++;
  if (exclusion) excludeEndpointVolumes(aggregator, exclusion);
  typicalVolumes(aggregator, exclusion);
  const clients = new ClientPopulation();
  const table = aggregator.clients.table;
  for (const [client, track] of aggregator.clients.entities) {
    if (client === OTHER_CLIENTS) continue;
    for (const row of track.rows) {
      if (exclusion?.excludes(client, table.index(row))) continue;
      const requests = table.requests(row);
      clients.windows++;
      clients.requests.add(requests);
      clients.errorRatio.add(requests === 0 ? 0 : table.status4xx(row) / requests);
      clients.distinctRoutes.add(table.routeCount(row));
      clients.distinctPaths.add(table.pathCount(row));
      clients.writes.add(table.writesOk(row));
    }
  }
  return {
    windowMs: aggregator.windowMs,
    startMs: aggregator.startMs,
    endMs: aggregator.endMs,
    records: aggregator.records,
    coverage,
    endpoints: aggregator.endpointProfiles,
    consumers: aggregator.consumerProfiles,
    clients,
    clientHistories: clientHistories(aggregator, exclusion),
    models: {},
    settings,
    injection: null,
    foldedRoutes: 0,
    ...(exclusion ? { excluded: exclusion } : {}),
  };
}

/** Takes the excluded requests out of each endpoint's learned volume (per hour of the week, active windows, total). */
function excludeEndpointVolumes(aggregator: TrafficAggregator, exclusion: TrafficExclusion): void {
  for (const [endpoint, windows] of exclusion.byEndpoint) {
    const profile = aggregator.endpointProfiles.get(endpoint);
    const track = aggregator.endpoints.entities.get(endpoint);
    if (!profile || !track) continue;
    for (const [index, excluded] of windows) {
      const n = track.windows.get(index)?.requests ?? 0;
      const kept = Math.max(0, n - excluded);
      const slot = hourOfWeek(index * aggregator.windowMs);
      profile.hourOfWeek[slot] = Math.max(0, profile.hourOfWeek[slot]! - (n - kept));
      profile.hourOfWeekSquares[slot] = Math.max(0, profile.hourOfWeekSquares[slot]! - n * n + kept * kept);
      profile.requests -= n - kept;
      if (n > 0 && kept === 0) profile.activeWindows--;
    }
  }
}

/** Two weeks of data make weekday-specific volumes meaningful; less, and hour of day is all we know. */
const WEEKDAY_SPAN_MS = 14 * 24 * 3600_000;

/**
 * Expected requests of an endpoint in the window starting at `windowStartMs`, with their
 * standard deviation, from the baseline's volume for that hour of day (or of the week).
 */
export function expectedVolume(baseline: Baseline, profile: EndpointProfile, windowStartMs: number): { mean: number; sd: number } {
  const slot = hourOfWeek(windowStartMs);
  if (baseline.endMs - baseline.startMs < WEEKDAY_SPAN_MS && baseline.coverage[slot]! + baseline.coverage[(slot + 167) % 168]! + baseline.coverage[(slot + 1) % 168]! > 0) {
    const hour = slot % 24;
    const mean = profile.typicalByHour[hour]!;
    return { mean, sd: Math.max(profile.spreadByHour[hour]!, Math.sqrt(mean)) };
  }
  let sum = 0;
  let squares = 0;
  let windows = 0;
  if (baseline.endMs - baseline.startMs >= WEEKDAY_SPAN_MS) {
    sum = profile.hourOfWeek[slot]!;
    squares = profile.hourOfWeekSquares[slot]!;
    windows = baseline.coverage[slot]!;
  } else {
    const hour = slot % 24;
    for (let day = 0; day < 7; day++) {
      sum += profile.hourOfWeek[day * 24 + hour]!;
      squares += profile.hourOfWeekSquares[day * 24 + hour]!;
      windows += baseline.coverage[day * 24 + hour]!;
    }
  }
  if (windows === 0) {
    // An hour the baseline never saw: fall back to the endpoint's mean over all its covered windows.
    let allWindows = 0;
    for (let i = 0; i < 168; i++) allWindows += baseline.coverage[i]!;
    const mean = allWindows === 0 ? 0 : profile.requests / allWindows;
    return { mean, sd: Math.sqrt(mean) };
  }
  const mean = sum / windows;
  const variance = Math.max(squares / windows - mean * mean, mean);
  return { mean, sd: Math.sqrt(variance) };
}

/** Clients seen in at least three windows, most active first, capped. */
function clientHistories(aggregator: TrafficAggregator, exclusion?: TrafficExclusion): Map<string, ClientHistory> {
  const entries: [string, ClientHistory][] = [];
  const table = aggregator.clients.table;
  for (const [client, track] of aggregator.clients.entities) {
    if (track.rows.length < 3 || client === OTHER_CLIENTS) continue;
    const rows = exclusion ? track.rows.filter((row) => !exclusion.excludes(client, table.index(row))) : track.rows;
    if (rows.length < 3) continue;
    entries.push([client, clientHistoryFromCounts(rows.map((row) => table.requests(row)))]);
  }
  entries.sort((a, b) => b[1].windows - a[1].windows || (a[0] < b[0] ? -1 : 1));
  return new Map(entries.slice(0, CLIENT_HISTORY_CAP));
}

/** Median and spread of each endpoint's requests per window, by hour of day (with the neighbouring hours). */
function typicalVolumes(aggregator: TrafficAggregator, exclusion?: TrafficExclusion): void {
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  for (const index of aggregator.totals.keys()) byHour[new Date(index * aggregator.windowMs).getUTCHours()]!.push(index);
  for (const [endpoint, track] of aggregator.endpoints.entities) {
    const profile = aggregator.endpointProfiles.get(endpoint);
    if (!profile) continue;
    for (let hour = 0; hour < 24; hour++) {
      const counts: number[] = [];
      for (const h of [hour - 1, hour, hour + 1]) {
        for (const index of byHour[(h + 24) % 24]!) counts.push(Math.max(0, (track.windows.get(index)?.requests ?? 0) - (exclusion?.excludedRequests(endpoint, index) ?? 0)));
      }
      if (counts.length === 0) continue;
      counts.sort((a, b) => a - b);
      const at = (q: number): number => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))]!;
      profile.typicalByHour[hour] = at(0.5);
      // Half the inter-quartile range over 0.6745 estimates a standard deviation robustly.
      profile.spreadByHour[hour] = (at(0.75) - at(0.25)) / 1.349;
    }
  }
}
