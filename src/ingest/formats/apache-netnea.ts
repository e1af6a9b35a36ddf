import type { LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { readCombinedTail, scanClfHead } from './common/clf-line.js';
import { dashToNull, microsToMs, nonNegativeIntOrNull } from './common/fields.js';
import { newRecord } from './common/record.js';
import { nextTailToken } from './common/tail-tokens.js';

/**
 * Fields after `"Referer" "User-Agent"` in the netnea extended format, in order:
 * `%v %A %p %R balancer_route %X "cookie" unique_id ssl_protocol ssl_cipher %I %O
 * ratio% %D modsec_time_in application_time modsec_time_out score_in score_out`.
 */
const TAIL_LENGTH = 19;
const VHOST = 0;
const BALANCER_ROUTE = 4;
const UNIQUE_ID = 7;
const BYTES_IN = 10;
const DURATION_US = 13;

function parseNetneaLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const record = newRecord(source);
  const head = scanClfHead(line, record, { bytesDashMeans: 0 });
  if (typeof head === 'string') return head === 'not-clf' ? 'not-apache-netnea' : head;
  const tailStart = readCombinedTail(line, head.end, record);
  if (typeof tailStart === 'string') return tailStart;
  const tail: string[] = [];
  let pos = tailStart;
  for (let token = nextTailToken(line, pos); token !== null && tail.length < TAIL_LENGTH; token = nextTailToken(line, pos)) {
    tail.push(token.value);
    pos = token.end;
  }
  if (tail.length < DURATION_US + 1) return 'not-apache-netnea';
  record.host = dashToNull(tail[VHOST]!);
  record.upstream = dashToNull(tail[BALANCER_ROUTE]!);
  record.requestId = dashToNull(tail[UNIQUE_ID]!);
  record.bytesReceived = nonNegativeIntOrNull(tail[BYTES_IN]!);
  record.durationMs = microsToMs(tail[DURATION_US]!);
  return record;
}

const NETNEA_SHAPE = /^\S+ \S+ \S+ \[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\] "/;

export const apacheNetneaFormat: LogFormat = {
  id: 'apache-netnea',
  description: 'Apache extended access log of the netnea tutorials (country, [YYYY-MM-DD HH:MM:SS.usec], vhost, unique id, %I/%O, %D, ModSecurity scores)',
  fields: {
    timeMs: '[%{%Y-%m-%d %H:%M:%S}t.%{usec_frac}t] (no zone in the log: read as UTC)',
    client: '%h',
    method: '"%r" first token',
    path: '"%r" target up to ?',
    query: '"%r" target after ?',
    status: '%>s',
    bytesSent: '%b (- → 0)',
    bytesReceived: '%I (bytes incl. headers)',
    durationMs: '%D µs ÷ 1000',
    userAgent: '"%{User-Agent}i"',
    referer: '"%{Referer}i"',
    consumer: '%u',
    host: '%v',
    requestId: '%{UNIQUE_ID}e',
    upstream: 'balancer route (%{BALANCER_WORKER_ROUTE}e)',
  },
  detect(line: string): number {
    if (!NETNEA_SHAPE.test(line)) return 0;
    return typeof parseNetneaLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseNetneaLine };
  },
};
