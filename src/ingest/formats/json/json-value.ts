// JSON values as JSON.parse returns them, and one-parse-per-line reading of a log line.

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Skip reasons shared by every JSON-lines format. */
export const NOT_JSON = 'not-json';
export const BLANK = 'blank';
export const BAD_JSON = 'bad-json';

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Index of the first non-whitespace character, or -1 for a blank string. */
function firstSignificant(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10 && code !== 0xfeff) return i;
  }
  return -1;
}

function startsArrayOfObjects(line: string, from: number): boolean {
  const next = firstSignificant(line.slice(from, from + 64));
  if (next < 0) return false;
  const code = line.charCodeAt(from + next);
  return code === 123 /* { */ || code === 93 /* ] */;
}

/**
 * Parses a line that should hold one JSON object or array. Returns the reason
 * instead when it does not: `blank` for an empty line, `not-json` when it does not even start like JSON
 * (interleaved text lines: Kong's nginx line, Traefik plugin debug output), or
 * `bad-json` when it starts like JSON but is broken (nginx templates that leave
 * `"request_time":0.000"` or `"clientPort":-`).
 */
export function readJsonLine(line: string): JsonObject | JsonValue[] | typeof NOT_JSON | typeof BAD_JSON | typeof BLANK {
  const start = firstSignificant(line);
  if (start < 0) return BLANK;
  const first = line.charCodeAt(start);
  if (first !== 123 /* { */ && first !== 91 /* [ */) return NOT_JSON;
  // Only arrays of objects (batches) can be records; `[2016-04-15T…] "GET …` is Envoy text.
  if (first === 91 && !startsArrayOfObjects(line, start + 1)) return NOT_JSON;
  let value: JsonValue;
  try {
    value = JSON.parse(line) as JsonValue;
  } catch {
    return BAD_JSON;
  }
  if (isJsonObject(value) || Array.isArray(value)) return value;
  return BAD_JSON;
}

// Detection scores the same ~50 lines with every JSON format in turn; remembering
// the last parse means one JSON.parse per line across all detectors, not one each.
let cachedLine: string | undefined;
let cachedValue: ReturnType<typeof readJsonLine> = NOT_JSON;

/** `readJsonLine` with a one-entry cache, for `detect` only (parsers must not share state). */
export function readJsonLineForDetect(line: string): ReturnType<typeof readJsonLine> {
  if (line !== cachedLine) {
    cachedValue = readJsonLine(line);
    cachedLine = line;
  }
  return cachedValue;
}
