import type { LogRecord, RequestHeader } from '../../types.js';

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
}

/** Gathers records into columns of at most `capacity` rows. */
export class RecordColumnsBuilder {
  private columns: RecordColumns;
  private fileIndex = new Map<string, number>();

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
    c.userAgent.push(record.userAgent);
    c.referer.push(record.referer);
    c.host.push(record.host);
    c.headers.push(record.headers ?? null);
    if (record.invalidProtocol !== undefined) c.invalidProtocols.set(i, record.invalidProtocol);
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
  };
}

/**
 * Each batch posted to the worker brings its own copy of the file names: `known` keeps one string
 * per file for the whole scan, so the sample lines kept (and the trackers' last lines) share it
 * instead of each holding its batch's.
 */
export function shareFileNames(c: RecordColumns, known: Map<string, string>): void {
  c.files = c.files.map((file) => known.get(file) ?? (known.set(file, file), file));
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
