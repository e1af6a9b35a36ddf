// The shape of a parameter value, independent of its content: which kinds of
// characters it uses, how long it is, and what sort of token it looks like.
// Profiles store shapes, never values, so a baseline holds no customer data.

export type ValueKind = 'empty' | 'numeric' | 'hex' | 'uuid' | 'alpha' | 'alnum' | 'text';

export const VALUE_KINDS: readonly ValueKind[] = ['empty', 'numeric', 'hex', 'uuid', 'alpha', 'alnum', 'text'];

/** One bit per character class; key punctuation keeps its own bit. */
export const CHAR_CLASS_NAMES: readonly string[] = [
  'lower-case letters', 'upper-case letters', 'digits', 'spaces', "'", '"', '<', '>', 'parentheses', ';', '=', '-',
  '_', '.', '/', '\\', '@', '%', '&', '|', '$', 'braces', '`', '*', ',', ':', '#', '! or ?', '+', 'brackets, ~ or ^',
  'non-ASCII', 'control characters',
];

const PUNCTUATION_BIT: Readonly<Record<string, number>> = {
  ' ': 3, "'": 4, '"': 5, '<': 6, '>': 7, '(': 8, ')': 8, ';': 9, '=': 10, '-': 11, '_': 12, '.': 13, '/': 14,
  '\\': 15, '@': 16, '%': 17, '&': 18, '|': 19, $: 20, '{': 21, '}': 21, '`': 22, '*': 23, ',': 24, ':': 25,
  '#': 26, '!': 27, '?': 27, '+': 28, '[': 29, ']': 29, '~': 29, '^': 29,
};

/** Bit mask (unsigned 32-bit) of the character classes present in `value`. */
export function charClassMask(value: string): number {
  let mask = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let bit: number;
    if (code >= 97 && code <= 122) bit = 0;
    else if (code >= 65 && code <= 90) bit = 1;
    else if (code >= 48 && code <= 57) bit = 2;
    else if (code < 32 || code === 127) bit = 31;
    else if (code > 127) bit = code === 0xa0 ? 3 : 30;
    else bit = PUNCTUATION_BIT[value[i]!] ?? 29;
    mask |= 1 << bit;
  }
  return mask >>> 0;
}

/** Names of the classes set in `mask`, for explanations. */
export function describeMask(mask: number): string[] {
  const names: string[] = [];
  for (let bit = 0; bit < 32; bit++) if ((mask >>> bit) & 1) names.push(CHAR_CLASS_NAMES[bit]!);
  return names;
}

const NUMERIC = /^[+-]?\d+(?:[.,]\d+)?$/;
const HEX = /^(?:0x)?[0-9a-fA-F]+$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const ALPHA = /^[A-Za-z\u00c0-\u024f]+$/;
const ALNUM = /^[A-Za-z0-9\u00c0-\u024f]+$/;

export function valueKind(value: string): ValueKind {
  if (value === '') return 'empty';
  if (NUMERIC.test(value)) return 'numeric';
  if (UUID.test(value)) return 'uuid';
  // Hex needs a digit and a letter and some length, else `cafe` and `12` would count.
  if (value.length >= 8 && HEX.test(value) && /[0-9]/.test(value) && /[a-fA-F]/.test(value)) return 'hex';
  if (ALPHA.test(value)) return 'alpha';
  if (ALNUM.test(value)) return 'alnum';
  return 'text';
}

/**
 * Length buckets: exact up to 32, then widening ranges. The bucket's upper
 * bound is what quantiles report, so they err on the long (lenient) side.
 */
export const LENGTH_BUCKET_UPPER: readonly number[] = [
  ...Array.from({ length: 33 }, (_, i) => i),
  40, 48, 64, 80, 96, 128, 160, 192, 256, 384, 512, 1024, 2048, 4096, Number.MAX_SAFE_INTEGER,
];

export function lengthBucket(length: number): number {
  if (length <= 32) return length;
  for (let i = 33; i < LENGTH_BUCKET_UPPER.length; i++) if (length <= LENGTH_BUCKET_UPPER[i]!) return i;
  return LENGTH_BUCKET_UPPER.length - 1;
}

/** 32-bit FNV-1a: distinct values are counted by hash, so raw values are never stored. */
export function hashValue(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
