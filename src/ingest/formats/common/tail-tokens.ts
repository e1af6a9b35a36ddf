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
