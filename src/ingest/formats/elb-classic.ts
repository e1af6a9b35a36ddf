import type { LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { dashToNull, nonNegativeIntOrNull, secondsToMs, statusOrNull, sumOrNull } from './common/fields.js';
import { scanIsoTime } from './common/iso-time.js';
import { newRecord } from './common/record.js';
import { applyRequestLine } from './common/request-fields.js';
import { readFields } from './common/tail-tokens.js';

const TIME = 0;
const CLIENT = 2;
const BACKEND = 3;
const REQUEST_PROCESSING = 4;
const BACKEND_PROCESSING = 5;
const RESPONSE_PROCESSING = 6;
const ELB_STATUS = 7;
const RECEIVED_BYTES = 9;
const SENT_BYTES = 10;
const REQUEST = 11;
const USER_AGENT = 12;
const FIELDS_READ = USER_AGENT + 1;
const MIN_FIELDS = SENT_BYTES + 1;

function parseElbClassicLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const { fields, truncated } = readFields(line, 0, FIELDS_READ);
  if (fields.length < MIN_FIELDS) return truncated ? 'unterminated-quote' : 'not-elb-classic';
  const record = newRecord(source);
  const time = scanIsoTime(fields[TIME]!, 0);
  if (Number.isNaN(time.timeMs) || !time.hasZone || time.end !== fields[TIME]!.length) return 'bad-timestamp';
  record.timeMs = time.timeMs;
  record.client = cleanClientAddress(fields[CLIENT]!, { withPort: true });
  record.upstream = dashToNull(fields[BACKEND]!);
  record.durationMs = sumOrNull(
    secondsToMs(fields[REQUEST_PROCESSING]!),
    secondsToMs(fields[BACKEND_PROCESSING]!),
    secondsToMs(fields[RESPONSE_PROCESSING]!),
  );
  record.status = statusOrNull(fields[ELB_STATUS]!);
  record.bytesReceived = nonNegativeIntOrNull(fields[RECEIVED_BYTES]!);
  record.bytesSent = nonNegativeIntOrNull(fields[SENT_BYTES]!);
  if (fields.length > REQUEST) applyRequestLine(fields[REQUEST]!, record);
  if (fields.length > USER_AGENT) record.userAgent = dashToNull(fields[USER_AGENT]!);
  return record;
}

const ELB_SHAPE = /^\d{4}-\d\d-\d\dT[\d:.]+Z \S+ [\d.:a-fA-F]+:\d+ \S+ -?[\d.]+ -?[\d.]+ -?[\d.]+ (?:\d{3}|-) (?:\d{3}|-) \d+ \d+ "/;

export const elbClassicFormat: LogFormat = {
  id: 'aws-elb-classic',
  description: 'AWS Classic Load Balancer (ELB) access log (HTTP/HTTPS and TCP/SSL listeners)',
  fields: {
    timeMs: 'timestamp (when the LB received the request)',
    client: 'client:port without the port',
    method: '"request" first token (TCP/SSL "- - - " → null)',
    path: '"request" URL path (absolute-form reduced)',
    query: '"request" URL after ?',
    status: 'elb_status_code (- → null)',
    bytesSent: 'sent_bytes (body only on HTTP listeners)',
    bytesReceived: 'received_bytes',
    durationMs: '(request + backend + response processing time) s × 1000; null when any is -1',
    userAgent: '"user_agent"',
    host: 'host:port of the request URL',
    upstream: 'backend:port',
  },
  detect(line: string): number {
    if (!ELB_SHAPE.test(line)) return 0;
    return typeof parseElbClassicLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseElbClassicLine };
  },
};
