/** Placeholders a path segment can be replaced with by its shape alone. */
export type ShapePlaceholder = '{id}' | '{uuid}' | '{hex}' | '{token}' | '{email}' | '{date}';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]+$/i;
const ISO_DATE = /^\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?$/;
const COMPACT_DATE = /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/;
const EMAIL = /^[^@\s/]+@[^@\s/]+\.[A-Za-z]{2,}$/;
const TOKEN_CHARS = /^[A-Za-z0-9_\-+=.~]+$/;
const JWT = /^[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+$/;
const DIGIT = /\d/;
const UPPER = /[A-Z]/;
const LOWER = /[a-z]/;

/** Hex strings from this length on are ids (object ids, hashes); shorter ones are often words (`cafe`, `add`). */
const MIN_HEX_LENGTH = 12;
/** Base64-like tokens are at least this long; shorter mixed-case strings are too often names. */
const MIN_TOKEN_LENGTH = 20;

/**
 * The placeholder a path segment stands for by its shape, or null when it
 * looks like a literal (a word, a file name, a version `v2`). Order matters:
 * a UUID is also hex-ish, a compact date is also a number.
 */
export function shapePlaceholder(segment: string): ShapePlaceholder | null {
  const length = segment.length;
  if (length === 0) return null;
  // One pass over the characters rules out most segments (plain words, file names) without a regex.
  let digits = 0;
  let otherLetters = 0;
  let special = false;
  for (let i = 0; i < length; i += 1) {
    const code = segment.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits += 1;
    else if ((code >= 0x67 && code <= 0x7a) || (code >= 0x47 && code <= 0x5a)) otherLetters += 1;
    else if (code === 0x25 /* % */ || code === 0x40 /* @ */) special = true;
  }
  if (digits === 0 && !special && length < MIN_TOKEN_LENGTH) return null;
  let text = segment;
  if (special && text.includes('%')) {
    try {
      text = decodeURIComponent(text);
    } catch {
      // Malformed escapes are classified as written.
    }
  }
  if (digits === length) return COMPACT_DATE.test(text) ? '{date}' : '{id}';
  const first = text.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39 && ISO_DATE.test(text)) return '{date}';
  if (length === 36 && UUID.test(text)) return '{uuid}';
  if (otherLetters === 0 && text.length >= MIN_HEX_LENGTH && digits > 0 && HEX.test(text)) return '{hex}';
  if (text.includes('@') && EMAIL.test(text)) return '{email}';
  if (text.length >= MIN_TOKEN_LENGTH && (JWT.test(text) || (TOKEN_CHARS.test(text) && looksRandom(text)))) return '{token}';
  return null;
}

/**
 * Random tokens mix digits and both cases; long slugs (`how-to-reset-your-password`)
 * and file names (`jquery.min.js`) do not.
 */
function looksRandom(text: string): boolean {
  const classes = (DIGIT.test(text) ? 1 : 0) + (UPPER.test(text) ? 1 : 0) + (LOWER.test(text) ? 1 : 0);
  if (classes === 3) return true;
  // All-lower-or-upper with digits: random only if digits are spread through it, not a suffix like `file2024`.
  if (classes === 2 && DIGIT.test(text)) {
    let switches = 0;
    for (let i = 1; i < text.length; i += 1) {
      const a = isDigitCode(text.charCodeAt(i - 1));
      const b = isDigitCode(text.charCodeAt(i));
      if (a !== b) switches += 1;
    }
    return switches >= 6;
  }
  return false;
}

function isDigitCode(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** True for segments that are already placeholders (`{id}`), e.g. in a route being re-resolved. */
export function isPlaceholder(segment: string): boolean {
  return segment.length > 2 && segment.charCodeAt(0) === 0x7b && segment.charCodeAt(segment.length - 1) === 0x7d;
}
