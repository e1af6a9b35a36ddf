import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import type { Baseline, EntityKind, EntityModel } from './baseline.js';
import type { FlatForest } from '../model/flat-forest.js';
import type { SerializedForest } from '../model/persist.js';
import { ENTITY_KINDS } from './baseline.js';
import { EndpointProfile } from './endpoint-profile.js';
import { ConsumerProfile } from './consumer-profile.js';
import { ClientPopulation } from './client-population.js';
import { validateBaselineDocument, corruptBaseline } from './validate-baseline.js';
import { serializeForest, deserializeForest, InvalidForest } from '../model/index.js';

export const BASELINE_FORMAT = 'anomalog-baseline';
/** Bumped whenever the file's meaning changes; other versions are refused, not guessed at. */
export const BASELINE_SCHEMA_VERSION = 1;
/** A baseline larger than this is not one we wrote. */
export const MAX_BASELINE_FILE_BYTES = 512 * 1024 * 1024;

/** Extra inputs of a baseline file: the feature rows its forests were grown from (so merged baselines can regrow them). */
export type TrainingRows = Partial<Record<EntityKind, number[][]>>;

export interface BaselineFile {
  baseline: Baseline;
  training: TrainingRows;
  files: string[];
  /**
   * Fingerprints of the learned parts this baseline adds up: one for a baseline from `learn`
   * (the SHA-256 of what it learned), the union of its inputs' for one from `merge`. Two
   * baselines that share one would count that traffic twice, so `merge` refuses them.
   */
  sources: string[];
}

/**
 * The baseline as JSON text, byte-identical for the same input and flags. The checksum is the
 * SHA-256 of the document without it, so a hand-edited file is refused.
 */
export function serializeBaseline(baseline: Baseline, training: TrainingRows, files: readonly string[], sources?: readonly string[]): string {
  const models: Record<string, unknown> = {};
  for (const kind of ENTITY_KINDS) {
    const model = baseline.models[kind];
    if (model) models[kind] = { featureNames: model.featureNames, calibration: model.calibration, forest: serializeForest(model.forest) };
  }
  const body = {
    format: BASELINE_FORMAT,
    schemaVersion: BASELINE_SCHEMA_VERSION,
    tool: { name: 'anomalog', version: VERSION },
    files: [...files],
    windowMs: baseline.windowMs,
    startMs: baseline.startMs,
    endMs: baseline.endMs,
    records: baseline.records,
    settings: baseline.settings,
    foldedRoutes: baseline.foldedRoutes,
    coverage: Array.from(baseline.coverage),
    endpoints: Object.fromEntries(sortedMap(baseline.endpoints).map(([k, p]) => [k, p.toJSON()])),
    consumers: Object.fromEntries(sortedMap(baseline.consumers).map(([k, p]) => [k, p.toJSON()])),
    clients: baseline.clients.toJSON(),
    clientHistories: sortedMap(baseline.clientHistories).map(([client, h]) => [client, h.windows, h.typicalRequests, h.highRequests]),
    models,
    training: Object.fromEntries(ENTITY_KINDS.filter((k) => training[k]).map((k) => [k, training[k]!.map((row) => row.map((v) => Math.round(v * 1e4) / 1e4))])),
    injection: baseline.injection,
  };
  // A learned baseline's fingerprint is the hash of what it learned: learning the same traffic with the same flags twice gives the same one.
  const own = sources ?? [`sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32)}`];
  const text = JSON.stringify({ ...body, sources: own });
  const checksum = `sha256:${createHash('sha256').update(text).digest('hex')}`;
  return `${JSON.stringify({ ...body, sources: own, checksum })}\n`;
}

export function parseBaseline(text: string, path: string): BaselineFile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new InputError(`the baseline ${path} is not valid JSON (truncated or not a baseline); learn it again with 'anomalog learn'`);
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw corruptBaseline(path, 'the document', 'is not an object');
  const doc = document as Record<string, unknown>;
  if (doc.format !== BASELINE_FORMAT) throw new InputError(`${path} is not an anomalog baseline (no "format": "${BASELINE_FORMAT}")`);
  if (doc.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    throw new InputError(`the baseline ${path} has schema version ${JSON.stringify(doc.schemaVersion)}, this anomalog (${VERSION}) reads version ${BASELINE_SCHEMA_VERSION}; learn it again with this version`);
  }
  const { checksum, ...body } = doc;
  const expected = `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
  if (checksum !== expected) throw new InputError(`the baseline ${path} fails its checksum (edited by hand or damaged); learn it again with 'anomalog learn'`);
  validateBaselineDocument(doc, path);

  const models: Partial<Record<EntityKind, EntityModel>> = {};
  for (const kind of ENTITY_KINDS) {
    const m = doc.models[kind];
    if (!m) continue;
    const forest = forestOf(m.forest, path, kind);
    if (forest.featureCount !== m.featureNames.length) throw corruptBaseline(path, `models.${kind}`, 'has a forest that does not match its feature names');
    const { windows, median, mad, p99, max } = m.calibration;
    models[kind] = { featureNames: m.featureNames, forest, calibration: { windows, median, mad, p99, max } };
  }
  const baseline: Baseline = {
    windowMs: doc.windowMs,
    startMs: doc.startMs,
    endMs: doc.endMs,
    records: doc.records,
    coverage: Float64Array.from(doc.coverage),
    endpoints: new Map(Object.entries(doc.endpoints).map(([key, value]) => [key, EndpointProfile.fromJSON(value)])),
    consumers: new Map(Object.entries(doc.consumers).map(([key, value]) => [key, ConsumerProfile.fromJSON(value)])),
    clients: ClientPopulation.fromJSON(doc.clients),
    clientHistories: new Map(doc.clientHistories.map(([client, windows, typicalRequests, highRequests]) => [client, { windows, typicalRequests, highRequests }])),
    models,
    settings: { seed: doc.settings.seed, trees: doc.settings.trees, sampleSize: doc.settings.sampleSize },
    injection: doc.injection ?? null,
    foldedRoutes: doc.foldedRoutes,
  };
  // A baseline written before fingerprints were recorded stands for itself: its checksum.
  const sources = doc.sources === undefined ? [String(checksum)] : doc.sources;
  const training: TrainingRows = {};
  for (const kind of ENTITY_KINDS) if (doc.training[kind]) training[kind] = doc.training[kind];
  return { baseline, training, files: doc.files, sources };
}

/** The forest of a model, or the refusal every corrupt baseline gets, naming the forest. */
function forestOf(forest: SerializedForest, path: string, kind: EntityKind): FlatForest {
  try {
    return deserializeForest(forest);
  } catch (error) {
    if (error instanceof InvalidForest) throw corruptBaseline(path, `models.${kind}.forest`, error.reason);
    throw error;
  }
}

function sortedMap<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
