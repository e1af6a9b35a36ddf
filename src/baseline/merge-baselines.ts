import { InputError } from '../errors.js';
import type { BaselineFile, TrainingRows } from './baseline-file.js';
import type { Baseline } from './baseline.js';
import { ENTITY_KINDS } from './baseline.js';
import { CLIENT_HISTORY_CAP, type ClientHistory } from './client-history.js';
import { ClientPopulation } from './client-population.js';
import { ConsumerProfile } from './consumer-profile.js';
import { EndpointProfile } from './endpoint-profile.js';

/**
 * Adds baselines learned from different files: counts add, sketches merge bin by bin, volumes
 * by hour of the week add with their coverage. Forests cannot be added; the caller regrows them
 * from the concatenated training rows. The injection profiles are merged by the caller too.
 * A new baseline: the inputs do not change.
 */
export function mergeBaselines(files: readonly BaselineFile[], names: readonly string[]): { baseline: Baseline; training: TrainingRows; files: string[] } {
  const [first, ...rest] = files;
  if (!first) throw new InputError('merge needs at least two baselines');
  const base = first.baseline;
  let { startMs, endMs, records, foldedRoutes, clients } = base;
  const coverage = Float64Array.from(base.coverage);
  const endpoints = new Map(base.endpoints);
  const consumers = new Map(base.consumers);
  const clientHistories = new Map(base.clientHistories);
  const training: TrainingRows = {};
  for (const kind of ENTITY_KINDS) training[kind] = [...(first.training[kind] ?? [])];
  rest.forEach((file, i) => {
    const other = file.baseline;
    if (other.windowMs !== base.windowMs) {
      throw new InputError(`cannot merge ${names[i + 1]}: its window is ${other.windowMs / 1000}s, ${names[0]} uses ${base.windowMs / 1000}s`);
    }
    startMs = Math.min(startMs, other.startMs);
    endMs = Math.max(endMs, other.endMs);
    records += other.records;
    foldedRoutes += other.foldedRoutes;
    for (let h = 0; h < 168; h++) coverage[h]! += other.coverage[h]!;
    for (const [key, profile] of other.endpoints) {
      const mine = endpoints.get(key);
      endpoints.set(key, mine ? EndpointProfile.merged(mine, profile) : profile);
    }
    for (const [key, profile] of other.consumers) {
      const mine = consumers.get(key);
      consumers.set(key, mine ? ConsumerProfile.merged(mine, profile) : profile);
    }
    clients = ClientPopulation.merged(clients, other.clients);
    for (const [client, history] of other.clientHistories) {
      const mine = clientHistories.get(client);
      clientHistories.set(client, mine ? mergedHistory(mine, history) : history);
    }
    for (const kind of ENTITY_KINDS) training[kind]!.push(...(file.training[kind] ?? []));
  });
  const kept = clientHistories.size > CLIENT_HISTORY_CAP ? new Map([...clientHistories].sort((a, b) => b[1].windows - a[1].windows || (a[0] < b[0] ? -1 : 1)).slice(0, CLIENT_HISTORY_CAP)) : clientHistories;
  const baseline: Baseline = { ...base, startMs, endMs, records, foldedRoutes, coverage, endpoints, consumers, clients, clientHistories: kept };
  return { baseline, training, files: files.flatMap((f) => f.files) };
}

/** Medians of two periods cannot be merged exactly: weight them by windows. */
function mergedHistory(a: ClientHistory, b: ClientHistory): ClientHistory {
  const windows = a.windows + b.windows;
  return {
    windows,
    typicalRequests: (a.typicalRequests * a.windows + b.typicalRequests * b.windows) / windows,
    highRequests: Math.max(a.highRequests, b.highRequests),
  };
}
