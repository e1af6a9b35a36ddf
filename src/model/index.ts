// The model layer's public API: fit, score, explain and persist an isolation forest.
export { fitForest, MAX_FEATURES, MAX_SAMPLE_SIZE, MAX_TREES, type ForestOptions, type FeatureRows } from './fit.js';
export type { FlatForest } from './flat-forest.js';
export { scoreRow, scoreRows } from './score.js';
export { featureContributions } from './contributions.js';
export { serializeForest, deserializeForest, InvalidForest, type SerializedForest } from './persist.js';
export { rocAuc } from './roc-auc.js';
