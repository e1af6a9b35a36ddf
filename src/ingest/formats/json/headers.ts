import { textOrNull } from './coerce.js';
import { isJsonObject, type JsonValue } from './json-value.js';

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
