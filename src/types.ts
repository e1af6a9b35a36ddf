// The contracts that cross module boundaries. No logic lives here.

/** Where a record came from: the input's display name and its 1-based line number. */
export interface SourceRef {
  file: string;
  line: number;
}

/**
 * One normalised access-log record. Field names and units are a public contract
 * (README "The normalised record"): keep them stable.
 *
 * `timeMs` is epoch milliseconds UTC (the request start where the format allows);
 * it is printed as `time` (ISO 8601 with milliseconds) by the record serialisers.
 */
export interface LogRecord {
  timeMs: number;
  /** IP without port or brackets, else the host name the log has. */
  client: string | null;
  /** Upper case; null when the log has no parseable request line. */
  method: string | null;
  /** Without query; absolute-form targets reduced to the path; null when there is no request line. */
  path: string | null;
  /** Raw, without `?`; null when absent. */
  query: string | null;
  /**
   * The request line's protocol when it names an HTTP version that does not exist (`HTTP/1.2`,
   * `HTTP/2.1`, as DoS tools send); absent for every real version and when the format logs none.
   */
  invalidProtocol?: string;
  /** Endpoint template. Parsers set it only when the gateway logs its own route; normalize fills the rest. */
  route: string | null;
  status: number | null;
  bytesSent: number | null;
  bytesReceived: number | null;
  durationMs: number | null;
  userAgent: string | null;
  referer: string | null;
  /** API key id, consumer or user; null when absent. */
  consumer: string | null;
  host: string | null;
  requestId: string | null;
  upstream: string | null;
  /**
   * Request headers the format logs beyond User-Agent, Referer and Host (Caddy and Kong header
   * maps, Traefik `request_<Header>`, nginx JSON `http_<header>`), Cookie included, as logged.
   * Absent for formats that log none. Attacker-controlled: read by the injection scan.
   */
  headers?: readonly RequestHeader[];
  source: SourceRef;
  /**
   * Set when the line was cut inside a trailing field the record does not need
   * (`user-agent-cut`): the record is kept with the field's partial value, and the
   * reason is counted in `IngestStats.truncatedByReason`.
   */
  truncated?: string;
}

/** One logged request header (name as the log spells it). */
export interface RequestHeader {
  name: string;
  value: string;
}

/** Decides which records a run reads (the record flags: --client, --status, --since…). */
export interface RecordSelector {
  keep(record: LogRecord): boolean;
  /** Records kept by each flag, in the order the flags are applied. */
  counts(): FilterCount[];
}

/** One record flag in the input summary: `{ filter: "--status", value: "4xx", kept: 87 }`. */
export interface FilterCount {
  filter: string;
  value: string;
  /** Records that passed this flag, among those every earlier flag kept. */
  kept: number;
}

/** Why a line did not become a record. Parsers may add their own kebab-case reasons. */
export type SkipReason = string;

/** Result of parsing one line: a record, or the reason it was skipped. */
export type ParseOutcome = LogRecord | SkipReason;

/**
 * A parser instance for one input file. Stateful formats (IIS and CloudFront
 * `#Fields:` headers, CSV header rows) keep their state here.
 */
export interface LineParser {
  parse(line: string, source: SourceRef): ParseOutcome;
}

/** Options a format may honour, e.g. `--map record_field=source_field` for generic JSON and CSV. */
export interface FormatOptions {
  fieldMap?: Readonly<Record<string, string>>;
  /** Year for formats that log none (syslog, Tyk): taken from the file's mtime, else the current year. */
  defaultYear?: number;
}

export interface LogFormat {
  /** Stable id used by `--log-format` and in reports, e.g. `nginx-combined`. */
  id: string;
  /** One line for `anomalog formats`. */
  description: string;
  /** record field → where it comes from in this format, for `anomalog formats`. */
  fields: Readonly<Partial<Record<keyof LogRecord, string>>>;
  /**
   * Confidence 0..1 that this line is of this format. Detection scores the first
   * non-empty lines of a file with every format and picks the best mean.
   */
  detect(line: string): number;
  createParser(options: FormatOptions): LineParser;
}

/** Counters of one ingest run. Invariant: lines === records + skipped + headerLines. */
export interface IngestStats {
  lines: number;
  records: number;
  skipped: number;
  /** Header and comment lines of the format (IIS and CloudFront `#Fields:`, `#Date:`…, a CSV header row): expected, not skipped. */
  headerLines: number;
  skippedByReason: Record<string, { count: number; firstLines: SourceRef[] }>;
  /** Records kept from lines cut inside a trailing field (each is also in `records`). */
  truncated: number;
  truncatedByReason: Record<string, { count: number; firstLines: SourceRef[] }>;
  /** input display name → detected (or forced) format id */
  formats: Record<string, string>;
  files: string[];
  timeRange: { start: number; end: number } | null;
}

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export type IncidentKind =
  | 'credential_attack'
  | 'enumeration'
  | 'scanner'
  | 'volumetric'
  | 'error_spike'
  | 'latency_regression'
  | 'data_exfiltration'
  | 'new_endpoint'
  | 'injection'
  | 'key_misuse'
  | 'tampering'
  | 'traffic_drop'
  | 'other';

export interface Evidence {
  feature: string;
  observed: number | string;
  baseline: number | string | null;
  unit: string;
  /** "401 ratio 98% vs 6% normally" */
  text: string;
  /** Share (0..1) of the incident's anomaly score attributed to this feature. */
  contribution?: number;
  /** The metric over the incident's surroundings, for charts (optional). */
  series?: { t: string; value: number }[];
  /** The band the baseline considers normal for `series` (optional). */
  band?: { low: number; high: number };
}

export interface SampleRef {
  file: string;
  line: number;
  /** Optional excerpt (e.g. a decoded injection payload), already truncated. */
  text?: string;
}

/**
 * One part of an incident's selector: the records of one client, consumer or endpoint
 * (`METHOD route`, routes as the report names them) from `start` (inclusive) to `end` (exclusive).
 */
export interface SelectorTerm {
  client?: string;
  consumer?: string;
  endpoint?: string;
  /** Only requests for this path (a campaign's probes of one target). */
  path?: string;
  start: string;
  end: string;
}

/**
 * Exactly the records an incident counted: those matching any term, plus the listed lines
 * (request-level findings such as injection), per input file as ranges (`"12-15,20"`).
 * `anomalog show` re-reads the inputs and prints these, and their number is `requests`.
 */
export interface IncidentSelector {
  terms: SelectorTerm[];
  lines?: Record<string, string>;
}

export interface Incident {
  id: string;
  rank: number;
  score: number;
  confidence: number;
  severity: Severity;
  kind: IncidentKind;
  start: string;
  end: string;
  endpoint: string | null;
  endpoints: string[];
  clients: string[];
  consumers: string[];
  /** A few user agents seen in the incident (most frequent first), for rules and readers. */
  userAgents: string[];
  requests: number;
  summary: string;
  evidence: Evidence[];
  samples: SampleRef[];
  /**
   * When the incident's activity has stretches of silence (OCCURRENCE_GAP_MS or more): each
   * span it was active in, earliest first (at most 100). `start`..`end` covers them all. Empty when
   * the incident is one stretch of activity (always present, like every array of the report).
   */
  occurrences: Occurrence[];
  /** Many addresses doing the same unusual thing: who, from where, and what they were after. */
  campaign?: Campaign;
  /** The records behind `requests` (see IncidentSelector), for `anomalog show`. */
  selector?: IncidentSelector;
}

export interface Occurrence {
  start: string;
  end: string;
  requests: number;
}

export interface Campaign {
  /** What the requests share, e.g. `404 probe of wp-admin/` or `sqli on server-status`. */
  signature: string;
  /** Targets asked for, most requested first (at most 20). */
  targets: { target: string; requests: number; clients: number }[];
  /** Every client with its requests and first and last time seen (busiest first, at most 500). */
  clients: { client: string; requests: number; first: string; last: string }[];
  /** Networks the clients come from (/24 for IPv4, /48 for IPv6), most clients first (at most 100). */
  prefixes: { prefix: string; clients: number; requests: number }[];
  /** Distinct clients in all (the lists above may be cut). */
  clientCount: number;
}

export interface SuppressedIncident {
  incident: Incident;
  rule: number;
  reason: string;
}

export interface InputSummary {
  files: string[];
  formats: Record<string, string>;
  lines: number;
  /** Records analysed: read and kept by --since/--until and the record filters. */
  records: number;
  /** Records read but left out by --since/--until and the record filters. */
  filtered: number;
  skipped: number;
  /** Header and comment lines of the format; lines === records + filtered + skipped + headerLines. */
  headerLines: number;
  skippedByReason: Record<string, number>;
  /** Records kept from lines cut inside a trailing field; present only when there are some. */
  truncated?: number;
  truncatedByReason?: Record<string, number>;
  timeRange: { start: string; end: string } | null;
  gaps?: { start: string; end: string }[];
  /** The record flags of the run, in the order applied, with the records each kept. */
  filters?: FilterCount[];
  /** Size and a hash of the first and last 64 KiB of each input file, so `show` can tell a changed file. */
  fingerprints?: Record<string, { size: number; sample: string }>;
}

export interface ModelSummary {
  seed: number;
  trees: number;
  sampleSize: number;
  window: string;
  mode: 'analyze' | 'score';
  [extra: string]: unknown;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'anomalog'; version: string };
  input: InputSummary;
  model: ModelSummary;
  incidents: Incident[];
  suppressed?: SuppressedIncident[];
  /** Request volume and highest anomaly score over the whole time range (for charts). */
  timeline?: { bucketMs: number; points: { t: string; requests: number; score: number }[] };
}

/** p50/p95/p99 of a per-request value (latency in ms, bytes), within the sketch's 1% accuracy. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/** One row of a `top` panel: a key (client, agent, referrer, path…) and its traffic. */
export interface TopRow {
  key: string;
  requests: number;
  bytes: number;
}

/** A route's row: `METHOD route` with its errors and latency and size percentiles. */
export interface TopRouteRow extends TopRow {
  /** Responses with status 400 or above. */
  errors: number;
  latencyMs: Percentiles | null;
  bytesSent: Percentiles | null;
}

export interface TopPanel<Row extends TopRow = TopRow> {
  rows: Row[];
  /** Distinct keys in the input; null when there were too many to count exactly. */
  distinct: number | null;
  /** False when keys were dropped to bound memory: then each count may be short by at most `maxError`. */
  exact: boolean;
  maxError: number;
}

/** `anomalog top`: the traffic panels an analyst reads beside an incident (GoAccess-style). */
export interface TopReport {
  tool: { name: 'anomalog'; version: string };
  input: InputSummary;
  totals: { requests: number; bytes: number; clients: number | null; routes: number; errors: number };
  /** Every status code seen, most frequent first (`-` for records without a status). */
  statuses: { status: string; requests: number }[];
  clients: TopPanel;
  routes: TopPanel<TopRouteRow>;
  agents: TopPanel;
  referrers: TopPanel;
  /** Paths answered 404. */
  notFound: TopPanel;
  /** Every hour of the input (UTC), in order, with its requests, bytes and errors. */
  hourly: { hour: string; requests: number; bytes: number; errors: number }[];
}

/** One window of the actor's activity, beside what is normal for it and for everyone. */
export interface ActorWindow {
  start: string;
  requests: number;
  errors: number;
  /** Requests in this window relative to the actor's own median active window. */
  vsOwnMedian: number;
}

/** How much one actor sent per window, against its own history and against every client's windows. */
export interface ActorTimeline {
  windowMs: number;
  firstSeen: string | null;
  lastSeen: string | null;
  activeWindows: number;
  /** Windows from its first to its last, active or not. */
  spanWindows: number;
  /** The actor's requests per active window: median and busiest. */
  ownMedian: number;
  ownMax: number;
  /** Requests per (client, active window) over every client of the input. */
  population: { p50: number; p95: number; p99: number; clientWindows: number };
  /** Share of all client windows the actor's busiest window is above (0..1). */
  busiestPercentile: number;
  /** Every active window, in time order. */
  windows: ActorWindow[];
}

/** `anomalog show`: one actor's or one incident's records, summarised, then listed. */
export interface ShowPage {
  tool: { name: 'anomalog'; version: string };
  /** What was asked for: `client 203.0.113.7`, `incident #3 (1a2b3c4d5e6f)`. */
  subject: string;
  input: InputSummary;
  /** The incident shown (incident pages only). */
  incident?: Incident;
  /** Incidents of the report that name the actor (actor pages with --report). */
  incidents?: Incident[];
  selected: { requests: number; bytes: number };
  timeline: ActorTimeline;
  panels: Omit<TopReport, 'tool' | 'input'>;
}

/** `anomalog explain <file:line>`: why one request was or was not flagged. */
/** An endpoint window's measures, or its normal (requests: expected for that hour; shares of answers; median latency; mean size). */
export interface EndpointWindowFacts {
  requests: number;
  status5xx: number | null;
  authFailures: number | null;
  notFound: number | null;
  latencyP50Ms: number | null;
  meanBytes: number | null;
}

export interface Explanation {
  source: SourceRef;
  /** The record as `parse` prints it (null fields left in). */
  record: Record<string, unknown>;
  /** Attacker-controlled fields whose decoded form differs from the logged one. */
  decoded: { field: string; raw: string; decoded: string }[];
  /** Every written rule that matched: its id, class, the field it matched in, and all that in words. */
  rules: { rule: string; class: string; field: string; finding: string }[];
  /** What the learned parameter profiles and vocabularies object to, one sentence each. */
  profileReasons: string[];
  /** The injection verdict: flagged (rules or profiles) and its strength. */
  injection: { flagged: boolean; score: number };
  /** The learned profile of the request's route the parameters were held against (null: route unseen or without parameters). */
  profile: { route: string; requests: number; params: { name: string; count: number; kinds: string; distinctValues: number | null }[] } | null;
  /** The endpoint window the request fell in, its features against the endpoint's normal. */
  window: {
    endpoint: string;
    start: string;
    end: string;
    requests: number;
    /** The window as measured, each beside the endpoint's normal (null: nothing to measure, e.g. no latency logged). */
    observed: EndpointWindowFacts;
    normal: EndpointWindowFacts;
    /** The model's inputs (0 is the endpoint's normal for every one of them, see ENDPOINT_FEATURE_TABLE). */
    features: { name: string; value: number }[];
    evidence: { feature: string; text: string }[];
  } | null;
  /** The client's window the request fell in: what the client did in it against normal (null: no client window). */
  clientWindow: {
    client: string;
    start: string;
    end: string;
    /** False when the client was one of "(other clients)" past --max-clients: counted, not scored on its own. */
    scored: boolean;
    requests: number;
    notFound: number;
    authFailures: number;
    distinctPaths: number;
    routes: number;
    features: { name: string; value: number }[];
    evidence: { feature: string; text: string }[];
    /** analyze: the window was kept out of the baseline (the client was flagged for payloads, probes or tools). */
    keptOutOfBaseline: boolean;
    normal: {
      /** Requests per window of a busy client (p95 of every client window). */
      busyClientRequests: number;
      busyClientPaths: number;
      /** Windows of the client's own history in the baseline (0: judged against the population only). */
      clientWindows: number;
      clientTypicalRequests: number | null;
    };
  } | null;
  /** The incidents whose selector counts this request (analyze's or score's report, before config rules). */
  incidents: { id: string; rank: number; kind: IncidentKind; severity: Severity; summary: string }[];
  /** Where the normal came from: the inputs themselves, or a baseline file. */
  baseline: string;
}
