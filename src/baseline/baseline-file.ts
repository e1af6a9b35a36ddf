import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { VERSION } from '../version.js';
import type { Baseline, EntityKind, EntityModel } from './baseline.js';
import { ENTITY_KINDS } from './baseline.js';
import { EndpointProfile } from './endpoint-profile.js';
import { ConsumerProfile } from './consumer-profile.js';
import { ClientPopulation } from './client-population.js';
import { QuantileSketch } from './quantile-sketch.js';
import { BaselineReader } from './validate-json.js';
import { serializeForest, deserializeForest } from '../model/index.js';

export const BASELINE_FORMAT = 'anomalog-baseline';
/** Bumped whenever the file's meaning changes; other versions are refused, not guessed at. */
export const BASELINE_SCHEMA_VERSION = 1;
/** A baseline larger than this is not one we wrote. */
export const MAX_BASELINE_FILE_BYTES = 512 * 1024 * 1024;
const MAX_ENDPOINTS = 100_000;
const MAX_CONSUMERS = 200_000;
const MAX_CLIENT_HISTORIES = 100_000;
const MAX_TRAINING_ROWS = 100_000;

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
  const r = new BaselineReader(path);
  const doc = r.object(document, 'the document');
  if (doc.format !== BASELINE_FORMAT) throw new InputError(`${path} is not an anomalog baseline (no "format": "${BASELINE_FORMAT}")`);
  if (doc.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    throw new InputError(`the baseline ${path} has schema version ${JSON.stringify(doc.schemaVersion)}, this anomalog (${VERSION}) reads version ${BASELINE_SCHEMA_VERSION}; learn it again with this version`);
  }
  const { checksum, ...body } = doc;
  const expected = `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
  if (checksum !== expected) throw new InputError(`the baseline ${path} fails its checksum (edited by hand or damaged); learn it again with 'anomalog learn'`);

  const windowMs = r.integer(doc.windowMs, 'windowMs', 1000, 7 * 86_400_000);
  const settingsDoc = r.object(doc.settings, 'settings');
  const settings = {
    seed: r.integer(settingsDoc.seed, 'settings.seed', 0, 4294967295),
    trees: r.integer(settingsDoc.trees, 'settings.trees', 1, 10_000),
    sampleSize: r.integer(settingsDoc.sampleSize, 'settings.sampleSize', 2, 65_536),
  };
  const endpointsDoc = r.object(doc.endpoints, 'endpoints');
  const endpoints = new Map<string, EndpointProfile>();
  for (const key of r.keys(endpointsDoc, 'endpoints', MAX_ENDPOINTS)) endpoints.set(key, readEndpoint(r, endpointsDoc[key], `endpoints["${key}"]`));
  const consumersDoc = r.object(doc.consumers, 'consumers');
  const consumers = new Map<string, ConsumerProfile>();
  for (const key of r.keys(consumersDoc, 'consumers', MAX_CONSUMERS)) consumers.set(key, readConsumer(r, consumersDoc[key], `consumers["${key}"]`));
  const clientHistories = new Map<string, { windows: number; typicalRequests: number; highRequests: number }>();
  for (const [i, entry] of r.array(doc.clientHistories, 'clientHistories', MAX_CLIENT_HISTORIES).entries()) {
    const item = r.array(entry, `clientHistories[${i}]`, 4);
    clientHistories.set(r.string(item[0], `clientHistories[${i}][0]`, 512), {
      windows: r.count(item[1], `clientHistories[${i}][1]`),
      typicalRequests: r.count(item[2], `clientHistories[${i}][2]`),
      highRequests: r.count(item[3], `clientHistories[${i}][3]`),
    });
  }
  const modelsDoc = r.object(doc.models, 'models');
  const models: Partial<Record<EntityKind, EntityModel>> = {};
  for (const key of r.keys(modelsDoc, 'models', ENTITY_KINDS.length)) {
    if (!(ENTITY_KINDS as readonly string[]).includes(key)) r.fail('models', `has an unknown entity kind "${key}"`);
    const m = r.object(modelsDoc[key], `models.${key}`);
    const featureNames = r.array(m.featureNames, `models.${key}.featureNames`, 64).map((n, i) => r.string(n, `models.${key}.featureNames[${i}]`, 64));
    const c = r.object(m.calibration, `models.${key}.calibration`);
    const forest = deserializeForest(m.forest);
    if (forest.featureCount !== featureNames.length) r.fail(`models.${key}`, 'has a forest that does not match its feature names');
    models[key as EntityKind] = {
      featureNames,
      forest,
      calibration: {
        windows: r.count(c.windows, 'calibration.windows'),
        median: r.finite(c.median, 'calibration.median'),
        mad: r.count(c.mad, 'calibration.mad'),
        p99: r.finite(c.p99, 'calibration.p99'),
        max: r.finite(c.max, 'calibration.max'),
      },
    };
  }
  const trainingDoc = r.object(doc.training, 'training');
  const training: TrainingRows = {};
  for (const key of r.keys(trainingDoc, 'training', ENTITY_KINDS.length)) {
    if (!(ENTITY_KINDS as readonly string[]).includes(key)) r.fail('training', `has an unknown entity kind "${key}"`);
    const rows = r.array(trainingDoc[key], `training.${key}`, MAX_TRAINING_ROWS);
    training[key as EntityKind] = rows.map((row, i) => r.array(row, `training.${key}[${i}]`, 64).map((v) => r.finite(v, `training.${key}[${i}]`)));
  }
  const baseline: Baseline = {
    windowMs,
    startMs: r.finite(doc.startMs, 'startMs'),
    endMs: r.finite(doc.endMs, 'endMs'),
    records: r.count(doc.records, 'records'),
    coverage: r.counts(doc.coverage, 'coverage', 168),
    endpoints,
    consumers,
    clients: readPopulation(r, doc.clients),
    clientHistories,
    models,
    settings,
    injection: doc.injection ?? null,
    foldedRoutes: r.count(doc.foldedRoutes, 'foldedRoutes'),
  };
  const files = r.array(doc.files, 'files', 100_000).map((f, i) => r.string(f, `files[${i}]`));
  // A baseline written before fingerprints were recorded stands for itself: its checksum.
  const sources = doc.sources === undefined ? [String(checksum)] : r.array(doc.sources, 'sources', 100_000).map((s, i) => r.string(s, `sources[${i}]`));
  return { baseline, training, files, sources };
}

function readEndpoint(r: BaselineReader, value: unknown, where: string): EndpointProfile {
  const v = r.object(value, where);
  const p = new EndpointProfile();
  p.clients = null;
  p.requests = r.count(v.requests, `${where}.requests`);
  const status = r.object(v.status, `${where}.status`);
  p.status2xx = r.count(status['2xx'], `${where}.status.2xx`);
  p.status3xx = r.count(status['3xx'], `${where}.status.3xx`);
  p.status4xx = r.count(status['4xx'], `${where}.status.4xx`);
  p.status5xx = r.count(status['5xx'], `${where}.status.5xx`);
  p.authFailures = r.count(v.authFailures, `${where}.authFailures`);
  p.notFound = r.count(v.notFound, `${where}.notFound`);
  p.writesOk = r.count(v.writesOk, `${where}.writesOk`);
  p.referenced = r.count(v.referenced, `${where}.referenced`);
  p.slowRequests = r.count(v.slowRequests, `${where}.slowRequests`);
  p.bigResponses = r.count(v.bigResponses, `${where}.bigResponses`);
  const robust = r.object(v.robust, `${where}.robust`);
  p.robust = {
    status5xx: r.count(robust.status5xx, `${where}.robust.status5xx`),
    authFailures: r.count(robust.authFailures, `${where}.robust.authFailures`),
    notFound: r.count(robust.notFound, `${where}.robust.notFound`),
    slow: r.count(robust.slow, `${where}.robust.slow`),
    big: r.count(robust.big, `${where}.robust.big`),
  };
  p.latency = QuantileSketch.fromJSON(v.latencyMs, `${where}.latencyMs`);
  p.size = QuantileSketch.fromJSON(v.sizeBytes, `${where}.sizeBytes`);
  p.perClientWindow = QuantileSketch.fromJSON(v.perClientWindow, `${where}.perClientWindow`);
  p.typicalByHour = r.counts(v.typicalByHour, `${where}.typicalByHour`, 24);
  p.spreadByHour = r.counts(v.spreadByHour, `${where}.spreadByHour`, 24);
  p.hourOfWeek = r.counts(v.hourOfWeek, `${where}.hourOfWeek`, 168);
  p.hourOfWeekSquares = r.counts(v.hourOfWeekSquares, `${where}.hourOfWeekSquares`, 168);
  p.activeWindows = r.count(v.activeWindows, `${where}.activeWindows`);
  p.distinctClients = r.count(v.distinctClients, `${where}.distinctClients`);
  p.firstSeenMs = r.finite(v.firstSeen, `${where}.firstSeen`);
  p.lastSeenMs = r.finite(v.lastSeen, `${where}.lastSeen`);
  if (p.status2xx + p.status3xx + p.status4xx + p.status5xx > p.requests) r.fail(where, 'has more statuses than requests');
  return p;
}

function readConsumer(r: BaselineReader, value: unknown, where: string): ConsumerProfile {
  const v = r.object(value, where);
  const p = new ConsumerProfile();
  p.requests = r.count(v.requests, `${where}.requests`);
  p.writesOk = r.count(v.writesOk, `${where}.writesOk`);
  p.activeWindows = r.count(v.activeWindows, `${where}.activeWindows`);
  p.hours = r.counts(v.hours, `${where}.hours`, 24);
  for (const [i, entry] of r.array(v.networks, `${where}.networks`, 256).entries()) {
    const item = r.array(entry, `${where}.networks[${i}]`, 3);
    p.networks.set(r.string(item[0], `${where}.networks[${i}]`, 64), { requests: r.count(item[1], `${where}.networks[${i}]`), windows: r.count(item[2], `${where}.networks[${i}]`) });
  }
  for (const [i, entry] of r.array(v.agents, `${where}.agents`, 64).entries()) {
    const item = r.array(entry, `${where}.agents[${i}]`, 2);
    p.agents.set(r.string(item[0], `${where}.agents[${i}]`, 8192), r.count(item[1], `${where}.agents[${i}]`));
  }
  for (const [i, entry] of r.array(v.endpoints, `${where}.endpoints`, 256).entries()) {
    const item = r.array(entry, `${where}.endpoints[${i}]`, 2);
    p.endpoints.set(r.string(item[0], `${where}.endpoints[${i}]`, 8192), r.count(item[1], `${where}.endpoints[${i}]`));
  }
  p.windowRequestsSum = r.count(v.windowRequestsSum, `${where}.windowRequestsSum`);
  p.windowRequestsSquares = r.count(v.windowRequestsSquares, `${where}.windowRequestsSquares`);
  p.windowWritesMax = r.count(v.windowWritesMax, `${where}.windowWritesMax`);
  return p;
}

function readPopulation(r: BaselineReader, value: unknown): ClientPopulation {
  const v = r.object(value, 'clients');
  const p = new ClientPopulation();
  p.windows = r.count(v.windows, 'clients.windows');
  p.requests = QuantileSketch.fromJSON(v.requests, 'clients.requests');
  p.errorRatio = QuantileSketch.fromJSON(v.errorRatio, 'clients.errorRatio');
  p.distinctRoutes = QuantileSketch.fromJSON(v.distinctRoutes, 'clients.distinctRoutes');
  p.distinctPaths = QuantileSketch.fromJSON(v.distinctPaths, 'clients.distinctPaths');
  p.writes = QuantileSketch.fromJSON(v.writes, 'clients.writes');
  return p;
}

function sortedMap<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
