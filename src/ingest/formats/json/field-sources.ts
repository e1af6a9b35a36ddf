// Alias-driven record building, shared by nginx JSON (fixed nginx key names),
// generic JSON (a broad alias table) and CSV (column names), all of which honour
// `--map record_field=source_field`.
import type { LogRecord, SourceRef } from '../../../types.js';
import { UsageError } from '../../../errors.js';
import { cleanClientAddress } from '../common/client-address.js';
import { newRecord } from '../common/record.js';
import { splitRequestLine } from '../common/request-line.js';
import { splitTarget } from '../common/target.js';
import { countOrNull, durationOrNull, identityText, methodOrNull, statusOrNull, textOrNull } from './coerce.js';
import { parseDurationString } from './durations.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';
import { compilePath, lookupPath, type CompiledPath } from './lookup.js';
import { timeValueToMs, type EpochUnit } from './times.js';

/**
 * Names accepted on the left of `--map`: the LogRecord fields plus pseudo-fields
 * that carry a unit or a combined value.
 */
export const MAPPABLE_FIELDS = [
  'time', // auto: ISO 8601, CLF, or epoch number with the unit guessed from its magnitude
  'timeS',
  'timeMs',
  'timeUs',
  'timeNs',
  'client',
  'method',
  'request', // a whole request line `GET /p?q HTTP/1.1`
  'url', // a target: `/p?q` or an absolute URL `https://h/p?q`
  'path',
  'query',
  'route',
  'status',
  'bytesSent',
  'bytesReceived',
  'durationMs',
  'durationS',
  'durationUs',
  'durationNs',
  'userAgent',
  'referer',
  'consumer',
  'host',
  'requestId',
  'upstream',
] as const;

export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/** For each mappable field, the source keys (dot paths) tried in order. */
export type AliasTable = Readonly<Partial<Record<MappableField, readonly string[]>>>;

type CompiledSources = { [F in MappableField]: readonly CompiledPath[] };

const TIME_UNITS: ReadonlyArray<[MappableField, EpochUnit | 'auto']> = [
  ['time', 'auto'],
  ['timeS', 's'],
  ['timeMs', 'ms'],
  ['timeUs', 'us'],
  ['timeNs', 'ns'],
];

const DURATION_UNITS: ReadonlyArray<[MappableField, number]> = [
  ['durationMs', 1],
  ['durationS', 1000],
  ['durationUs', 1e-3],
  ['durationNs', 1e-6],
];

function isMappableField(name: string): name is MappableField {
  return (MAPPABLE_FIELDS as readonly string[]).includes(name);
}

/**
 * Compiles an alias table with the user's `--map` entries put first: a mapped
 * field is looked up at the mapped source, then the table's aliases. Mapping one
 * time or duration field replaces the whole family, so `--map durationMs=t`
 * cannot lose to a built-in `request_time` in seconds.
 * @throws UsageError for a left-hand side that is not a mappable field.
 */
export function compileFieldSources(table: AliasTable, fieldMap: Readonly<Record<string, string>> = {}): CompiledSources {
  const compiled = {} as Record<MappableField, CompiledPath[]>;
  for (const field of MAPPABLE_FIELDS) compiled[field] = (table[field] ?? []).map(compilePath);
  for (const [field, source] of Object.entries(fieldMap)) {
    if (!isMappableField(field)) {
      throw new UsageError(`--map ${field}=${source}: unknown record field "${field}"; valid: ${MAPPABLE_FIELDS.join(', ')}.`);
    }
    if (source.length === 0) throw new UsageError(`--map ${field}=: the source field is empty.`);
    const family = field.startsWith('time') ? TIME_UNITS : field.startsWith('duration') ? DURATION_UNITS : null;
    if (family) for (const [member] of family) if (member !== field) compiled[member] = [];
    compiled[field] = [compilePath(source), ...compiled[field].filter((p) => p.join('.') !== source)];
  }
  return compiled;
}

/**
 * First usable value among the aliases. Objects are passed over: every record
 * field is a scalar, and an ECS `user_agent: {original}` must not hide a later alias.
 */
function first(object: JsonObject, paths: readonly CompiledPath[]): JsonValue | undefined {
  for (const path of paths) {
    const value = lookupPath(object, path);
    if (value === undefined || value === null || value === '' || value === '-' || isJsonObject(value)) continue;
    return value;
  }
  return undefined;
}

/** The first path holding a real identity; a placeholder (`-`, `"null"`, `"undefined"`) does not end the search. */
function firstIdentityAt(object: JsonObject, paths: readonly CompiledPath[]): string | null {
  for (const path of paths) {
    const identity = identityText(lookupPath(object, path));
    if (identity !== null) return identity;
  }
  return null;
}

function timeOf(object: JsonObject, sources: CompiledSources): number | undefined {
  for (const [field, unit] of TIME_UNITS) {
    const value = first(object, sources[field]);
    if (value !== undefined) return timeValueToMs(value, unit);
  }
  return undefined;
}

function durationOf(object: JsonObject, sources: CompiledSources): number | null {
  for (const [field, msPerUnit] of DURATION_UNITS) {
    const value = first(object, sources[field]);
    if (value === undefined) continue;
    // A Go/protobuf duration string carries its own unit (`"25ms"`, `"0.025s"`).
    if (typeof value === 'string') {
      const fromString = parseDurationString(value);
      if (!Number.isNaN(fromString)) return fromString;
    }
    return durationOrNull(value, msPerUnit);
  }
  return null;
}

/** Outcome of building: the record, or why there is none. */
export type BuildOutcome = LogRecord | 'missing-timestamp' | 'bad-timestamp' | 'no-request-fields';

/**
 * Builds a record from `object` through `sources`. Requires a valid time and at
 * least one request field (method, request line, url, path or status): without
 * them the object is some other event, not an access record.
 */
export function buildRecordFromSources(object: JsonObject, sources: CompiledSources, source: SourceRef): BuildOutcome {
  const record = newRecord(source);

  const requestValue = first(object, sources.request);
  const requestLine = typeof requestValue === 'string' ? splitRequestLine(requestValue) : null;
  const urlValue = textOrNull(first(object, sources.url));
  const pathValue = textOrNull(first(object, sources.path));
  const methodValue = first(object, sources.method);
  const statusValue = first(object, sources.status);

  if (requestValue === undefined && urlValue === null && pathValue === null && methodValue === undefined && statusValue === undefined) {
    return 'no-request-fields';
  }
  const timeMs = timeOf(object, sources);
  if (timeMs === undefined) return 'missing-timestamp';
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  record.timeMs = timeMs;

  record.method = methodOrNull(methodValue) ?? requestLine?.method ?? null;
  // Most specific first: an explicit path beats a url, which beats the request line.
  const target = pathValue ?? urlValue ?? requestLine?.target ?? null;
  if (target !== null) {
    const split = splitTarget(target);
    record.path = split.path;
    record.query = split.query;
    record.host = split.host;
  }
  const queryValue = first(object, sources.query);
  if (queryValue !== undefined) record.query = textOrNull(queryValue);

  const clientValue = textOrNull(first(object, sources.client));
  record.client = clientValue === null ? null : cleanClientAddress(clientValue);
  record.route = textOrNull(first(object, sources.route));
  record.status = statusOrNull(statusValue);
  record.bytesSent = countOrNull(first(object, sources.bytesSent));
  record.bytesReceived = countOrNull(first(object, sources.bytesReceived));
  record.durationMs = durationOf(object, sources);
  record.userAgent = textOrNull(first(object, sources.userAgent));
  record.referer = textOrNull(first(object, sources.referer));
  record.consumer = firstIdentityAt(object, sources.consumer);
  record.host = textOrNull(first(object, sources.host)) ?? record.host;
  record.requestId = textOrNull(first(object, sources.requestId));
  record.upstream = textOrNull(first(object, sources.upstream));
  return record;
}

/** Whether `object` has a value for any alias of `field` (detection helper). */
export function hasAny(object: JsonObject, sources: CompiledSources, field: MappableField): boolean {
  return first(object, sources[field]) !== undefined;
}
