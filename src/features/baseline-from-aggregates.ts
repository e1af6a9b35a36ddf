import type { BaselineProfiles, ModelSettings, TrafficExclusion } from '../baseline/baseline.js';
import { ClientPopulation } from '../baseline/client-population.js';
import { CLIENT_HISTORY_CAP, clientHistoryFromCounts, type ClientHistory } from '../baseline/client-history.js';
import { hourOfWeek } from '../time/calendar.js';
import { OTHER_CLIENTS, type TrafficAggregator } from './traffic-aggregator.js';

/** The statistical part of a baseline, from the aggregates (the forests are grown from features computed against it). */
export function baselineFromAggregates(aggregator: TrafficAggregator, settings: ModelSettings, exclusion?: TrafficExclusion): BaselineProfiles {
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
    settings,
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
