import type { LogRecord, RequestHeader } from '../../types.js';
import { compactCopy } from '../../normalize/compact-copy.js';

/**
 * The fields of a run of records that injection detection reads, as columns. Copying plain
 * arrays and typed arrays to a worker costs about a tenth of copying the record objects.
 */
export interface RecordColumns {
  length: number;
  timeMs: Float64Array;
  /** HTTP status, or -1 for none. */
  status: Int32Array;
  line: Float64Array;
  /** Index into `files`. */
  file: Int32Array;
  files: string[];
  /** The coded fields (CODED_FIELDS) are null in a posted batch where `coded` names the value: ColumnReader fills them in. */
  client: (string | null)[];
  method: (string | null)[];
  path: (string | null)[];
  query: (string | null)[];
  route: (string | null)[];
  userAgent: (string | null)[];
  referer: (string | null)[];
  host: (string | null)[];
  /** Logged headers beyond UA/Referer/Host; null for the (usual) record without any. */
  headers: (readonly RequestHeader[] | null)[];
  /** Row → `invalidProtocol`, for the (rare) rows that have one. */
  invalidProtocols: Map<number, string>;
  coded: Record<CodedField, CodedColumn>;
}

/**
 * Fields whose distinct values cross to the worker once each. The User-Agent only: it is the
 * longest field and repeats on most lines (about a hundred distinct agents in a million lines of
 * the bench log). Coding addresses, methods and routes too cost the reading thread, which bounds
 * the wall time, a map lookup per line for each (about 1 s at 1M lines) for less saved on the worker.
 */
const CODED_FIELDS = ['userAgent'] as const;
type CodedField = (typeof CODED_FIELDS)[number];

export interface CodedColumn {
  /** Per row: the value's code (ValueCoder), NO_VALUE for null, UNCODED for a value sent as itself. */
  codes: Int32Array;
  /** The values first coded in this batch, in code order. */
  fresh: string[];
}

const NO_VALUE = -1;
const UNCODED = -2;
/** Distinct values coded per field; past it, new values are sent as themselves (memory bounded by the agents). */
const MAX_CODED_VALUES = 100_000;

/**
 * Names each distinct value by a number, sent with the batch it first appears in: the worker then
 * holds one string per value instead of a fresh copy per line, whose hash every lookup of it
 * (the agent cache, the rotation tracker) computed again, and the batches are about half the bytes.
 */
class ValueCoder {
  private readonly codes = new Map<string, number>();

  code(value: string | null, fresh: string[]): number {
    if (value === null) return NO_VALUE;
    const known = this.codes.get(value);
    if (known !== undefined) return known;
    if (this.codes.size >= MAX_CODED_VALUES) return UNCODED;
    const copy = compactCopy(value);
    const code = this.codes.size;
    this.codes.set(copy, code);
    fresh.push(copy);
    return code;
  }
}

/** Gathers records into columns of at most `capacity` rows. */
export class RecordColumnsBuilder {
  private columns: RecordColumns;
  private fileIndex = new Map<string, number>();
  private readonly coders = mapCoded(() => new ValueCoder());

  constructor(private readonly capacity: number) {
    this.columns = emptyColumns(capacity);
  }

  get length(): number {
    return this.columns.length;
  }

  get full(): boolean {
    return this.columns.length >= this.capacity;
  }

  add(record: LogRecord): void {
    const c = this.columns;
    const i = c.length++;
    c.timeMs[i] = record.timeMs;
    c.status[i] = record.status ?? -1;
    c.line[i] = record.source.line;
    let file = this.fileIndex.get(record.source.file);
    if (file === undefined) {
      file = c.files.length;
      c.files.push(record.source.file);
      this.fileIndex.set(record.source.file, file);
    }
    c.file[i] = file;
    c.client.push(record.client);
    c.method.push(record.method);
    c.path.push(record.path);
    c.query.push(record.query);
    c.route.push(record.route);
    c.userAgent.push(this.code('userAgent', record.userAgent, i));
    c.referer.push(record.referer);
    c.host.push(record.host);
    c.headers.push(record.headers ?? null);
    if (record.invalidProtocol !== undefined) c.invalidProtocols.set(i, record.invalidProtocol);
  }

  /** Codes row `i`'s value of `field`; what its string column holds (null when the code names it). */
  private code(field: CodedField, value: string | null, i: number): string | null {
    const column = this.columns.coded[field];
    const code = (column.codes[i] = this.coders[field].code(value, column.fresh));
    return code === UNCODED ? value : null;
  }

  /** The columns gathered so far (typed arrays trimmed to size); the builder starts over. */
  take(): RecordColumns {
    const c = this.columns;
    const taken: RecordColumns = {
      ...c,
      timeMs: c.timeMs.slice(0, c.length),
      status: c.status.slice(0, c.length),
      line: c.line.slice(0, c.length),
      file: c.file.slice(0, c.length),
      coded: mapCoded((field) => ({ codes: c.coded[field].codes.slice(0, c.length), fresh: c.coded[field].fresh })),
    };
    this.columns = emptyColumns(this.capacity);
    this.fileIndex = new Map();
    return taken;
  }
}

function emptyColumns(capacity: number): RecordColumns {
  return {
    length: 0,
    timeMs: new Float64Array(capacity),
    status: new Int32Array(capacity),
    line: new Float64Array(capacity),
    file: new Int32Array(capacity),
    files: [],
    client: [],
    method: [],
    path: [],
    query: [],
    route: [],
    userAgent: [],
    referer: [],
    host: [],
    headers: [],
    invalidProtocols: new Map(),
    coded: mapCoded(() => ({ codes: new Int32Array(capacity), fresh: [] })),
  };
}

function mapCoded<T>(value: (field: CodedField) => T): Record<CodedField, T> {
  return Object.fromEntries(CODED_FIELDS.map((field) => [field, value(field)])) as Record<CodedField, T>;
}

/** The typed arrays of a batch, whose memory a post hands over instead of copying. */
export function transferables(c: RecordColumns): ArrayBuffer[] {
  return [c.timeMs, c.status, c.line, c.file, ...CODED_FIELDS.map((field) => c.coded[field].codes)].map((a) => a.buffer as ArrayBuffer);
}

/**
 * The worker's side of the columns: the values coded so far, so each batch's rows get back the
 * one string of their User-Agent; and one string per file name for the whole scan (each
 * batch brings its own copy), so the sample lines kept share it.
 */
export class ColumnReader {
  private readonly values = mapCoded((): string[] => []);
  private readonly files = new Map<string, string>();

  /** Fills in the coded values of a posted batch (batches must come in the order they were built). */
  read(c: RecordColumns): void {
    for (const field of CODED_FIELDS) {
      const values = this.values[field];
      const { codes, fresh } = c.coded[field];
      for (const value of fresh) values.push(value);
      const column = c[field];
      for (let i = 0; i < c.length; i++) {
        const code = codes[i]!;
        if (code >= 0) column[i] = values[code]!;
      }
    }
    c.files = c.files.map((file) => this.files.get(file) ?? (this.files.set(file, file), file));
  }
}

/** Row `i` as a record; fields injection detection does not read are null. */
export function recordAt(c: RecordColumns, i: number): LogRecord {
  const status = c.status[i]!;
  const record: LogRecord = {
    timeMs: c.timeMs[i]!,
    client: c.client[i]!,
    method: c.method[i]!,
    path: c.path[i]!,
    query: c.query[i]!,
    route: c.route[i]!,
    status: status < 0 ? null : status,
    bytesSent: null,
    bytesReceived: null,
    durationMs: null,
    userAgent: c.userAgent[i]!,
    referer: c.referer[i]!,
    consumer: null,
    host: c.host[i]!,
    requestId: null,
    upstream: null,
    source: { file: c.files[c.file[i]!]!, line: c.line[i]! },
  };
  // Added only to the (rare) rows that have them: no spread, so the usual row allocates nothing more.
  const headers = c.headers[i];
  if (headers) record.headers = headers;
  if (c.invalidProtocols.size > 0) {
    const invalidProtocol = c.invalidProtocols.get(i);
    if (invalidProtocol !== undefined) record.invalidProtocol = invalidProtocol;
  }
  return record;
}
