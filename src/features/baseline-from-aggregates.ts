import type { BaselineProfiles, ModelSettings, TrafficExclusion } from '../baseline/baseline.js';
import { ClientPopulation } from '../baseline/client-population.js';
import { CLIENT_HISTORY_CAP, clientHistoryFromCounts, type ClientHistory } from '../baseline/client-history.js';
import { EndpointProfile } from '../baseline/endpoint-profile.js';
import { ConsumerProfile } from '../baseline/consumer-profile.js';
import { QuantileSketch } from '../baseline/quantile-sketch.js';
import { hourOfWeek } from '../time/calendar.js';
import { OTHER_CLIENTS, type TrafficAggregator } from './traffic-aggregator.js';
import type { EntityTrack } from './entity-windows.js';
import type { EndpointTotals } from './endpoint-totals.js';
import type { ConsumerTotals } from './consumer-totals.js';
import { robustRates } from './robust-rates.js';

/**
 * The statistical part of a baseline, built from the plain aggregates in this one place and
 * complete when returned (the forests are grown from features computed against it). The
 * aggregates are only read. `exclusion` (analyze) keeps the flagged traffic out of the learned
 * volumes, the client population and the client histories.
 */
export function baselineFromAggregates(aggregator: TrafficAggregator, settings: ModelSettings, exclusion?: TrafficExclusion): BaselineProfiles {
  const coverage = new Float64Array(168);
  for (const index of aggregator.totals.keys()) coverage[hourOfWeek(index * aggregator.windowMs)]!++;
  const windowsByHour = windowsByHourOfDay(aggregator);
  const perClientWindow = aggregator.perClientWindowCounts();
  const endpoints = new Map<string, EndpointProfile>();
  for (const [endpoint, totals] of aggregator.endpointTotals) {
    const track = aggregator.endpoints.entities.get(endpoint)!;
    endpoints.set(endpoint, endpointProfile(endpoint, totals, track, perClientWindow.get(endpoint)!, windowsByHour, aggregator, exclusion));
  }
  const consumers = new Map<string, ConsumerProfile>();
  for (const [consumer, totals] of aggregator.consumerTotals) consumers.set(consumer, consumerProfile(totals, aggregator.consumers.entities.get(consumer)!));
  return {
    windowMs: aggregator.windowMs,
    startMs: aggregator.startMs,
    endMs: aggregator.endMs,
    records: aggregator.records,
    coverage,
    endpoints,
    consumers,
    clients: clientPopulation(aggregator, exclusion),
    clientHistories: clientHistories(aggregator, exclusion),
    settings,
    ...(exclusion ? { excluded: exclusion } : {}),
  };
}

/**
 * One endpoint's normal: its totals, robust rates over all its windows, and its volume per hour
 * of the week and typical volume per hour of day without the excluded requests.
 */
function endpointProfile(
  endpoint: string,
  totals: EndpointTotals,
  track: EntityTrack,
  perClientWindow: QuantileSketch,
  windowsByHour: readonly number[][],
  aggregator: TrafficAggregator,
  exclusion: TrafficExclusion | undefined,
): EndpointProfile {
  const hourOfWeekRequests = new Float64Array(168);
  const hourOfWeekSquares = new Float64Array(168);
  let excludedRequests = 0;
  let activeWindows = 0;
  for (const [index, stats] of track.windows) {
    const n = stats.requests;
    const kept = exclusion ? Math.max(0, n - exclusion.excludedRequests(endpoint, index)) : n;
    const slot = hourOfWeek(index * aggregator.windowMs);
    hourOfWeekRequests[slot]! += kept;
    hourOfWeekSquares[slot]! += kept * kept;
    excludedRequests += n - kept;
    if (kept > 0) activeWindows++;
  }
  const { typicalByHour, spreadByHour } = typicalVolumes(endpoint, track, windowsByHour, exclusion);
  return new EndpointProfile({
    requests: totals.requests - excludedRequests,
    status2xx: totals.status2xx,
    status3xx: totals.status3xx,
    status4xx: totals.status4xx,
    status5xx: totals.status5xx,
    authFailures: totals.authFailures,
    notFound: totals.notFound,
    writesOk: totals.writesOk,
    referenced: totals.referenced,
    slowRequests: totals.slowRequests,
    bigResponses: totals.bigResponses,
    robust: robustRates([...track.windows.values()], aggregator.totals.size),
    latency: totals.latency,
    size: totals.size,
    perClientWindow,
    typicalByHour,
    spreadByHour,
    hourOfWeek: hourOfWeekRequests,
    hourOfWeekSquares,
    activeWindows,
    distinctClients: totals.distinctClients,
    firstSeenMs: totals.firstSeenMs,
    lastSeenMs: totals.lastSeenMs,
  });
}

/** The window indexes of the input by hour of day (UTC). */
function windowsByHourOfDay(aggregator: TrafficAggregator): number[][] {
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  for (const index of aggregator.totals.keys()) byHour[new Date(index * aggregator.windowMs).getUTCHours()]!.push(index);
  return byHour;
}

/** Median and spread of an endpoint's requests per window, by hour of day (with the neighbouring hours). */
function typicalVolumes(endpoint: string, track: EntityTrack, byHour: readonly number[][], exclusion?: TrafficExclusion): { typicalByHour: Float64Array; spreadByHour: Float64Array } {
  const typicalByHour = new Float64Array(24);
  const spreadByHour = new Float64Array(24);
  for (let hour = 0; hour < 24; hour++) {
    const counts: number[] = [];
    for (const h of [hour - 1, hour, hour + 1]) {
      for (const index of byHour[(h + 24) % 24]!) counts.push(Math.max(0, (track.windows.get(index)?.requests ?? 0) - (exclusion?.excludedRequests(endpoint, index) ?? 0)));
    }
    if (counts.length === 0) continue;
    counts.sort((a, b) => a - b);
    const at = (q: number): number => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))]!;
    typicalByHour[hour] = at(0.5);
    // Half the inter-quartile range over 0.6745 estimates a standard deviation robustly.
    spreadByHour[hour] = (at(0.75) - at(0.25)) / 1.349;
  }
  return { typicalByHour, spreadByHour };
}

/** One consumer's normal: its totals and its per-window volume. */
function consumerProfile(totals: ConsumerTotals, track: EntityTrack): ConsumerProfile {
  let windowRequestsSum = 0;
  let windowRequestsSquares = 0;
  let windowWritesMax = 0;
  for (const stats of track.windows.values()) {
    windowRequestsSum += stats.requests;
    windowRequestsSquares += stats.requests * stats.requests;
    if (stats.writesOk > windowWritesMax) windowWritesMax = stats.writesOk;
  }
  return new ConsumerProfile({
    requests: totals.requests,
    writesOk: totals.writesOk,
    activeWindows: totals.activeWindows,
    hours: totals.hours,
    networks: totals.networks,
    agents: totals.agents,
    endpoints: totals.endpoints,
    windowRequestsSum,
    windowRequestsSquares,
    windowWritesMax,
  });
}

/** How clients behave per window, over every client window not kept out. */
function clientPopulation(aggregator: TrafficAggregator, exclusion?: TrafficExclusion): ClientPopulation {
  let windows = 0;
  const requests = new QuantileSketch();
  const errorRatio = new QuantileSketch();
  const distinctRoutes = new QuantileSketch();
  const distinctPaths = new QuantileSketch();
  const writes = new QuantileSketch();
  const table = aggregator.clients.table;
  for (const [client, track] of aggregator.clients.entities) {
    if (client === OTHER_CLIENTS) continue;
    for (const row of track.rows) {
      if (exclusion?.excludes(client, table.index(row))) continue;
      const n = table.requests(row);
      windows++;
      requests.add(n);
      errorRatio.add(n === 0 ? 0 : table.status4xx(row) / n);
      distinctRoutes.add(table.routeCount(row));
      distinctPaths.add(table.pathCount(row));
      writes.add(table.writesOk(row));
    }
  }
  return new ClientPopulation({ windows, requests, errorRatio, distinctRoutes, distinctPaths, writes });
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
