import Table from 'cli-table3';
import type { LogRecord } from '../types.js';
import { csvCell, escapeTerminal, truncate } from '../text/sanitize.js';
import type { OutputSink } from './output-sink.js';

export const RECORD_OUTPUT_FORMATS = ['ndjson', 'json', 'csv', 'table'] as const;
export type RecordOutputFormat = (typeof RECORD_OUTPUT_FORMATS)[number];

/** A record as printed: the public contract of `parse`, keys in this order. */
export interface PrintedRecord {
  time: string | null;
  client: string | null;
  method: string | null;
  path: string | null;
  query: string | null;
  route: string | null;
  status: number | null;
  bytesSent: number | null;
  bytesReceived: number | null;
  durationMs: number | null;
  userAgent: string | null;
  referer: string | null;
  consumer: string | null;
  host: string | null;
  requestId: string | null;
  upstream: string | null;
  source: { file: string; line: number };
}

/** Largest magnitude a JS Date can hold; beyond it there is no ISO form. */
const MAX_DATE_MS = 8.64e15;

/** The ISO text of the last second printed, up to the dot: neighbouring lines of a log share their second. */
let lastSecond = NaN;
let lastSecondPrefix = '';

export function isoTime(timeMs: number): string | null {
  if (!(Number.isFinite(timeMs) && Math.abs(timeMs) <= MAX_DATE_MS)) return null;
  const ms = Math.trunc(timeMs);
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond || second < 0) {
    const text = new Date(timeMs).toISOString();
    lastSecond = second;
    lastSecondPrefix = text.slice(0, text.length - 4);
    return text;
  }
  const millis = ms - second * 1000;
  return `${lastSecondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

/** What JSON.stringify escapes in a string: quote, backslash, control characters, and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON of one value of a printed record, as JSON.stringify writes it. */
function jsonValue(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  // Most values need no escaping; one character-class scan is cheaper than the serializer.
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}

/**
 * `JSON.stringify(toPrintedRecord(record))`, byte for byte, without building the object:
 * `parse --format ndjson` prints a million of these per file.
 */
export function printedRecordJson(record: LogRecord): string {
  return (
    `{"time":${jsonValue(isoTime(record.timeMs))},"client":${jsonValue(record.client)},"method":${jsonValue(record.method)}` +
    `,"path":${jsonValue(record.path)},"query":${jsonValue(record.query)},"route":${jsonValue(record.route)}` +
    `,"status":${jsonValue(record.status)},"bytesSent":${jsonValue(record.bytesSent)},"bytesReceived":${jsonValue(record.bytesReceived)}` +
    `,"durationMs":${jsonValue(record.durationMs)},"userAgent":${jsonValue(record.userAgent)},"referer":${jsonValue(record.referer)}` +
    `,"consumer":${jsonValue(record.consumer)},"host":${jsonValue(record.host)},"requestId":${jsonValue(record.requestId)}` +
    `,"upstream":${jsonValue(record.upstream)},"source":{"file":${jsonValue(record.source.file)},"line":${jsonValue(record.source.line)}}}`
  );
}

export function toPrintedRecord(record: LogRecord): PrintedRecord {
  return {
    time: isoTime(record.timeMs),
    client: record.client,
    method: record.method,
    path: record.path,
    query: record.query,
    route: record.route,
    status: record.status,
    bytesSent: record.bytesSent,
    bytesReceived: record.bytesReceived,
    durationMs: record.durationMs,
    userAgent: record.userAgent,
    referer: record.referer,
    consumer: record.consumer,
    host: record.host,
    requestId: record.requestId,
    upstream: record.upstream,
    source: { file: record.source.file, line: record.source.line },
  };
}

/** Writes records in one output format; `end()` completes the document (JSON array, last table). */
export interface RecordWriter {
  write(record: LogRecord): Promise<void>;
  end(): Promise<void>;
}

export function createRecordWriter(format: RecordOutputFormat, sink: OutputSink, options: { color: boolean }): RecordWriter {
  switch (format) {
    case 'ndjson':
      return { write: (record) => sink.write(`${printedRecordJson(record)}\n`), end: async () => undefined };
    case 'json':
      return new JsonArrayWriter(sink);
    case 'csv':
      return new CsvWriter(sink);
    case 'table':
      return new TableWriter(sink, options.color);
  }
}

class JsonArrayWriter implements RecordWriter {
  private count = 0;
  constructor(private readonly sink: OutputSink) {}

  write(record: LogRecord): Promise<void> {
    const prefix = this.count === 0 ? '[\n' : ',\n';
    this.count += 1;
    return this.sink.write(`${prefix}${JSON.stringify(toPrintedRecord(record))}`);
  }

  end(): Promise<void> {
    return this.sink.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}

const CSV_COLUMNS = [
  'time',
  'client',
  'method',
  'path',
  'query',
  'route',
  'status',
  'bytesSent',
  'bytesReceived',
  'durationMs',
  'userAgent',
  'referer',
  'consumer',
  'host',
  'requestId',
  'upstream',
  'sourceFile',
  'sourceLine',
] as const;

/** RFC 4180 (CRLF rows, quoted cells) with spreadsheet formula triggers neutralised by `csvCell`. */
class CsvWriter implements RecordWriter {
  private headerWritten = false;
  constructor(private readonly sink: OutputSink) {}

  write(record: LogRecord): Promise<void> {
    const printed = toPrintedRecord(record);
    const cells = [
      printed.time,
      printed.client,
      printed.method,
      printed.path,
      printed.query,
      printed.route,
      printed.status,
      printed.bytesSent,
      printed.bytesReceived,
      printed.durationMs,
      printed.userAgent,
      printed.referer,
      printed.consumer,
      printed.host,
      printed.requestId,
      printed.upstream,
      printed.source.file,
      printed.source.line,
    ];
    const row = `${cells.map((cell) => csvCell(cell)).join(',')}\r\n`;
    if (this.headerWritten) return this.sink.write(row);
    this.headerWritten = true;
    return this.sink.write(`${CSV_COLUMNS.join(',')}\r\n${row}`);
  }

  end(): Promise<void> {
    return this.headerWritten ? Promise.resolve() : this.sink.write(`${CSV_COLUMNS.join(',')}\r\n`);
  }
}

/** Rows per printed table: a table must be complete before it is printed, so long outputs come in pages. */
const TABLE_PAGE_ROWS = 500;
const TABLE_HEAD = ['time', 'client', 'method', 'path', 'status', 'bytes', 'ms', 'route', 'source'];

/**
 * A human view of the records. Every cell passes through `escapeTerminal`, so
 * escape sequences hidden in a log line (`\x1b]0;…`, `\x1b[2J`) are shown
 * inert instead of acting on the terminal; long values are cut.
 */
class TableWriter implements RecordWriter {
  private rows: string[][] = [];
  constructor(
    private readonly sink: OutputSink,
    private readonly color: boolean,
  ) {}

  async write(record: LogRecord): Promise<void> {
    const path = record.path === null ? '' : record.query === null ? record.path : `${record.path}?${record.query}`;
    this.rows.push([
      isoTime(record.timeMs) ?? '',
      cell(record.client, 40),
      cell(record.method, 10),
      cell(path, 60),
      record.status === null ? '' : String(record.status),
      record.bytesSent === null ? '' : String(record.bytesSent),
      record.durationMs === null ? '' : String(record.durationMs),
      cell(record.route, 40),
      cell(`${record.source.file}:${record.source.line}`, 40),
    ]);
    if (this.rows.length >= TABLE_PAGE_ROWS) await this.flushPage();
  }

  async end(): Promise<void> {
    await this.flushPage();
  }

  private async flushPage(): Promise<void> {
    if (this.rows.length === 0) return;
    const table = new Table({
      head: TABLE_HEAD,
      style: this.color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    });
    table.push(...this.rows);
    this.rows = [];
    await this.sink.write(`${table.toString()}\n`);
  }
}

function cell(value: string | null, max: number): string {
  return value === null ? '' : truncate(escapeTerminal(value), max);
}
