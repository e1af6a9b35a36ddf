import { readQuoted } from './quoted.js';

/** One space-separated field of a line tail: a bare token or a quoted string (unescaped). */
export interface TailToken {
  value: string;
  quoted: boolean;
  /** Index just after the token. */
  end: number;
}

/**
 * Reads the next field after `start` (skipping spaces), or null at the end of the
 * line. An unterminated quoted field is returned bare up to the end of the line,
 * so trailing extras never make a line fail.
 */
export function nextTailToken(line: string, start: number): TailToken | null {
  let i = start;
  while (line.charCodeAt(i) === 32) i++;
  if (i >= line.length) return null;
  if (line.charCodeAt(i) === 34) {
    const quoted = readQuoted(line, i);
    if (quoted !== null) return { value: quoted.value, quoted: true, end: quoted.end };
    return { value: line.slice(i), quoted: false, end: line.length };
  }
  let end = line.indexOf(' ', i);
  if (end < 0) end = line.length;
  return { value: line.slice(i, end), quoted: false, end };
}

/**
 * Splits `line` from `start` into at most `max` space-separated fields, quoted
 * fields unescaped and unquoted (positional formats such as ALB, where `"-"` and
 * `-` both mean missing). An unterminated quote ends the scan: the fields read so
 * far are returned and `truncated` tells the caller.
 */
export function readFields(line: string, start: number, max: number): { fields: string[]; truncated: boolean } {
  const fields: string[] = [];
  let pos = start;
  while (fields.length < max) {
    while (line.charCodeAt(pos) === 32) pos++;
    if (pos >= line.length) break;
    if (line.charCodeAt(pos) === 34) {
      const quoted = readQuoted(line, pos);
      if (quoted === null) return { fields, truncated: true };
      fields.push(quoted.value);
      pos = quoted.end;
    } else {
      let end = line.indexOf(' ', pos);
      if (end < 0) end = line.length;
      fields.push(line.slice(pos, end));
      pos = end;
    }
  }
  return { fields, truncated: false };
}
