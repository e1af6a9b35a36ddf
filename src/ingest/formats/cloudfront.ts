import type { LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { dashToNull, nonNegativeIntOrNull, percentDecode, secondsToMs, statusOrNull } from './common/fields.js';
import { parseW3cDateTime } from './common/iso-time.js';
import { newRecord } from './common/record.js';
import { parseFieldsDirective, splitInto, w3cColumns, type W3cColumns } from './common/w3c-fields.js';

/** The documented 33-field order, used until a `#Fields:` directive says otherwise. */
const DEFAULT_FIELDS =
  'date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end'.split(' ');

const at = (values: string[], index: number, count: number): string => (index >= 0 && index < count ? values[index]! : '-');

/** CloudFront URL-encodes values (`%20` for spaces, `%25` for `%`): decode once to get what the viewer sent. */
function decodedOrNull(value: string): string | null {
  return value === '-' || value.length === 0 ? null : percentDecode(value);
}

function fillRecord(values: string[], count: number, columns: W3cColumns, record: LogRecord): ParseOutcome {
  record.timeMs = parseW3cDateTime(at(values, columns.date, count), at(values, columns.time, count));
  if (Number.isNaN(record.timeMs)) return 'bad-timestamp';
  record.client = cleanClientAddress(at(values, columns.clientIp, count));
  const method = dashToNull(at(values, columns.method, count));
  const path = decodedOrNull(at(values, columns.uriStem, count));
  if (method !== null && path !== null) {
    record.method = method.toUpperCase();
    record.path = path;
    record.query = decodedOrNull(at(values, columns.uriQuery, count));
  }
  record.status = statusOrNull(at(values, columns.status, count));
  record.bytesSent = nonNegativeIntOrNull(at(values, columns.bytesSent, count));
  record.bytesReceived = nonNegativeIntOrNull(at(values, columns.bytesReceived, count));
  record.durationMs = secondsToMs(at(values, columns.timeTaken, count));
  record.userAgent = decodedOrNull(at(values, columns.userAgent, count));
  record.referer = decodedOrNull(at(values, columns.referer, count));
  // x-host-header is the Host the viewer asked for (the API domain); cs(Host) the distribution.
  record.host = dashToNull(at(values, columns.hostHeader, count)) ?? dashToNull(at(values, columns.host, count));
  record.requestId = dashToNull(at(values, columns.requestId, count));
  return record;
}

export function createCloudFrontParser(): LineParser {
  let columns = w3cColumns(DEFAULT_FIELDS);
  const values: string[] = [];
  return {
    parse(line: string, source: SourceRef): ParseOutcome {
      if (line.length === 0) return 'blank';
      if (line.charCodeAt(0) === 35 /* # */) {
        if (line.startsWith('#Fields:')) {
          columns = w3cColumns(parseFieldsDirective(line));
          return 'header';
        }
        return line.startsWith('#Version:') ? 'header' : 'comment';
      }
      const count = splitInto(line, '\t', values);
      // A trailing TAB (empty extra field) is in AWS's own example; fewer fields is not.
      if (count < columns.count) return 'field-count-mismatch';
      return fillRecord(values, count, columns, newRecord(source));
    },
  };
}

const CLOUDFRONT_LINE = /^\d{4}-\d\d-\d\d\t\d\d:\d\d:\d\d\t[A-Z0-9-]+\t\d+\t\S+\t[A-Z]+\t/;

export const cloudFrontFormat: LogFormat = {
  id: 'aws-cloudfront',
  description: 'AWS CloudFront standard (legacy) access log, W3C tab-separated, driven by #Fields:',
  fields: {
    timeMs: 'date + time (UTC, when the edge finished responding, second precision)',
    client: 'c-ip',
    method: 'cs-method',
    path: 'cs-uri-stem (%XX decoded once)',
    query: 'cs-uri-query (%XX decoded once; - → null)',
    status: 'sc-status (000 → null)',
    bytesSent: 'sc-bytes (incl. headers)',
    bytesReceived: 'cs-bytes (incl. headers)',
    durationMs: 'time-taken s × 1000',
    userAgent: 'cs(User-Agent) (%XX decoded once)',
    referer: 'cs(Referer) (%XX decoded once)',
    host: 'x-host-header, else cs(Host)',
    requestId: 'x-edge-request-id',
  },
  detect(line: string): number {
    if (line.startsWith('#Fields:')) return line.includes('x-edge-location') ? 1 : 0;
    if (line.startsWith('#Version:')) return 0.5;
    if (!CLOUDFRONT_LINE.test(line)) return 0;
    return line.split('\t').length >= 20 ? 1 : 0;
  },
  createParser(): LineParser {
    return createCloudFrontParser();
  },
};
