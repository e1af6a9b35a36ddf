// Small value converters shared by all parsers. Log fields are attacker-controlled,
// so every converter returns null (never throws) on anything it does not recognise.

/** `-` and `""` → null, anything else unchanged. */
export function dashToNull(s: string): string | null {
  return s.length === 0 || s === '-' ? null : s;
}

/**
 * Whether a field holds one of the spellings logs use for "no value": empty or
 * blank, `-` (CLF and AWS templates), `null` / `undefined` (templating languages
 * and JavaScript loggers printing a missing variable), C's `(null)`, Go's `<nil>`.
 * Such a value must never stand for an identity: the next candidate field is
 * searched instead.
 */
export function isPlaceholderText(s: string): boolean {
  const length = s.length;
  if (length === 0) return true;
  if (length > 16) return false;
  const trimmed = s.trim().toLowerCase();
  return PLACEHOLDER_TEXT.has(trimmed);
}

const PLACEHOLDER_TEXT = new Set(['', '-', 'null', '(null)', 'undefined', '<nil>']);

/** An identity (user, consumer, key id): the text, or null when it is a placeholder (see {@link isPlaceholderText}). */
export function identityOrNull(s: string | null): string | null {
  return s === null || isPlaceholderText(s) ? null : s;
}

/**
 * A decimal integer with optional sign (`+` is HAProxy's `logasap` marker) →
 * number; null for `-`, empty or anything that is not an integer. Negative values
 * are returned as such: callers decide what `-1` means (ALB/HAProxy "not reached").
 */
export function intOrNull(s: string, start = 0, end = s.length): number | null {
  let i = start;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 43 || sign === 45) {
    negative = sign === 45;
    i++;
  }
  if (i >= end || end - i > 15) return null;
  let value = 0;
  for (; i < end; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** Like {@link intOrNull} but negative values (`-1` = "not reached") → null. */
export function nonNegativeIntOrNull(s: string, start = 0, end = s.length): number | null {
  const value = intOrNull(s, start, end);
  return value === null || value < 0 ? null : value;
}

/** An HTTP status 1..999 → number; `-`, `0`, `000`, `-1` and garbage → null ("no response / unknown"). */
export function statusOrNull(s: string, start = 0, end = s.length): number | null {
  if (end - start < 1 || end - start > 3) return null;
  const value = intOrNull(s, start, end);
  return value === null || value <= 0 ? null : value;
}

/**
 * A non-negative decimal `123.456` scaled by 10^`power` without floating-point
 * drift in the digits (`0.048` s × 10^3 = exactly 48 ms). Optional leading `+`
 * (HAProxy). Null for negatives (`-1` = not reached), `-` and garbage.
 */
export function scaledDecimalOrNull(s: string, power: number, start = 0, end = s.length): number | null {
  let i = start;
  if (s.charCodeAt(i) === 43) i++;
  if (i >= end) return null;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = -1;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && fractionDigits < 0) {
      fractionDigits = 0;
      continue;
    }
    const digit = c - 48;
    if (digit < 0 || digit > 9) return null;
    mantissa = mantissa * 10 + digit;
    digits++;
    if (fractionDigits >= 0) fractionDigits++;
  }
  if (digits === 0 || digits > 15) return null;
  const shift = power - Math.max(fractionDigits, 0);
  // One exact multiplication or one correctly rounded division: 73 / 1000 === 0.073.
  return shift >= 0 ? mantissa * 10 ** shift : mantissa / 10 ** -shift;
}

/** Seconds `0.048` → ms 48; null for `-`, `-1`, garbage. */
export function secondsToMs(s: string, start = 0, end = s.length): number | null {
  return scaledDecimalOrNull(s, 3, start, end);
}

/** Microseconds (Apache `%D`) `935006` → ms 935.006; null for `-`, garbage. */
export function microsToMs(s: string, start = 0, end = s.length): number | null {
  return scaledDecimalOrNull(s, -3, start, end);
}

/** Milliseconds `123` or `+50001` → number; null for `-`, `-1`, garbage. */
export function msOrNull(s: string, start = 0, end = s.length): number | null {
  return scaledDecimalOrNull(s, 0, start, end);
}

/** Sum of ms parts, null when any part is null (a step that was not reached makes the total unknown). */
export function sumOrNull(...parts: (number | null)[]): number | null {
  let total = 0;
  for (const part of parts) {
    if (part === null) return null;
    total += part;
  }
  // Re-round to µs: 0.086 + 0.048 + 0.037 s in ms must print as 171, not 170.99999999999997.
  return Math.round(total * 1000) / 1000;
}

/**
 * Decodes `%XX` escapes (CloudFront values); malformed escapes and bytes that do
 * not form UTF-8 are kept as written so a hostile value never throws.
 */
export function percentDecode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s.replace(/%([0-9A-Fa-f]{2})/g, (escape, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : escape;
    });
  }
}
