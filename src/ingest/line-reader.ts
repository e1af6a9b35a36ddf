/** Longest line kept, in bytes without the line ending; longer lines are skipped as `line-too-long`. */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * A run of consecutive physical lines of one input. `lines[i]` is line
 * `firstLine + i` (1-based), without its `\n` / `\r\n`, decoded as UTF-8 with
 * invalid bytes as U+FFFD; `null` marks a line longer than the limit, whose
 * bytes were never held in memory.
 */
export interface LineRun {
  firstLine: number;
  lines: (string | null)[];
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines. Works on whole Buffers with `indexOf`, so the
 * per-line cost is one search and one UTF-8 slice; lines arrive in runs (one per
 * chunk) so consumers do not pay an async step per line.
 *
 * Only `\n` ends a line (a `\r` before it is dropped), so CRLF, LF and mixes of
 * both work; a lone `\r` stays in the text. A UTF-8 BOM at the very start is
 * dropped. A last line without a newline is still a line; a final `\n` does not
 * start an empty extra one.
 */
export async function* readLineRuns(chunks: AsyncIterable<Buffer>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineRun> {
  let lineNumber = 1;
  let atStart = true;
  // Bytes of the current unfinished line from earlier chunks (never more than maxLineBytes + 1 of them).
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // The current unfinished line is already known to be too long: drop bytes until its newline.
  let overlong = false;

  for await (const rawChunk of chunks) {
    let chunk = rawChunk;
    if (chunk.length === 0) continue;
    if (atStart) {
      // The BOM may straddle the first chunks only in pathological streams; those keep it (as text).
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      atStart = false;
    }
    const run: LineRun = { firstLine: lineNumber, lines: [] };
    const lines = run.lines;
    let start = 0;
    let newline = chunk.indexOf(LF, start);
    while (newline !== -1) {
      if (overlong) {
        lines.push(null);
        overlong = false;
      } else if (pendingBytes > 0) {
        const total = pendingBytes + newline;
        if (total > maxLineBytes + 1) {
          lines.push(null);
        } else {
          pending.push(chunk.subarray(0, newline));
          lines.push(decodeLine(Buffer.concat(pending, total), 0, total, maxLineBytes));
        }
      } else {
        lines.push(decodeLine(chunk, start, newline, maxLineBytes));
      }
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
      newline = chunk.indexOf(LF, start);
    }
    if (start < chunk.length && !overlong) {
      const rest = chunk.length - start;
      // +1 leaves room for a `\r` that belongs to a CRLF split across chunks.
      if (pendingBytes + rest > maxLineBytes + 1) {
        overlong = true;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the caller may reuse the chunk's memory (stdin, pooled buffers).
        pending.push(Buffer.from(chunk.subarray(start)));
        pendingBytes += rest;
      }
    }
    lineNumber += lines.length;
    if (lines.length > 0) yield run;
  }
  if (overlong) {
    yield { firstLine: lineNumber, lines: [null] };
  } else if (pendingBytes > 0) {
    const buffer = Buffer.concat(pending, pendingBytes);
    yield { firstLine: lineNumber, lines: [decodeLine(buffer, 0, buffer.length, maxLineBytes)] };
  }
}

function decodeLine(buffer: Buffer, start: number, end: number, maxLineBytes: number): string | null {
  if (end > start && buffer[end - 1] === CR) end -= 1;
  if (end - start > maxLineBytes) return null;
  return buffer.toString('utf8', start, end);
}
