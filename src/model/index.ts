// The model layer's public API: fit, score, explain and persist an isolation forest.
export { fitForest, type ForestOptions, type FeatureRows } from './fit.js';
export type { FlatForest } from './flat-forest.js';
export { scoreRow, scoreRows } from './score.js';
export { featureContributions } from './contributions.js';
export { serializeForest, deserializeForest, type SerializedForest } from './persist.js';
