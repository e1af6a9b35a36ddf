// CSV access logs with a header row (exports from log platforms, spreadsheets,
// API Gateway CSV templates with a header added). Columns are mapped through the
// generic JSON alias table and `--map record_field=column`.
import { parse as parseCsv } from 'csv-parse/sync';
import type { FormatOptions, LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { GENERIC_JSON_ALIASES } from './json-generic.js';
import { buildRecordFromSources, compileFieldSources } from './json/field-sources.js';
import type { JsonObject } from './json/json-value.js';

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter that occurs most often in the header row (comma on a tie or none). */
function guessDelimiter(header: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    for (let i = header.indexOf(delimiter); i >= 0; i = header.indexOf(delimiter, i + 1)) count++;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

/** One CSV line → its fields, or null when it is not valid CSV on its own (unbalanced quotes, a record spanning lines). */
function parseCsvLine(line: string, delimiter: string): string[] | null {
  try {
    const rows = parseCsv(line, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
    return rows.length === 1 ? rows[0]! : null;
  } catch {
    return null;
  }
}

/** Lower-cased alias names (last dot segment too), to recognise a header row. */
const KNOWN_COLUMN_NAMES: ReadonlySet<string> = new Set(
  Object.values(GENERIC_JSON_ALIASES).flatMap((names) => names.flatMap((name) => [name.toLowerCase(), name.split('.').pop()!.toLowerCase()])),
);

const STATUS_CELL = /^[1-5]\d\d$/;
const METHOD_CELL = /^(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)$/;
const TIME_CELL = /^(?:\d{4}-\d\d-\d\d[T ]\d\d:\d\d|\d{10}(?:\.\d+)?$|\d{13}$|\d\d\/\w{3}\/\d{4}:)/;

function unquote(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/** Cheap score without csv-parse: naive split is enough to tell a CSV header or row. */
function scoreCsvLine(line: string): number {
  const first = line.trimStart().charCodeAt(0);
  if (first === 123 /* { */ || first === 91 /* [ */ || first === 35 /* # */) return 0;
  const cells = line.split(guessDelimiter(line)).map(unquote);
  if (cells.length < 3) return 0;
  const known = cells.filter((cell) => KNOWN_COLUMN_NAMES.has(cell.toLowerCase())).length;
  if (known >= 3) return 0.6;
  if (cells.length < 4) return 0;
  const hasStatus = cells.some((cell) => STATUS_CELL.test(cell));
  const hasRequest = cells.some((cell) => METHOD_CELL.test(cell) || cell.startsWith('/') || cell.startsWith('http'));
  const hasTime = cells.some((cell) => TIME_CELL.test(cell));
  return hasStatus && hasRequest && hasTime ? 0.35 : 0;
}

class CsvLineParser implements LineParser {
  private columns: string[] | null = null;
  private delimiter = ',';
  private readonly sources;

  constructor(options: FormatOptions) {
    this.sources = compileFieldSources(GENERIC_JSON_ALIASES, options.fieldMap);
  }

  parse(line: string, source: SourceRef): ParseOutcome {
    if (line.trim().length === 0) return 'blank';
    if (this.columns === null) {
      // The first line the parser sees is the header; it names the columns, it is no record.
      this.delimiter = guessDelimiter(line);
      const header = parseCsvLine(line, this.delimiter);
      if (header === null || header.length === 0) return 'bad-csv-header';
      this.columns = header.map((name) => name.trim());
      return 'header';
    }
    const cells = parseCsvLine(line, this.delimiter);
    if (cells === null) return 'bad-csv';
    if (cells.length !== this.columns.length) return 'csv-column-count';
    const row: JsonObject = {};
    for (let i = 0; i < cells.length; i++) {
      const name = this.columns[i]!;
      if (!Object.hasOwn(row, name)) row[name] = cells[i]!;
    }
    const outcome = buildRecordFromSources(row, this.sources, source);
    return outcome === 'no-request-fields' ? 'not-access-record' : outcome;
  }
}

export const csvFormat: LogFormat = {
  id: 'csv',
  description: 'CSV with a header row naming the columns (, ; or TAB); columns mapped like generic JSON, refine with --map field=column',
  fields: {
    timeMs: 'column time | timestamp | @timestamp | date | … (ISO 8601, CLF, epoch by magnitude); --map time=column',
    client: 'column client_ip | remote_addr | ip | …',
    method: 'column method | request_method | …, else a request-line column',
    path: 'column path | url | request_uri | … (query split off)',
    query: 'column query | query_string, else after ?',
    status: 'column status | status_code | response_code | …',
    bytesSent: 'column bytes_sent | response_size | size | …',
    bytesReceived: 'column bytes_received | request_size | …',
    durationMs: 'column duration_ms | latency | duration (ms), request_time (s); --map durationS=column',
    userAgent: 'column user_agent | useragent | …',
    referer: 'column referer | referrer',
    consumer: 'column consumer | api_key_id | user_id | username | …',
    host: 'column host | http_host | authority',
    requestId: 'column request_id | correlation_id | …',
    upstream: 'column upstream | upstream_addr | backend',
  },
  detect: scoreCsvLine,
  createParser(options: FormatOptions): LineParser {
    return new CsvLineParser(options);
  },
};
