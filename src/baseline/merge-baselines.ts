import { InputError } from '../errors.js';
import type { BaselineFile, TrainingRows } from './baseline-file.js';
import type { Baseline } from './baseline.js';
import { ENTITY_KINDS } from './baseline.js';
import { CLIENT_HISTORY_CAP } from './client-history.js';

/**
 * Adds baselines learned from different files: counts add, sketches merge bin by bin, volumes
 * by hour of the week add with their coverage. Forests cannot be added; the caller regrows them
 * from the concatenated training rows. The injection profiles are merged by the caller too.
 */
export function mergeBaselines(files: readonly BaselineFile[], names: readonly string[]): { baseline: Baseline; training: TrainingRows; files: string[] } {
  const [first, ...rest] = files;
  if (!first) throw new InputError('merge needs at least two baselines');
  const merged = first.baseline;
  const training: TrainingRows = {};
  for (const kind of ENTITY_KINDS) training[kind] = [...(first.training[kind] ?? [])];
  rest.forEach((file, i) => {
    const other = file.baseline;
    if (other.windowMs !== merged.windowMs) {
      throw new InputError(`cannot merge ${names[i + 1]}: its window is ${other.windowMs / 1000}s, ${names[0]} uses ${merged.windowMs / 1000}s`);
    }
    merged.startMs = Math.min(merged.startMs, other.startMs);
    merged.endMs = Math.max(merged.endMs, other.endMs);
    merged.records += other.records;
    merged.foldedRoutes += other.foldedRoutes;
    for (let h = 0; h < 168; h++) merged.coverage[h]! += other.coverage[h]!;
    for (const [key, profile] of other.endpoints) {
      const mine = merged.endpoints.get(key);
      if (mine) mine.merge(profile);
      else merged.endpoints.set(key, profile);
    }
    for (const [key, profile] of other.consumers) {
      const mine = merged.consumers.get(key);
      if (mine) mine.merge(profile);
      else merged.consumers.set(key, profile);
    }
    merged.clients.merge(other.clients);
    for (const [client, history] of other.clientHistories) {
      const mine = merged.clientHistories.get(client);
      if (!mine) merged.clientHistories.set(client, history);
      else {
        // Medians of two periods cannot be merged exactly: weight them by windows.
        const windows = mine.windows + history.windows;
        merged.clientHistories.set(client, {
          windows,
          typicalRequests: (mine.typicalRequests * mine.windows + history.typicalRequests * history.windows) / windows,
          highRequests: Math.max(mine.highRequests, history.highRequests),
        });
      }
    }
    for (const kind of ENTITY_KINDS) training[kind]!.push(...(file.training[kind] ?? []));
  });
  if (merged.clientHistories.size > CLIENT_HISTORY_CAP) {
    const kept = [...merged.clientHistories].sort((a, b) => b[1].windows - a[1].windows || (a[0] < b[0] ? -1 : 1)).slice(0, CLIENT_HISTORY_CAP);
    merged.clientHistories = new Map(kept);
  }
  return { baseline: merged, training, files: files.flatMap((f) => f.files) };
}
