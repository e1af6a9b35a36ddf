/**
 * Drops a byte-order mark and a trailing carriage return. The line reader
 * already removes them at the start of a file and before `\n`; these are the
 * ones it cannot see: a BOM at the start of a concatenated file's later part
 * or of an envelope payload, a `\r` at the end of a payload or of a last line.
 */
export function trimLineEnds(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0xfeff) start += 1;
  while (end > start && text.charCodeAt(end - 1) === 0x0d) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Empty or only spaces, tabs and carriage returns (checked by the first character before trimming). */
export function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  return (first === 0x20 || first === 0x09 || first === 0x0d) && text.trim() === '';
}
