// Value coercion for JSON logs, where templates quote numbers ("status":"200"),
// gateways log int64 as strings (GCP sizes) and "missing" has many spellings.
import { identityOrNull } from '../common/fields.js';
import type { JsonValue } from './json-value.js';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number, or a string holding only a decimal number; else NaN. */
export function toNumber(value: JsonValue | undefined): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 40 || !DECIMAL.test(trimmed)) return NaN;
  return Number(trimmed);
}

/**
 * Text of a field: strings as they are, numbers in decimal; `""`, `"-"`, null,
 * booleans and objects → null. A header array (Caddy `["curl/8"]`) gives its
 * first entry, because that is the value the client sent first.
 */
export function textOrNull(value: JsonValue | undefined): string | null {
  if (typeof value === 'string') return value === '' || value === '-' ? null : value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (Array.isArray(value)) return value.length > 0 ? textOrNull(value[0]) : null;
  return null;
}

/** An identity (consumer, user, key id) as text; null for every placeholder spelling (`-`, `""`, `"null"`, `"undefined"`, …). */
export function identityText(value: JsonValue | undefined): string | null {
  return identityOrNull(textOrNull(value));
}

/** A byte count: non-negative integer (numbers as strings too); `-`, `-1`, fractions and garbage → null. */
export function countOrNull(value: JsonValue | undefined): number | null {
  const n = toNumber(value);
  return Number.isInteger(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER ? n : null;
}

/** An HTTP status 100..999; `0`, `000`, `-` (no response / unknown) and anything else → null. */
export function statusOrNull(value: JsonValue | undefined): number | null {
  const n = toNumber(value);
  return Number.isInteger(n) && n >= 100 && n <= 999 ? n : null;
}

/**
 * A duration already scaled to ms: non-negative and finite, else null (`-1` means
 * "step not reached" in several gateways and must not count as a latency).
 */
export function durationOrNull(value: JsonValue | undefined, msPerUnit: number): number | null {
  const n = toNumber(value);
  return Number.isFinite(n) && n >= 0 ? roundToNanosecond(n * msPerUnit) : null;
}

/**
 * Rounds ms to whole ns, the finest unit any log writes, so unit scaling does not
 * leave float noise (`0.000002701 s` → 0.002701 ms, not 0.0027010000000000003).
 */
export function roundToNanosecond(ms: number): number {
  return Math.round(ms * 1e6) / 1e6;
}

/** Upper-case method token, or null when the value is not a plausible method (1..32 letters, `-`, `_`). */
export function methodOrNull(value: JsonValue | undefined): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > 32) return null;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i) | 0x20;
    if (!((code >= 97 && code <= 122) || code === 45 || code === 127 /* _|0x20 */)) return null;
  }
  return value.toUpperCase();
}
