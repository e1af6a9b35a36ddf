import type { LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { dashToNull, msOrNull, nonNegativeIntOrNull, statusOrNull } from './common/fields.js';
import { scanIsoTime } from './common/iso-time.js';
import { readQuoted } from './common/quoted.js';
import { newRecord } from './common/record.js';
import { applyRequestLine } from './common/request-fields.js';
import { nextTailToken, readFields } from './common/tail-tokens.js';

/** `tcp://10.0.2.1:80` (older Envoy) → `10.0.2.1:80`. */
function withoutTcpScheme(address: string | null): string | null {
  return address !== null && address.startsWith('tcp://') ? address.slice(6) : address;
}

/**
 * After `RESPONSE_CODE RESPONSE_FLAGS`, Envoy's default continues with
 * `BYTES_RECEIVED`; Istio inserts `RESPONSE_CODE_DETAILS
 * CONNECTION_TERMINATION_DETAILS "UPSTREAM_TRANSPORT_FAILURE_REASON"` first and
 * appends cluster and addresses at the end.
 */
function readAfterFlags(line: string, start: number, record: LogRecord): ParseOutcome {
  let pos = start;
  const probe = nextTailToken(line, pos);
  if (probe === null) return 'not-envoy-text';
  const isIstio = nonNegativeIntOrNull(probe.value) === null;
  if (isIstio) {
    const termination = nextTailToken(line, probe.end);
    const failure = termination === null ? null : nextTailToken(line, termination.end);
    if (failure === null || !failure.quoted) return 'not-envoy-text';
    pos = failure.end;
  }
  // bytes_received bytes_sent duration upstream_service_time "xff" "ua" "request id" "authority" "upstream host"
  const { fields } = readFields(line, pos, isIstio ? 15 : 9);
  if (fields.length < 9) return 'not-envoy-text';
  record.bytesReceived = nonNegativeIntOrNull(fields[0]!);
  record.bytesSent = nonNegativeIntOrNull(fields[1]!);
  record.durationMs = msOrNull(fields[2]!);
  record.client = cleanClientAddress(fields[4]!);
  record.userAgent = dashToNull(fields[5]!);
  record.requestId = dashToNull(fields[6]!);
  record.host = dashToNull(fields[7]!);
  record.upstream = withoutTcpScheme(dashToNull(fields[8]!));
  // Istio: upstream_cluster upstream_local downstream_local downstream_remote sni route.
  if (record.client === null && fields.length >= 13) record.client = cleanClientAddress(fields[12]!, { withPort: true });
  return record;
}

function parseEnvoyTextLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  if (line.charCodeAt(0) !== 91 /* [ */) return 'not-envoy-text';
  const time = scanIsoTime(line, 1);
  if (Number.isNaN(time.timeMs) || line.charCodeAt(time.end) !== 93) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = time.timeMs;
  const request = readQuoted(line, time.end + 2);
  if (request === null) return 'not-envoy-text';
  applyRequestLine(request.value, record);
  const code = nextTailToken(line, request.end);
  const flags = code === null ? null : nextTailToken(line, code.end);
  if (code === null || flags === null || code.quoted) return 'not-envoy-text';
  // 0 = the downstream went away before a response.
  record.status = statusOrNull(code.value);
  return readAfterFlags(line, flags.end, record);
}

const ENVOY_SHAPE = /^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] "[^"]*" \d{1,3} (?:-|[A-Z,]+) /;

export const envoyTextFormat: LogFormat = {
  id: 'envoy-text',
  description: 'Envoy default text access log and the Istio default (extra details and addresses)',
  fields: {
    timeMs: '[%START_TIME%] (request start)',
    client: 'left-most %REQ(X-FORWARDED-FOR)%; Istio: else %DOWNSTREAM_REMOTE_ADDRESS% without the port',
    method: '%REQ(:METHOD)%',
    path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% up to ?',
    query: 'the same after ?',
    status: '%RESPONSE_CODE% (0 → null)',
    bytesSent: '%BYTES_SENT% (body)',
    bytesReceived: '%BYTES_RECEIVED% (body)',
    durationMs: '%DURATION% (ms)',
    userAgent: '%REQ(USER-AGENT)%',
    host: '%REQ(:AUTHORITY)%',
    requestId: '%REQ(X-REQUEST-ID)%',
    upstream: '%UPSTREAM_HOST% (tcp:// removed)',
  },
  detect(line: string): number {
    if (!ENVOY_SHAPE.test(line)) return 0;
    return typeof parseEnvoyTextLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseEnvoyTextLine };
  },
};
