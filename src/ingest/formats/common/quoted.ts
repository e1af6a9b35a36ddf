/** A quoted field scanned out of a line: its content and the index after the closing quote. */
export interface QuotedScan {
  value: string;
  end: number;
}

/**
 * Reads the `"…"` field whose opening quote is at `start`. Backslash escapes are
 * honoured so Apache's `\"` inside a user agent does not end the field; `\"` and
 * `\\` are unescaped, every other escape (`\xhh`, `\n`) is kept as written so the
 * value stays printable. Returns null when `start` is not a quote or the field
 * never closes (a truncated line).
 */
export function readQuoted(line: string, start: number): QuotedScan | null {
  if (line.charCodeAt(start) !== 34) return null;
  const close = line.indexOf('"', start + 1);
  if (close < 0) return null;
  const backslash = line.indexOf('\\', start + 1);
  if (backslash < 0 || backslash > close) return { value: line.slice(start + 1, close), end: close + 1 };
  let value = '';
  let runStart = start + 1;
  let i = backslash;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (c === 34) return { value: value + line.slice(runStart, i), end: i + 1 };
    if (c === 92 /* \ */) {
      const next = line.charCodeAt(i + 1);
      if (next === 34 || next === 92) {
        value += line.slice(runStart, i);
        runStart = i + 1; // keep the escaped char, drop the backslash
      }
      i += 2;
      continue;
    }
    i++;
  }
  return null;
}

/** Index of the next space at or after `start`, or the line length. */
export function tokenEnd(line: string, start: number): number {
  const space = line.indexOf(' ', start);
  return space < 0 ? line.length : space;
}

/** Index of the first non-space character at or after `start`. */
export function skipSpaces(line: string, start: number): number {
  let i = start;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}
