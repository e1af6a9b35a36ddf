import type { Baseline, EntityKind, EntityModel, ModelSettings, TrafficExclusion } from '../baseline/baseline.js';
import { ENTITY_KINDS } from '../baseline/baseline.js';
import { baselineFromAggregates } from '../features/baseline-from-aggregates.js';
import type { TrainingRows } from '../baseline/baseline-file.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import { KEPT_TRAINING_ROWS, trainEntityModel } from './entity-model.js';
import { FEATURE_NAMES } from '../features/feature-names.js';
import { entityRows, type EntityRows } from './feature-rows.js';
import { FeatureMatrix } from './feature-matrix.js';

/** What a learned baseline holds beside what the aggregates give. */
export interface LearnInputs {
  /** analyze: the flagged traffic kept out of what is learned. */
  exclusion?: TrafficExclusion;
  /** The injection detector's learned profiles (serialized), or null. */
  injection?: unknown;
  /** Routes folded into `{other}` by the endpoint cap while reading. */
  foldedRoutes?: number;
}

/**
 * Profiles, forests and the rows they grew from, learned from aggregated known-good traffic:
 * the profiles first, the features of every window against them, one forest per entity kind
 * on those features. The baseline is complete when returned.
 */
export function learnBaseline(aggregator: TrafficAggregator, settings: ModelSettings, { exclusion, injection = null, foldedRoutes = 0 }: LearnInputs = {}): { baseline: Baseline; rows: Record<EntityKind, EntityRows>; training: TrainingRows } {
  const profiles = baselineFromAggregates(aggregator, settings, exclusion);
  const rows = entityRows(profiles, aggregator);
  const models: Partial<Record<EntityKind, EntityModel>> = {};
  for (const kind of ENTITY_KINDS) {
    const model = trainEntityModel(FEATURE_NAMES[kind], rows[kind].values, settings);
    if (model) models[kind] = model;
  }
  const training: TrainingRows = {};
  for (const kind of ENTITY_KINDS) training[kind] = rows[kind].values.evenRows(KEPT_TRAINING_ROWS).map((row) => Array.from(row));
  return { baseline: { ...profiles, models, injection, foldedRoutes }, rows, training };
}

/** Grows every forest from stored training rows (after merging baselines). */
export function modelsFromTraining(training: TrainingRows, settings: ModelSettings): Partial<Record<EntityKind, EntityModel>> {
  const models: Partial<Record<EntityKind, EntityModel>> = {};
  for (const kind of ENTITY_KINDS) {
    const rows = training[kind];
    if (!rows) continue;
    const model = trainEntityModel(FEATURE_NAMES[kind], FeatureMatrix.from(rows), settings);
    if (model) models[kind] = model;
  }
  return models;
}
