import type { LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../../types.js';
import { readCombinedTail, scanClfHead } from './common/clf-line.js';
import { nonNegativeIntOrNull, secondsToMs } from './common/fields.js';
import { newRecord } from './common/record.js';
import { nextTailToken } from './common/tail-tokens.js';

/**
 * Reads an nginx `$upstream_*` value at `start`: a list whose servers are joined
 * by `, ` and whose internal-redirect groups by ` : ` (`a:80, b:80 : c:80`), so
 * it can span several space-separated tokens. Returns the raw list and its end.
 */
function readUpstreamList(line: string, start: number): { value: string; end: number } | null {
  const first = nextTailToken(line, start);
  if (first === null) return null;
  let end = first.end;
  let value = first.value;
  for (;;) {
    if (value.endsWith(',')) {
      const next = nextTailToken(line, end);
      if (next === null) break;
      value += ' ' + next.value;
      end = next.end;
    } else if (line.charCodeAt(end + 1) === 58 && line.charCodeAt(end + 2) === 32) {
      const next = nextTailToken(line, end + 2);
      if (next === null) break;
      value += ' : ' + next.value;
      end = next.end;
    } else {
      break;
    }
  }
  return { value, end };
}

/** The server that produced the final response: the last entry of an nginx upstream list. */
function lastListEntry(list: string): string | null {
  const cut = Math.max(list.lastIndexOf(', '), list.lastIndexOf(' : '));
  const entry = cut >= 0 ? list.slice(list.charCodeAt(cut) === 44 ? cut + 2 : cut + 3) : list;
  return entry === '-' || entry.length === 0 ? null : entry;
}

/**
 * The tail `$request_length $request_time [$proxy_upstream_name]
 * [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length
 * $upstream_response_time $upstream_status $req_id`. Returns a skip reason when
 * the bracketed upstream names are missing (then it is not this format).
 */
function readUpstreamInfo(line: string, start: number, record: LogRecord): string | null {
  const requestLength = nextTailToken(line, start);
  const requestTime = requestLength === null ? null : nextTailToken(line, requestLength.end);
  if (requestLength === null || requestTime === null) return 'not-ingress-nginx';
  record.bytesReceived = nonNegativeIntOrNull(requestLength.value);
  record.durationMs = secondsToMs(requestTime.value);
  let pos = requestTime.end;
  for (let bracketField = 0; bracketField < 2; bracketField++) {
    const open = pos + 1;
    if (line.charCodeAt(pos) !== 32 || line.charCodeAt(open) !== 91 /* [ */) return 'not-ingress-nginx';
    const close = line.indexOf(']', open);
    if (close < 0) return 'not-ingress-nginx';
    pos = close + 1;
  }
  const upstreamAddress = readUpstreamList(line, pos);
  if (upstreamAddress === null) return null;
  record.upstream = lastListEntry(upstreamAddress.value);
  const responseLength = readUpstreamList(line, upstreamAddress.end);
  const responseTime = responseLength === null ? null : readUpstreamList(line, responseLength.end);
  const upstreamStatus = responseTime === null ? null : readUpstreamList(line, responseTime.end);
  const requestId = upstreamStatus === null ? null : nextTailToken(line, upstreamStatus.end);
  if (requestId !== null && requestId.value !== '-') record.requestId = requestId.value;
  return null;
}

function parseIngressNginxLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const record = newRecord(source);
  const head = scanClfHead(line, record, { bytesDashMeans: 0 });
  if (typeof head === 'string') return head === 'not-clf' ? 'not-ingress-nginx' : head;
  const tailStart = readCombinedTail(line, head.end, record);
  if (typeof tailStart === 'string') return tailStart;
  const failure = readUpstreamInfo(line, tailStart, record);
  return failure ?? record;
}

const UPSTREAMINFO_TAIL = /" \d+ [\d.]+ \[[^\]]*\] \[[^\]]*\] \S/;

export const ingressNginxFormat: LogFormat = {
  id: 'ingress-nginx',
  description: 'Kubernetes ingress-nginx default `upstreaminfo` log (combined + request length/time, upstream name, address, status, request id)',
  fields: {
    timeMs: '[$time_local] (log-write time, offset honoured)',
    client: '$remote_addr (left-most entry of an X-Forwarded-For list)',
    method: '"$request" first token',
    path: '"$request" target up to ?',
    query: '"$request" target after ?',
    status: '$status',
    bytesSent: '$body_bytes_sent',
    bytesReceived: '$request_length (bytes incl. headers)',
    durationMs: '$request_time s × 1000',
    userAgent: '"$http_user_agent"',
    referer: '"$http_referer"',
    consumer: '$remote_user',
    requestId: '$req_id',
    upstream: 'last entry of $upstream_addr (the server that answered)',
  },
  detect(line: string): number {
    if (!UPSTREAMINFO_TAIL.test(line)) return 0;
    const outcome = parseIngressNginxLine(line, { file: '', line: 0 });
    return typeof outcome === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseIngressNginxLine };
  },
};
