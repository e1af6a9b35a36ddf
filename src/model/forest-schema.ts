import { MAX_FEATURES, MAX_SAMPLE_SIZE, MAX_TREES } from './fit.js';

export const FOREST_FORMAT = 'anomalog-isolation-forest';
export const FOREST_FORMAT_VERSION = 1;

/** Base64 as Buffer.toString('base64') writes it. */
const BASE64 = '^[A-Za-z0-9+/]*={0,2}$';
const table = { type: 'string', pattern: BASE64 } as const;
const wholeNumber = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum }) as const;

/**
 * The shape of a saved forest (SerializedForest) as a JSON Schema (2020-12). It is part of the
 * baseline file's schema (baseline/baseline-schema.ts), so one ajv validation checks a baseline
 * file, its forests included; what a schema cannot say (counts against each other, the tables'
 * lengths, that the tables describe real trees) is checked by deserializeForest.
 */
export const FOREST_SCHEMA = {
  type: 'object',
  properties: {
    format: { const: FOREST_FORMAT },
    version: { const: FOREST_FORMAT_VERSION },
    featureCount: wholeNumber(1, MAX_FEATURES),
    trees: wholeNumber(1, MAX_TREES),
    sampleSize: wholeNumber(2, MAX_SAMPLE_SIZE),
    // Each count is capped by the sample size too (maxNodesPerTree), which a schema cannot relate.
    nodesPerTree: { type: 'array', maxItems: MAX_TREES, items: wholeNumber(1, 2 * MAX_SAMPLE_SIZE) },
    feature: table,
    split: table,
    left: table,
    right: table,
    leafSize: table,
  },
  required: ['format', 'version', 'featureCount', 'trees', 'sampleSize', 'nodesPerTree', 'feature', 'split', 'left', 'right', 'leafSize'],
  additionalProperties: false,
} as const;
