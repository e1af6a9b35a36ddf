import type { ErrorObject } from 'ajv';
import type { AnomalogConfig, ConfigDefaults, IgnoreRule, SuppressRule } from './config-types.js';
import { schemaErrors } from './config-schema.js';
import { documentOrder, formatConfigPath, pointerSegments, valueAt } from './config-path.js';
import { INCIDENT_KINDS } from './incident-kinds.js';
import { DURATION_HINT, parseDuration } from '../time/duration.js';
import { ISO_TIME_HINT, parseIsoTime } from '../time/iso-time.js';
import { CLIENT_HINT, parseClientRange } from './client-range.js';
import { ENDPOINT_HINT, parseEndpointPattern } from './endpoint-pattern.js';
import { truncate } from '../text/sanitize.js';

/** One thing wrong with a config: where (`suppress[3].client`, '' for the whole file) and what. */
export interface ConfigProblem {
  path: string;
  problem: string;
}

export type ConfigValidation = { ok: true; config: AnomalogConfig } | { ok: false; problems: ConfigProblem[] };

const SUPPRESS_CONDITIONS = ['kind', 'endpoint', 'client', 'consumer', 'userAgent', 'from', 'until'] as const;

function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return truncate(text, 80);
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return `the string ${quote(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function describeExpectedType(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((name) => TYPE_NAMES[String(name)] ?? String(name)).join(' or ');
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

function describeUnknownKey(key: string, allowed: readonly string[]): string {
  const closest = allowed
    .map((candidate) => ({ candidate, distance: editDistance(key, candidate) }))
    .sort((x, y) => x.distance - y.distance)[0];
  if (closest && closest.distance <= Math.max(1, Math.floor(closest.candidate.length / 3))) {
    return `unknown key; did you mean "${closest.candidate}"?`;
  }
  return `unknown key; allowed here: ${allowed.join(', ')}`;
}

/** The message for a pattern failure depends on what the string was meant to be. */
function describePatternFailure(lastKey: string, value: unknown, inMap: boolean): string {
  if (typeof value === 'string' && value.trim() === '') return 'must not be blank';
  if (lastKey === 'window') return `${quote(value)} is not a duration; ${DURATION_HINT}`;
  if (lastKey === 'from' || lastKey === 'until') return `${quote(value)} is not an ISO 8601 time; ${ISO_TIME_HINT}`;
  if (lastKey === 'within') return `${quote(value)} is not a tolerance; use a percentage of the baseline such as "20%", or a number`;
  if (lastKey === 'logFormat') return `${quote(value)} is not a format id; see \`anomalog formats\``;
  if (inMap) return `${quote(value)} is not a source field path (no control characters, no __proto__, constructor or prototype)`;
  return 'must not contain control characters, line separators or bidirectional overrides';
}

interface LocatedProblem extends ConfigProblem {
  pointer: string;
}

function describeSchemaError(error: ErrorObject, root: unknown): LocatedProblem {
  const segments = pointerSegments(error.instancePath);
  const lastKey = segments[segments.length - 1] ?? '';
  const value = valueAt(root, segments);
  const at = (extra: string[], problem: string): LocatedProblem => {
    const full = [...segments, ...extra];
    return { pointer: error.instancePath + extra.map((key) => `/${key}`).join(''), path: formatConfigPath(full, root), problem };
  };
  const params = error.params as Record<string, unknown>;
  // Map keys are checked by propertyNames; ajv reports the failing key beside the map.
  if (error.propertyName !== undefined) {
    return at([], `key ${quote(error.propertyName)} is not allowed here (record field names are letters, digits and _)`);
  }
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const parent = error.parentSchema as { properties?: Record<string, unknown> } | undefined;
      return at([key], describeUnknownKey(key, Object.keys(parent?.properties ?? {})));
    }
    case 'required': {
      const missing = String(params.missingProperty);
      const why = missing === 'reason' ? ' (every rule must say why it exists)' : '';
      return at([], `missing "${missing}"${why}`);
    }
    case 'type':
      if (segments.length === 0) return at([], `must be a JSON object, not ${describeJsonType(value)}`);
      return at([], `must be ${describeExpectedType(params.type)}, not ${describeJsonType(value)}`);
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      if (lastKey === 'kind') return at([], `unknown kind ${quote(value)}; known kinds: ${INCIDENT_KINDS.join(', ')}`);
      return at([], `${quote(value)} is not one of: ${allowed.join(', ')}`);
    }
    case 'pattern':
      return at([], describePatternFailure(lastKey, value, segments[segments.length - 2] === 'map'));
    case 'minLength':
      return at([], 'must not be empty');
    case 'maxLength':
      return at([], `is too long (at most ${String(params.limit)} characters)`);
    case 'minItems':
      return at([], 'must not be an empty list');
    case 'minimum':
    case 'exclusiveMinimum':
      return at([], `must be at least ${String(params.limit)}, not ${describeJsonType(value)}`);
    case 'maximum':
    case 'exclusiveMaximum':
      return at([], `must be at most ${String(params.limit)}, not ${describeJsonType(value)}`);
    case 'anyOf':
      if (lastKey === 'client') return at([], `must be an address or CIDR block, or a list of them, not ${describeJsonType(value)}`);
      return at([], `has the wrong shape (${describeJsonType(value)})`);
    default:
      return at([], error.message ?? `fails the "${error.keyword}" check of the schema`);
  }
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * anyOf (a rule's `client`: one string or a list) makes ajv report the failures
 * of every branch. Keep only the branch whose type fits the value, so
 * `client: ["10.0.0.1", 5]` says `client[1] must be a string`.
 */
function pruneAnyOfBranches(errors: ErrorObject[], root: unknown): ErrorObject[] {
  const anyOfs = errors.filter((error) => error.keyword === 'anyOf');
  let kept = errors;
  for (const anyOf of anyOfs) {
    const value = valueAt(root, pointerSegments(anyOf.instancePath));
    const branches = (anyOf.schema as Array<{ type?: string; $ref?: string }>) ?? [];
    const fitting = branches.findIndex((branch) => {
      const type = branch.type ?? (branch.$ref ? 'string' : undefined);
      return type === jsonTypeOf(value);
    });
    const branchPrefix = `${anyOf.schemaPath}/`;
    kept = kept.filter((error) => {
      if (error === anyOf) return fitting === -1;
      if (!error.schemaPath.startsWith(branchPrefix)) return true;
      return fitting !== -1 && error.schemaPath.startsWith(`${branchPrefix}${fitting}/`);
    });
  }
  return kept;
}

function semanticProblems(config: AnomalogConfig, root: unknown): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const add = (segments: Array<string | number>, problem: string): void => {
    const keys = segments.map(String);
    problems.push({ pointer: `/${keys.join('/')}`, path: formatConfigPath(keys, root), problem });
  };
  if (config.defaults.window !== undefined && parseDuration(config.defaults.window) === null) {
    add(['defaults', 'window'], `${quote(config.defaults.window)} is not a duration; ${DURATION_HINT}`);
  }
  config.suppress.forEach((rule, index) => {
    if (!SUPPRESS_CONDITIONS.some((field) => rule[field] !== undefined)) {
      add(['suppress', index], `has no condition, so it would suppress every incident; give at least one of ${SUPPRESS_CONDITIONS.join(', ')}`);
    }
    if (rule.endpoint !== undefined && !parseEndpointPattern(rule.endpoint)) {
      add(['suppress', index, 'endpoint'], `${quote(rule.endpoint)} is not an endpoint pattern; ${ENDPOINT_HINT}`);
    }
    if (typeof rule.client === 'string') {
      if (!parseClientRange(rule.client)) add(['suppress', index, 'client'], `${quote(rule.client)} is not an IP address or CIDR block (${CLIENT_HINT})`);
    } else if (rule.client !== undefined) {
      rule.client.forEach((client, position) => {
        if (!parseClientRange(client)) add(['suppress', index, 'client', position], `${quote(client)} is not an IP address or CIDR block (${CLIENT_HINT})`);
      });
    }
    const from = rule.from === undefined ? undefined : parseIsoTime(rule.from);
    const until = rule.until === undefined ? undefined : parseIsoTime(rule.until);
    if (from === null) add(['suppress', index, 'from'], `${quote(rule.from)} is not a real date or time; ${ISO_TIME_HINT}`);
    if (until === null) add(['suppress', index, 'until'], `${quote(rule.until)} is not a real date or time; ${ISO_TIME_HINT}`);
    if (typeof from === 'number' && typeof until === 'number' && from > until) {
      add(['suppress', index], `"from" (${rule.from}) is after "until" (${rule.until})`);
    }
  });
  config.ignore.forEach((rule, index) => {
    if (rule.endpoint !== undefined && !parseEndpointPattern(rule.endpoint)) {
      add(['ignore', index, 'endpoint'], `${quote(rule.endpoint)} is not an endpoint pattern; ${ENDPOINT_HINT}`);
    }
  });
  return problems;
}

function firstInReadingOrder(problems: LocatedProblem[], root: unknown): ConfigProblem[] {
  const order = documentOrder(root);
  const rank = (pointer: string): number => order.get(pointer) ?? Number.MAX_SAFE_INTEGER;
  const unique = new Map<string, LocatedProblem>();
  for (const problem of problems) unique.set(`${problem.path}\u0000${problem.problem}`, problem);
  return [...unique.values()]
    .map((problem, position) => ({ problem, position }))
    .sort((a, b) => rank(a.problem.pointer) - rank(b.problem.pointer) || a.position - b.position)
    .map(({ problem }) => ({ path: problem.path, problem: problem.problem }));
}

// Fields are copied one by one: whatever the schema let through, only known
// keys reach the typed config (no prototype tricks ride along).
function pickDefaults(raw: Record<string, unknown>): ConfigDefaults {
  const defaults: ConfigDefaults = {};
  const source = raw as ConfigDefaults;
  if (source.window !== undefined) defaults.window = source.window;
  if (source.seed !== undefined) defaults.seed = source.seed;
  if (source.trees !== undefined) defaults.trees = source.trees;
  if (source.sampleSize !== undefined) defaults.sampleSize = source.sampleSize;
  if (source.top !== undefined) defaults.top = source.top;
  if (source.failOn !== undefined) defaults.failOn = source.failOn;
  if (source.minSeverity !== undefined) defaults.minSeverity = source.minSeverity;
  if (source.minConfidence !== undefined) defaults.minConfidence = source.minConfidence;
  if (source.format !== undefined) defaults.format = source.format;
  if (source.logFormat !== undefined) defaults.logFormat = source.logFormat;
  if (source.map !== undefined) defaults.map = Object.freeze(Object.fromEntries(Object.entries(source.map)));
  if (source.redact !== undefined) defaults.redact = source.redact;
  if (source.strict !== undefined) defaults.strict = source.strict;
  if (source.showSuppressed !== undefined) defaults.showSuppressed = source.showSuppressed;
  return defaults;
}

function pickSuppressRule(raw: SuppressRule): SuppressRule {
  const rule: SuppressRule = { reason: raw.reason };
  if (raw.kind !== undefined) rule.kind = raw.kind;
  if (raw.endpoint !== undefined) rule.endpoint = raw.endpoint;
  if (raw.client !== undefined) rule.client = typeof raw.client === 'string' ? raw.client : [...raw.client];
  if (raw.consumer !== undefined) rule.consumer = raw.consumer;
  if (raw.userAgent !== undefined) rule.userAgent = raw.userAgent;
  if (raw.from !== undefined) rule.from = raw.from;
  if (raw.until !== undefined) rule.until = raw.until;
  return rule;
}

function pickIgnoreRule(raw: IgnoreRule): IgnoreRule {
  const rule: IgnoreRule = { feature: raw.feature, reason: raw.reason };
  if (raw.endpoint !== undefined) rule.endpoint = raw.endpoint;
  if (raw.direction !== undefined) rule.direction = raw.direction;
  if (raw.within !== undefined) rule.within = raw.within;
  return rule;
}

/**
 * Checks a parsed config against schema/config.schema.json, then what a schema
 * cannot say (CIDRs, real calendar times, endpoint patterns, rules without a
 * condition). Problems come in reading order.
 */
export function validateConfig(value: unknown): ConfigValidation {
  const errors = schemaErrors(value);
  if (errors.length > 0) {
    // ajv adds a bare "property name must be valid" beside the propertyNames failure that says which key.
    const specific = errors.filter((error) => error.keyword !== 'propertyNames');
    const problems = pruneAnyOfBranches(specific, value).map((error) => describeSchemaError(error, value));
    return { ok: false, problems: firstInReadingOrder(problems, value) };
  }
  const raw = value as { defaults?: Record<string, unknown>; suppress?: SuppressRule[]; ignore?: IgnoreRule[] };
  const config: AnomalogConfig = {
    defaults: pickDefaults(raw.defaults ?? {}),
    suppress: (raw.suppress ?? []).map(pickSuppressRule),
    ignore: (raw.ignore ?? []).map(pickIgnoreRule),
  };
  const problems = semanticProblems(config, value);
  if (problems.length > 0) return { ok: false, problems: firstInReadingOrder(problems, value) };
  return { ok: true, config };
}
