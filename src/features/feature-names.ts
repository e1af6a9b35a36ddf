import type { EntityKind } from '../baseline/baseline.js';
import { ENDPOINT_FEATURES } from './endpoint-features.js';
import { CLIENT_FEATURES } from './client-features.js';
import { CONSUMER_FEATURES } from './consumer-features.js';

/** The feature vector of each entity kind, by name, in the order the forests read them. */
export const FEATURE_NAMES: Record<EntityKind, readonly string[]> = {
  endpoint: ENDPOINT_FEATURES,
  client: CLIENT_FEATURES,
  consumer: CONSUMER_FEATURES,
};
