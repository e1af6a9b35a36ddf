import type { EntityKind } from '../baseline/baseline.js';
import { ENDPOINT_FEATURES } from './endpoint-features.js';
import { CLIENT_FEATURES } from './client-features.js';
import { CONSUMER_FEATURES } from './consumer-features.js';
import { ENDPOINT_FEATURE_TABLE } from './endpoint-feature-table.js';
import { CLIENT_FEATURE_TABLE } from './client-feature-table.js';
import { CONSUMER_FEATURE_TABLE } from './consumer-feature-table.js';
import type { FeatureTable } from './feature-table.js';

/** The feature vector of each entity kind, by name, in the order the forests read them. */
export const FEATURE_NAMES: Record<EntityKind, readonly string[]> = {
  endpoint: ENDPOINT_FEATURES,
  client: CLIENT_FEATURES,
  consumer: CONSUMER_FEATURES,
};

/** Each entity kind's feature table: names, units and descriptions (`inspect` prints them). */
export const FEATURE_TABLES: Record<EntityKind, FeatureTable> = {
  endpoint: ENDPOINT_FEATURE_TABLE,
  client: CLIENT_FEATURE_TABLE,
  consumer: CONSUMER_FEATURE_TABLE,
};
