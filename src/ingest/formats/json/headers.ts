import type { RequestHeader } from '../../../types.js';
import { textOrNull } from './coerce.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';

/**
 * A header from a logged header map, case-insensitively (Caddy keeps canonical
 * `User-Agent`, Kong lower-cases). Repeated headers (arrays) give the first value.
 */
export function headerText(headers: JsonValue | undefined, lowerCaseName: string): string | null {
  if (!isJsonObject(headers)) return null;
  if (Object.hasOwn(headers, lowerCaseName)) return textOrNull(headers[lowerCaseName]);
  for (const key of Object.keys(headers)) {
    if (key.length === lowerCaseName.length && key.toLowerCase() === lowerCaseName) return textOrNull(headers[key]);
  }
  return null;
}

/** Headers with a record field of their own (compared lower-cased, `_` as `-`). */
const OWN_FIELD_HEADERS: ReadonlySet<string> = new Set(['user-agent', 'referer', 'referrer', 'host']);
/** Bounds per record: headers kept, characters per value. */
const MAX_HEADERS = 32;
const MAX_HEADER_VALUE = 4096;

function headerValues(value: JsonValue | undefined): string[] {
  if (typeof value === 'string') return value === '' || value === '-' || value === 'REDACTED' ? [] : [value.slice(0, MAX_HEADER_VALUE)];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' || typeof v === 'number' ? headerValues(v) : []));
  return [];
}

function add(out: RequestHeader[], name: string, value: JsonValue | undefined): void {
  if (OWN_FIELD_HEADERS.has(name.toLowerCase().replace(/_/g, '-'))) return;
  for (const text of headerValues(value)) if (out.length < MAX_HEADERS) out.push({ name, value: text });
}

/**
 * Every logged header but User-Agent, Referer and Host (they have their own fields), for the
 * injection scan; repeated headers (arrays) give one entry per value. Undefined when there are none.
 */
export function otherHeaders(headers: JsonValue | undefined): RequestHeader[] | undefined {
  if (!isJsonObject(headers)) return undefined;
  const out: RequestHeader[] = [];
  for (const name of Object.keys(headers)) add(out, name, headers[name]);
  return out.length > 0 ? out : undefined;
}

/** The same, from a flat object's keys `<prefix><Header>` (Traefik `request_X-Api-Version`, nginx `http_x_api_version`). */
export function prefixedHeaders(object: JsonObject, prefix: string): RequestHeader[] | undefined {
  const out: RequestHeader[] = [];
  for (const key of Object.keys(object)) if (key.length > prefix.length && key.startsWith(prefix)) add(out, key.slice(prefix.length), object[key]);
  return out.length > 0 ? out : undefined;
}
