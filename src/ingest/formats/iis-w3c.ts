import type { LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { dashToNull, identityOrNull, msOrNull, nonNegativeIntOrNull, statusOrNull } from './common/fields.js';
import { parseW3cDateTime } from './common/iso-time.js';
import { newRecord } from './common/record.js';
import { parseFieldsDirective, splitInto, w3cColumns, type W3cColumns } from './common/w3c-fields.js';

/** IIS's default field set, used until the first `#Fields:` directive. */
const DEFAULT_FIELDS =
  'date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken'.split(' ');

/** IIS writes spaces inside values as `+` (user agents); `-` is empty. */
function plusDecodedOrNull(value: string): string | null {
  if (value === '-' || value.length === 0) return null;
  return value.indexOf('+') < 0 ? value : value.replaceAll('+', ' ');
}

function fillRecord(values: string[], columns: W3cColumns, record: LogRecord): ParseOutcome {
  const value = (index: number): string => (index >= 0 ? values[index]! : '-');
  record.timeMs = parseW3cDateTime(value(columns.date), value(columns.time));
  if (Number.isNaN(record.timeMs)) return 'bad-timestamp';
  record.client = cleanClientAddress(value(columns.clientIp));
  const method = dashToNull(value(columns.method));
  const path = dashToNull(value(columns.uriStem));
  if (method !== null && path !== null) {
    record.method = method.toUpperCase();
    record.path = path;
    record.query = dashToNull(value(columns.uriQuery));
  }
  record.status = statusOrNull(value(columns.status));
  record.bytesSent = nonNegativeIntOrNull(value(columns.bytesSent));
  record.bytesReceived = nonNegativeIntOrNull(value(columns.bytesReceived));
  record.durationMs = msOrNull(value(columns.timeTaken));
  record.userAgent = plusDecodedOrNull(value(columns.userAgent));
  record.referer = dashToNull(value(columns.referer));
  record.consumer = identityOrNull(value(columns.username));
  record.host = dashToNull(value(columns.host));
  return record;
}

export function createIisParser(): LineParser {
  let columns = w3cColumns(DEFAULT_FIELDS);
  const values: string[] = [];
  return {
    parse(rawLine: string, source: SourceRef): ParseOutcome {
      // Windows logs end in CRLF and some exports start with a BOM.
      let line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (line.length === 0) return 'blank';
      if (line.charCodeAt(0) === 35 /* # */) {
        if (line.startsWith('#Fields:')) {
          // The directive block repeats whenever IIS reopens the file, possibly with other fields.
          columns = w3cColumns(parseFieldsDirective(line));
          return 'header';
        }
        return line.startsWith('#Software:') || line.startsWith('#Version:') || line.startsWith('#Date:') ? 'header' : 'comment';
      }
      const count = splitInto(line, ' ', values);
      if (count !== columns.count) return 'field-count-mismatch';
      return fillRecord(values, columns, newRecord(source));
    },
  };
}

const IIS_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ /;

export const iisW3cFormat: LogFormat = {
  id: 'iis-w3c',
  description: 'Microsoft IIS W3C extended log, space-separated, driven by each #Fields: directive (also when it changes mid-file)',
  fields: {
    timeMs: 'date + time (UTC, when the entry was written)',
    client: 'c-ip (IPv6 zone index removed)',
    method: 'cs-method',
    path: 'cs-uri-stem',
    query: 'cs-uri-query (- → null)',
    status: 'sc-status',
    bytesSent: 'sc-bytes (incl. headers)',
    bytesReceived: 'cs-bytes (incl. headers)',
    durationMs: 'time-taken (ms)',
    userAgent: 'cs(User-Agent) with + → space',
    referer: 'cs(Referer)',
    consumer: 'cs-username',
    host: 'cs-host',
  },
  detect(line: string): number {
    if (line.startsWith('#Software: Microsoft Internet Information Services')) return 1;
    if (line.startsWith('#Fields:')) return line.includes('cs-uri-stem') && !line.includes('x-edge-location') ? 1 : 0;
    if (line.startsWith('#Version:') || line.startsWith('#Date:')) return 0.5;
    return IIS_LINE.test(line) && line.indexOf('\t') < 0 ? 0.8 : 0;
  },
  createParser(): LineParser {
    return createIisParser();
  },
};
