import type { Baseline, EntityKind, ModelSettings, TrafficExclusion } from '../baseline/baseline.js';
import { ENTITY_KINDS } from '../baseline/baseline.js';
import { baselineFromAggregates } from '../features/baseline-from-aggregates.js';
import type { TrainingRows } from '../baseline/baseline-file.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import { trainModels } from './detect-incidents.js';
import { KEPT_TRAINING_ROWS, trainEntityModel } from './entity-model.js';
import { FEATURE_NAMES } from '../features/feature-names.js';
import type { EntityRows } from './feature-rows.js';
import { FeatureMatrix } from './feature-matrix.js';

/**
 * Profiles, forests and the rows they grew from, learned from aggregated known-good traffic
 * (analyze: with the flagged traffic in `exclusion` kept out).
 */
export function learnBaseline(aggregator: TrafficAggregator, settings: ModelSettings, exclusion?: TrafficExclusion): { baseline: Baseline; rows: Record<EntityKind, EntityRows>; training: TrainingRows } {
  const baseline = baselineFromAggregates(aggregator, settings, exclusion);
  const rows = trainModels(baseline, aggregator, settings);
  const training: TrainingRows = {};
  for (const kind of ENTITY_KINDS) training[kind] = rows[kind].values.evenRows(KEPT_TRAINING_ROWS).map((row) => Array.from(row));
  return { baseline, rows, training };
}

/** Regrows every forest from stored training rows (after merging baselines). */
export function retrainModels(baseline: Baseline, training: TrainingRows): void {
  baseline.models = {};
  for (const kind of ENTITY_KINDS) {
    const rows = training[kind];
    if (!rows) continue;
    const model = trainEntityModel(FEATURE_NAMES[kind], FeatureMatrix.from(rows), baseline.settings);
    if (model) baseline.models[kind] = model;
  }
}
