import type { LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../../types.js';
import { readCombinedTail, scanClfHead } from './common/clf-line.js';
import { scanPlainCombinedLine } from './common/clf-plain-line.js';
import { microsToMs, secondsToMs } from './common/fields.js';
import { newRecord } from './common/record.js';
import { nextTailToken } from './common/tail-tokens.js';

/** `0.123` (nginx seconds) or `1234` (Apache `%D` µs) in `s[start, end)`. */
function isDurationShaped(s: string, start = 0, end = s.length): boolean {
  if (end <= start || end - start > 16) return false;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) return false;
  }
  return dots <= 1 && s.charCodeAt(start) !== 46;
}

/** Duration of a duration-shaped `s[start, end)`: with a dot nginx seconds, else Apache µs. */
function durationOf(s: string, start: number, end: number): number | null {
  const dot = s.indexOf('.', start);
  return dot >= 0 && dot < end ? secondsToMs(s, start, end) : microsToMs(s, start, end);
}

/**
 * The trailing extras after `"referer" "user agent"` that real configs append:
 * the first bare number is the duration (with a dot: nginx `$request_time`,
 * seconds; an integer: Apache `%D`, microseconds); `kong_request_id: "…"` is the
 * request id; anything else (`"$http_x_forwarded_for"`, upstream times) is ignored.
 */
function readExtras(line: string, start: number, record: LogRecord): void {
  // Most lines end in one bare token (`$request_time`): read it without the tokenizer.
  if (line.charCodeAt(start) === 32 && start + 1 < line.length && line.indexOf(' ', start + 1) < 0 && line.charCodeAt(start + 1) !== 34) {
    if (isDurationShaped(line, start + 1, line.length)) record.durationMs = durationOf(line, start + 1, line.length);
    return;
  }
  let pos = start;
  let durationSeen = false;
  for (let token = nextTailToken(line, pos); token !== null; token = nextTailToken(line, pos)) {
    pos = token.end;
    if (token.quoted) continue;
    if (token.value === 'kong_request_id:') {
      const id = nextTailToken(line, pos);
      if (id !== null) {
        record.requestId = id.value === '-' || id.value.length === 0 ? null : id.value;
        pos = id.end;
      }
      continue;
    }
    if (!durationSeen && isDurationShaped(token.value)) {
      durationSeen = true;
      record.durationMs = durationOf(token.value, 0, token.value.length);
    }
  }
}

function parseClfLine(line: string, source: SourceRef): ParseOutcome {
  const plain = scanPlainCombinedLine(line, source);
  if (plain !== null) {
    if (plain.extrasStart < line.length) readExtras(line, plain.extrasStart, plain.record);
    return plain.record;
  }
  return parseClfLineGeneral(line, source);
}

/** The general scanner: every CLF variant this format accepts (the fast path above handles the plain shape). */
export function parseClfLineGeneral(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const record = newRecord(source);
  const head = scanClfHead(line, record, { bytesDashMeans: 0 });
  if (typeof head === 'string') return head;
  // The pair ends a combined line: a line cut inside it still has everything a record needs.
  const tailStart = readCombinedTail(line, head.end, record, true);
  if (typeof tailStart === 'string') return tailStart;
  if (tailStart < line.length) readExtras(line, tailStart, record);
  return record;
}

/** Scores CLF shape: a parsed head with a zoned time, better with the combined pair. */
function detectClf(line: string): number {
  const record = newRecord({ file: '', line: 0 });
  const head = scanClfHead(line, record, { bytesDashMeans: 0 });
  if (typeof head === 'string') return 0;
  if (!head.timeHasZone) return 0.3;
  return record.method !== null || record.status !== null ? 0.9 : 0.7;
}

export const clfFormat: LogFormat = {
  id: 'clf',
  description: 'nginx / Apache common and combined log (vhost prefix, X-Forwarded-For address lists, trailing $request_time or %D, syslog header)',
  fields: {
    timeMs: '[time] (CLF, offset honoured); nginx $time_local is the log-write time, Apache %t the request start',
    client: 'remote address; left-most entry of an X-Forwarded-For list written in the address slot',
    method: '"request" (first token)',
    path: '"request" target up to ?; absolute-form reduced to the path',
    query: '"request" target after the first ?',
    status: '%>s / $status (0, 000, - → null)',
    bytesSent: '%b / $body_bytes_sent (- → 0, as %b writes - for zero bytes)',
    durationMs: 'first trailing number: with a dot $request_time s × 1000, integer %D µs ÷ 1000',
    userAgent: '"User-Agent" (combined)',
    referer: '"Referer" (combined)',
    consumer: '%u / $remote_user',
    host: 'vhost prefix (%v, $host), else the host of an absolute-form target',
    requestId: 'kong_request_id: "…" (Kong proxy access line)',
  },
  detect: detectClf,
  createParser(): LineParser {
    return { parse: parseClfLine };
  },
};
