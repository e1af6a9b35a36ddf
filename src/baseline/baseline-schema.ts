import type { EntityKind, ModelSettings, ScoreCalibration } from './baseline.js';
import { ENTITY_KINDS } from './baseline.js';
import type { SerializedEndpointProfile } from './endpoint-profile.js';
import type { SerializedConsumerProfile } from './consumer-profile.js';
import type { SerializedClientPopulation } from './client-population.js';
import { MAX_SKETCH_KEY } from './quantile-sketch.js';
import { FOREST_SCHEMA } from '../model/forest-schema.js';
import type { SerializedForest } from '../model/persist.js';

// The shape of a baseline file as a JSON Schema (2020-12), checked with ajv before anything is
// built from the file. The caps bound what a forged file can make us allocate; they sit well
// above what `learn` writes (its own caps are in normalize/ and features/).
const MAX_ENDPOINTS = 100_000;
const MAX_CONSUMERS = 200_000;
const MAX_CLIENT_HISTORIES = 100_000;
const MAX_TRAINING_ROWS = 100_000;
const MAX_FILES = 100_000;
/** Feature vectors are a few dozen long; a longer name list or row is not one we wrote. */
const MAX_FEATURES_PER_KIND = 64;
/** A consumer keeps its top networks, agents and endpoints (features/consumer caps); more is forged. */
const MAX_CONSUMER_NETWORKS = 256;
const MAX_CONSUMER_AGENTS = 64;
const MAX_CONSUMER_ENDPOINTS = 256;
/** A client key is an address or a network; an agent or endpoint key can be a long header or path. */
const MAX_CLIENT_KEY = 512;
const MAX_NETWORK_KEY = 64;
const MAX_LONG_KEY = 8192;
const MAX_STRING = 4096;

/** The parsed document once the schema holds (checksum and identity fields are checked before). */
export interface BaselineDocument {
  files: string[];
  windowMs: number;
  startMs: number;
  endMs: number;
  records: number;
  settings: ModelSettings;
  foldedRoutes: number;
  coverage: number[];
  endpoints: Record<string, SerializedEndpointProfile>;
  consumers: Record<string, SerializedConsumerProfile>;
  clients: SerializedClientPopulation;
  clientHistories: [string, number, number, number][];
  models: Partial<Record<EntityKind, { featureNames: string[]; calibration: ScoreCalibration; forest: SerializedForest }>>;
  training: Partial<Record<EntityKind, number[][]>>;
  /** Opaque here: the injection detector validates its own part. */
  injection?: unknown;
  sources?: string[];
  checksum: string;
}

// Every field's failure is worded from its schema (validate-baseline.ts): a `count` is "not a
// non-negative number", a `finite` "not a finite number", an integer range "not a whole number
// from a to b", a fixed-length list "must have n items".
const count = { type: 'number', minimum: 0 } as const;
const finite = { type: 'number' } as const;
const wholeNumber = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum }) as const;
const text = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const counts = (length: number) => ({ type: 'array', minItems: length, maxItems: length, items: count }) as const;
const list = (items: object, maxItems: number) => ({ type: 'array', maxItems, items }) as const;
const tuple = (items: object[]) => ({ type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length, items: false }) as const;
const record = (properties: Record<string, object>, required = Object.keys(properties)) => ({ type: 'object', properties, required }) as const;
/** A map keyed by data (routes, consumers): bounded, and no key that could reach a prototype. */
const map = (values: object, maxProperties: number) =>
  ({ type: 'object', maxProperties, propertyNames: { not: { enum: ['__proto__', 'constructor', 'prototype'] } }, additionalProperties: values }) as const;
/** A map keyed by entity kind. */
const byKind = (values: object) => ({ type: 'object', propertyNames: { enum: [...ENTITY_KINDS] }, additionalProperties: values }) as const;

const sketch = record({
  count,
  zeroCount: count,
  sum: count,
  min: count,
  max: count,
  bins: list(tuple([wholeNumber(-MAX_SKETCH_KEY, MAX_SKETCH_KEY), { type: 'number', exclusiveMinimum: 0 }]), 2 * MAX_SKETCH_KEY),
});

const endpointProfile = record({
  requests: count,
  status: record({ '2xx': count, '3xx': count, '4xx': count, '5xx': count }),
  authFailures: count,
  notFound: count,
  writesOk: count,
  referenced: count,
  slowRequests: count,
  bigResponses: count,
  robust: record({ status5xx: count, authFailures: count, notFound: count, slow: count, big: count }),
  latencyMs: sketch,
  sizeBytes: sketch,
  perClientWindow: sketch,
  typicalByHour: counts(24),
  spreadByHour: counts(24),
  hourOfWeek: counts(168),
  hourOfWeekSquares: counts(168),
  activeWindows: count,
  distinctClients: count,
  firstSeen: finite,
  lastSeen: finite,
});

const consumerProfile = record({
  requests: count,
  writesOk: count,
  activeWindows: count,
  hours: counts(24),
  networks: list(tuple([text(MAX_NETWORK_KEY), count, count]), MAX_CONSUMER_NETWORKS),
  agents: list(tuple([text(MAX_LONG_KEY), count]), MAX_CONSUMER_AGENTS),
  endpoints: list(tuple([text(MAX_LONG_KEY), count]), MAX_CONSUMER_ENDPOINTS),
  windowRequestsSum: count,
  windowRequestsSquares: count,
  windowWritesMax: count,
});

const model = record({
  featureNames: list(text(64), MAX_FEATURES_PER_KIND),
  calibration: record({ windows: count, median: finite, mad: count, p99: finite, max: finite }),
  // The forest's shape is model/'s schema; that its tables are real trees, deserializeForest checks.
  forest: FOREST_SCHEMA,
});

export const BASELINE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'anomalog baseline file (the body checked after its format, version and checksum)',
  ...record(
    {
      windowMs: wholeNumber(1000, 7 * 86_400_000),
      settings: record({ seed: wholeNumber(0, 4294967295), trees: wholeNumber(1, 10_000), sampleSize: wholeNumber(2, 65_536) }),
      endpoints: map(endpointProfile, MAX_ENDPOINTS),
      consumers: map(consumerProfile, MAX_CONSUMERS),
      clientHistories: list(tuple([text(MAX_CLIENT_KEY), count, count, count]), MAX_CLIENT_HISTORIES),
      models: byKind(model),
      training: byKind(list(list(finite, MAX_FEATURES_PER_KIND), MAX_TRAINING_ROWS)),
      startMs: finite,
      endMs: finite,
      records: count,
      coverage: counts(168),
      clients: record({ windows: count, requests: sketch, errorRatio: sketch, distinctRoutes: sketch, distinctPaths: sketch, writes: sketch }),
      foldedRoutes: count,
      files: list(text(MAX_STRING), MAX_FILES),
      // A baseline written before fingerprints were recorded has none.
      sources: list(text(MAX_STRING), MAX_FILES),
    },
    ['windowMs', 'settings', 'endpoints', 'consumers', 'clientHistories', 'models', 'training', 'startMs', 'endMs', 'records', 'coverage', 'clients', 'foldedRoutes', 'files'],
  ),
} as const;
