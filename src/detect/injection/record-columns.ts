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
  /** In a posted batch, null where `clientCodes` names the value (ColumnReader fills it in). */
  client: (string | null)[];
  method: (string | null)[];
  path: (string | null)[];
  query: (string | null)[];
  route: (string | null)[];
  /** In a posted batch, null where `agentCodes` names the value. */
  userAgent: (string | null)[];
  referer: (string | null)[];
  host: (string | null)[];
  /** Logged headers beyond UA/Referer/Host; null for the (usual) record without any. */
  headers: (readonly RequestHeader[] | null)[];
  /** Row → `invalidProtocol`, for the (rare) rows that have one. */
  invalidProtocols: Map<number, string>;
  /** Codes of the clients and agents (ValueCoder): NO_VALUE for null, UNCODED for a value sent as itself. */
  clientCodes: Int32Array;
  agentCodes: Int32Array;
  /** The values first coded in this batch, in code order. */
  newClients: string[];
  newAgents: string[];
}

const NO_VALUE = -1;
const UNCODED = -2;
/** Distinct values coded per field; past it, new values are sent as themselves (memory bounded by clients and agents). */
const MAX_CODED_VALUES = 100_000;

/**
 * Addresses and agents repeat on most lines. Each distinct one crosses to the worker once and
 * is named by a number after: the worker then holds one string per client and agent instead of
 * a fresh copy per line, whose hash every tracker's lookup computed again.
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
  private readonly clients = new ValueCoder();
  private readonly agents = new ValueCoder();

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
    const client = (c.clientCodes[i] = this.clients.code(record.client, c.newClients));
    c.client.push(client === UNCODED ? record.client : null);
    c.method.push(record.method);
    c.path.push(record.path);
    c.query.push(record.query);
    c.route.push(record.route);
    const agent = (c.agentCodes[i] = this.agents.code(record.userAgent, c.newAgents));
    c.userAgent.push(agent === UNCODED ? record.userAgent : null);
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
      clientCodes: c.clientCodes.slice(0, c.length),
      agentCodes: c.agentCodes.slice(0, c.length),
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
    clientCodes: new Int32Array(capacity),
    agentCodes: new Int32Array(capacity),
    newClients: [],
    newAgents: [],
  };
}

/**
 * The worker's side of the columns: the values coded so far, so each batch's rows get back the
 * one string of their client and agent; and one string per file name for the whole scan (each
 * batch brings its own copy), so the sample lines kept share it.
 */
export class ColumnReader {
  private readonly clients: string[] = [];
  private readonly agents: string[] = [];
  private readonly files = new Map<string, string>();

  /** Fills in the coded values of a posted batch (batches must come in the order they were built). */
  read(c: RecordColumns): void {
    for (const value of c.newClients) this.clients.push(value);
    for (const value of c.newAgents) this.agents.push(value);
    decode(c.clientCodes, c.client, this.clients, c.length);
    decode(c.agentCodes, c.userAgent, this.agents, c.length);
    c.files = c.files.map((file) => this.files.get(file) ?? (this.files.set(file, file), file));
  }
}

function decode(codes: Int32Array, column: (string | null)[], values: readonly string[], length: number): void {
  for (let i = 0; i < length; i++) {
    const code = codes[i]!;
    if (code >= 0) column[i] = values[code]!;
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
