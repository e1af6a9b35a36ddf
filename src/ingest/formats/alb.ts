import type { LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { dashToNull, nonNegativeIntOrNull, secondsToMs, statusOrNull, sumOrNull } from './common/fields.js';
import { scanIsoTime } from './common/iso-time.js';
import { newRecord } from './common/record.js';
import { applyRequestLine } from './common/request-fields.js';
import { readFields } from './common/tail-tokens.js';

// 0-based positions of the documented fields; later generations only append.
const TIME = 1;
const CLIENT = 3;
const TARGET = 4;
const REQUEST_PROCESSING = 5;
const TARGET_PROCESSING = 6;
const RESPONSE_PROCESSING = 7;
const ELB_STATUS = 8;
const RECEIVED_BYTES = 10;
const SENT_BYTES = 11;
const REQUEST = 12;
const USER_AGENT = 13;
const TRACE_ID = 17;
const REQUEST_CREATION_TIME = 21;
/** Fields needed to reach `request_creation_time`; anything after it is ignored. */
const FIELDS_READ = REQUEST_CREATION_TIME + 1;
/** The original 12 fields (through `sent_bytes`) are required. */
const MIN_FIELDS = SENT_BYTES + 1;

/** `Root=1-5833…` (possibly `Self=…;Root=…`) → the Root id; the whole value when it has none. */
export function traceRoot(traceId: string): string | null {
  if (traceId === '-' || traceId.length === 0) return null;
  const root = traceId.indexOf('Root=');
  if (root < 0) return traceId;
  const end = traceId.indexOf(';', root);
  return traceId.slice(root + 5, end < 0 ? traceId.length : end);
}

function isoTimeOrNaN(s: string): number {
  const scan = scanIsoTime(s, 0);
  return scan.hasZone && scan.end === s.length ? scan.timeMs : NaN;
}

function parseAlbLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const { fields, truncated } = readFields(line, 0, FIELDS_READ);
  if (fields.length < MIN_FIELDS) return truncated ? 'unterminated-quote' : 'not-alb';
  const record = newRecord(source);
  const responseTime = isoTimeOrNaN(fields[TIME]!);
  if (Number.isNaN(responseTime)) return 'bad-timestamp';
  // Prefer the request start; `time` is when the LB generated the response.
  const creationTime = fields.length > REQUEST_CREATION_TIME ? isoTimeOrNaN(fields[REQUEST_CREATION_TIME]!) : NaN;
  record.timeMs = Number.isNaN(creationTime) ? responseTime : creationTime;
  record.client = cleanClientAddress(fields[CLIENT]!, { withPort: true });
  record.upstream = dashToNull(fields[TARGET]!);
  record.durationMs = sumOrNull(
    secondsToMs(fields[REQUEST_PROCESSING]!),
    secondsToMs(fields[TARGET_PROCESSING]!),
    secondsToMs(fields[RESPONSE_PROCESSING]!),
  );
  record.status = statusOrNull(fields[ELB_STATUS]!);
  record.bytesReceived = nonNegativeIntOrNull(fields[RECEIVED_BYTES]!);
  record.bytesSent = nonNegativeIntOrNull(fields[SENT_BYTES]!);
  if (fields.length > REQUEST) applyRequestLine(fields[REQUEST]!, record);
  if (fields.length > USER_AGENT) record.userAgent = dashToNull(fields[USER_AGENT]!);
  if (fields.length > TRACE_ID) record.requestId = traceRoot(fields[TRACE_ID]!);
  return record;
}

const ALB_SHAPE = /^(?:http|https|h2|grpcs|ws|wss) \d{4}-\d\d-\d\dT[\d:.]+Z \S+ \S+ \S+ -?[\d.]+ -?[\d.]+ -?[\d.]+ /;

export const albFormat: LogFormat = {
  id: 'aws-alb',
  description: 'AWS Application Load Balancer access log (every field generation to 2025; unknown trailing fields ignored)',
  fields: {
    timeMs: 'request_creation_time (request start), else time (response generated)',
    client: 'client:port without the port (unbracketed IPv6 split at the last colon)',
    method: '"request" first token',
    path: '"request" URL path (absolute-form reduced)',
    query: '"request" URL after ?',
    status: 'elb_status_code',
    bytesSent: 'sent_bytes (incl. headers)',
    bytesReceived: 'received_bytes (incl. headers)',
    durationMs: '(request + target + response processing time) s × 1000; null when any is -1',
    userAgent: '"user_agent"',
    host: 'host:port of the request URL',
    requestId: 'Root= of "trace_id"',
    upstream: 'target:port',
  },
  detect(line: string): number {
    if (!ALB_SHAPE.test(line)) return 0;
    return typeof parseAlbLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseAlbLine };
  },
};
