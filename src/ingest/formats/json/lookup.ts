import { identityText } from './coerce.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value.js';

/** A dot path split once (`req.headers.ip` → `['req','headers','ip']`), reused for every line. */
export type CompiledPath = readonly string[];

/**
 * Splits a dot path. A key that itself contains dots (Traefik `request_X-Real-Ip`
 * does not, but `"a.b"` keys exist) is found too: lookupPath tries the whole
 * remaining path as one key before descending.
 */
export function compilePath(dotPath: string): CompiledPath {
  return dotPath.split('.');
}

/** Value at a compiled path, or undefined when any step is missing or not an object. */
export function lookupPath(object: JsonObject, path: CompiledPath): JsonValue | undefined {
  let current: JsonValue | undefined = object;
  for (let i = 0; i < path.length; i++) {
    if (!isJsonObject(current)) return undefined;
    const key = path[i]!;
    const direct: JsonValue | undefined = Object.hasOwn(current, key) ? current[key] : undefined;
    if (direct === undefined && i < path.length - 1) {
      // Keys with literal dots (`"http.status"`) win over nesting only when nesting fails.
      const joined = path.slice(i).join('.');
      if (Object.hasOwn(current, joined)) return current[joined];
    }
    current = direct;
  }
  return current;
}

/** Own property value (never an inherited one such as `__proto__` or `constructor`). */
export function own(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** First key of `keys` that is present with a non-null value in `object`. */
export function firstOwn(object: JsonObject, keys: readonly string[]): JsonValue | undefined {
  for (const key of keys) {
    const value = Object.hasOwn(object, key) ? object[key] : undefined;
    if (value !== undefined && value !== null) return value;
  }
  return undefined;
}

/**
 * The first of `keys` holding a real identity: a placeholder (`"caller":"-"`,
 * `"user":"null"`) does not end the search, the next key is tried.
 */
export function firstIdentity(object: JsonObject, keys: readonly string[]): string | null {
  for (const key of keys) {
    const identity = identityText(Object.hasOwn(object, key) ? object[key] : undefined);
    if (identity !== null) return identity;
  }
  return null;
}

/** Nested object at `key`, or undefined. */
export function ownObject(object: JsonObject, key: string): JsonObject | undefined {
  const value = own(object, key);
  return isJsonObject(value) ? value : undefined;
}
