import type { Explanation, IngestStats, LogRecord } from '../types.js';
import { expectedVolume, type Baseline, type ModelSettings } from '../baseline/baseline.js';
import { aggregateInputs, type RecordObserver } from './aggregate-inputs.js';
import type { IngestOptions } from '../ingest/read-records.js';
import { endpointKey } from '../normalize/endpoint-key.js';
import { KnownEndpoints } from '../normalize/known-endpoints.js';
import { ENDPOINT_FEATURES, endpointWindowFeatures } from '../features/endpoint-features.js';
import { InputError } from '../errors.js';
import { escapeTerminal, truncate } from '../text/sanitize.js';
import { judgeOwnTraffic } from './analyze-traffic.js';
import { detectIncidents } from '../detect/detect-incidents.js';
import { createCollector, mayInject } from '../detect/injection-incidents.js';
import { scanRequest } from '../detect/injection/scan-request.js';
import { CLIENT_FEATURES, clientWindowFeatures } from '../features/client-features.js';
import { OTHER_CLIENTS, type TrafficAggregator } from '../features/traffic-aggregator.js';
import { IncidentSelection } from '../config/incident-match.js';
import type { Incident } from '../types.js';
import { poolWindows, windowLabel } from '../detect/feature-rows.js';
import type { InjectionDetectorJSON } from '../detect/injection/injection-detector.js';
import { splitQuery } from '../detect/injection/classify.js';
import { describeFinding, fieldLabel, uniqueFindings } from '../detect/injection/findings.js';
import type { InjectionFlag } from '../detect/injection/injection-detector.js';
import { decodeLayers } from '../detect/injection/decode.js';

/** Longest raw or decoded value shown, in characters: a payload stays readable on a terminal. */
const SHOWN = 300;

function shorten(text: string): string {
  return truncate(text, SHOWN);
}

/** Every rule match of the scan over every attacker-controlled field, in words and as ids. */
function ruleMatches(flag: InjectionFlag | null): Explanation['rules'] {
  return uniqueFindings(flag?.findings ?? []).map((finding) => ({ rule: finding.rule, class: finding.class, field: fieldLabel(finding.field), finding: describeFinding(finding) }));
}

/** The fields whose decoded form says more than the logged one (percent, entity, backslash escapes). */
function decodedFields(record: LogRecord): Explanation['decoded'] {
  const out: Explanation['decoded'] = [];
  const add = (field: string, raw: string | null, options: { plusAsSpace?: boolean } = {}): void => {
    if (raw === null || raw === '') return;
    const decoded = decodeLayers(raw.slice(0, 8192), options);
    if (decoded !== raw) out.push({ field, raw: shorten(raw), decoded: shorten(decoded) });
  };
  add('path', record.path);
  if (record.query !== null) for (const part of splitQuery(record.query)) add(`query parameter \`${shorten(part.name)}\``, part.value, { plusAsSpace: true });
  add('user agent', record.userAgent);
  add('referer', record.referer);
  return out;
}

function profileOf(detector: InjectionDetectorJSON, route: string): Explanation['profile'] {
  const stats = detector.profiles.routes[route];
  if (stats === undefined) return null;
  const params = Object.entries(stats.params)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, 20)
    .map(([name, param]) => {
      const kinds = Object.entries(param.kindCounts)
        .filter(([, count]) => count > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 2)
        .map(([kind, count]) => `${kind} ${Math.round((100 * count) / Math.max(1, param.count))}%`)
        .join(', ');
      return { name, count: param.count, kinds, distinctValues: param.values === null ? null : Object.keys(param.values).length };
    });
  return { route, requests: stats.requests, params };
}

export interface ExplainSettings {
  windowMs: number;
  model: ModelSettings;
  /** A saved baseline to judge against (score), else the input itself is learned (analyze). */
  baseline?: { baseline: Baseline; name: string };
  /** Every input of the run to agree with (a report's), `file` among them; else `file` alone. */
  inputs?: readonly string[];
}

/**
 * Finds `line` of `file`, and judges it the way analyze (or score with a baseline) does: the same
 * injection scan learns the parameter profiles and inspects the same requests, the baseline is
 * learned without what that scan flagged, and the incidents are detected, so the verdict, the
 * windows and the incidents named here are analyze's own (`analyze FILE` with the same flags).
 */
export async function explainLine(file: string, line: number, ingest: IngestOptions, settings: ExplainSettings): Promise<Explanation> {
  let target: LogRecord | null = null;
  const saved = settings.baseline?.baseline;
  // Inline (one thread): the worker gives the same results (injection-scan.ts), and explain needs the detector itself.
  const collector = createCollector(saved === undefined ? { mode: 'analyze', seed: settings.model.seed } : { mode: 'score', detector: saved.injection ?? null });
  const observer: RecordObserver = {
    observe(record) {
      if (record.source.line === line && target === null && record.source.file === file) target = record;
      collector.observe(record);
    },
    keepUp: async () => undefined,
  };
  const known = saved === undefined ? undefined : new KnownEndpoints(saved.endpoints.keys());
  const input = await aggregateInputs(settings.inputs ?? [file], ingest, settings.windowMs, {}, observer, undefined, known);
  const record = target as LogRecord | null;
  if (record === null) throw new InputError(notARecord(file, line, input.stats, (settings.inputs?.length ?? 1) > 1));
  const { candidates } = collector.result(settings.windowMs);
  const { baseline, detection } = saved === undefined
    ? judgeOwnTraffic(input.aggregator, candidates, settings.model)
    : { baseline: saved, detection: detectIncidents(saved, input.aggregator, 'score', undefined, candidates) };
  const detector = collector.detector;
  // analyze looks at a request with the learned profiles only when a rule matched or something in it could carry a payload.
  const inspected = record.path !== null && (scanRequest(record) !== null || mayInject(record));
  const flag = inspected ? detector.inspectRequest(record) : null;
  const route = record.route ?? record.path;
  const canonical = (endpoint: string): string => input.canonical(endpoint);
  return {
    source: record.source,
    record: printable(record),
    decoded: decodedFields(record),
    rules: ruleMatches(flag),
    profileReasons: flag?.profileReasons ?? [],
    injection: { flagged: flag !== null, score: flag?.score ?? 0 },
    profile: route === null ? null : profileOf(detector.toJSON(), route),
    window: windowOf(record, baseline, input.aggregator, settings.windowMs, canonical),
    clientWindow: clientWindowOf(record, baseline, input.aggregator, settings.windowMs),
    incidents: incidentsOf(record, detection.incidents, canonical),
    baseline: settings.baseline?.name ?? (settings.inputs === undefined ? 'learned from the input itself (as analyze does)' : `learned from the report's ${settings.inputs.length === 1 ? 'input' : `${settings.inputs.length} inputs`} (as the analyze that wrote it did)`),
  };
}

function notARecord(file: string, line: number, stats: IngestStats, several: boolean): string {
  const name = escapeTerminal(file);
  const lines = stats.lines;
  // Line counts are per run: with several inputs only the skip list can say more.
  if (!several && line > lines) return `${name} has ${lines} lines; there is no line ${line}`;
  for (const [reason, entry] of Object.entries(stats.skippedByReason)) {
    if (entry.firstLines.some((ref) => ref.line === line && ref.file === file)) return `${name}:${line} is not a record: it was skipped (${reason})`;
  }
  return `${name}:${line} is not a record: it was skipped (run 'anomalog parse --stats ${name}' for the reasons)`;
}

function printable(record: LogRecord): Record<string, unknown> {
  const { timeMs, source, ...fields } = record;
  return { time: new Date(timeMs).toISOString(), ...fields, source: { file: source.file, line: source.line } };
}

function windowOf(
  record: LogRecord,
  baseline: Baseline,
  aggregator: Awaited<ReturnType<typeof aggregateInputs>>['aggregator'],
  windowMs: number,
  canonical: (endpoint: string) => string,
): Explanation['window'] {
  const endpoint = canonical(endpointKey(record));
  const profile = baseline.endpoints.get(endpoint);
  const track = aggregator.endpoints.entities.get(endpoint);
  if (profile === undefined || track === undefined) return null;
  const index = Math.floor(record.timeMs / windowMs);
  const stats = track.windows.get(index) ?? null;
  const features = endpointWindowFeatures(stats, profile, baseline, index * windowMs, windowLabel(windowMs), poolWindows(track.windows, index), windowLabel(5 * windowMs));
  const n = stats?.requests ?? 0;
  const share = (count: number): number | null => (n === 0 ? null : round4(count / n));
  const sizeMean = profile.size.mean();
  const latencyP50 = profile.latency.quantile(0.5);
  return {
    endpoint,
    start: new Date(index * windowMs).toISOString(),
    end: new Date((index + 1) * windowMs).toISOString(),
    requests: n,
    observed: {
      requests: n,
      status5xx: stats === null ? null : share(stats.status5xx),
      authFailures: stats === null ? null : share(stats.authFailures),
      notFound: stats === null ? null : share(stats.notFound),
      latencyP50Ms: stats?.latencyQuantile(0.5) ?? null,
      meanBytes: stats === null || stats.bytesCount === 0 ? null : Math.round(stats.bytesSum / stats.bytesCount),
    },
    normal: {
      requests: Math.round(expectedVolume(baseline, profile, index * windowMs).mean * 100) / 100,
      status5xx: round4(profile.robust.status5xx),
      authFailures: round4(profile.robust.authFailures),
      notFound: round4(profile.robust.notFound),
      latencyP50Ms: latencyP50,
      meanBytes: sizeMean === null ? null : Math.round(sizeMean),
    },
    features: ENDPOINT_FEATURES.map((name, i) => ({ name, value: Math.round((features.values[i] ?? 0) * 1000) / 1000 })),
    evidence: features.evidence.map((item) => ({ feature: item.feature, text: item.text })),
  };
}

/** The client's window the request fell in: what the client did in it against the population and its own history. */
function clientWindowOf(record: LogRecord, baseline: Baseline, aggregator: TrafficAggregator, windowMs: number): Explanation['clientWindow'] {
  const client = record.client ?? '(unknown)';
  const clients = aggregator.clients;
  // Past --max-clients a client is one of "(other clients)": counted, never scored on its own.
  const key = clients.entities.has(client) ? client : OTHER_CLIENTS;
  const track = clients.entities.get(key);
  const index = Math.floor(record.timeMs / windowMs);
  const history = baseline.clientHistories.get(client);
  const normal = {
    busyClientRequests: baseline.clients.requests.quantile(0.95) ?? 0,
    busyClientPaths: baseline.clients.distinctPaths.quantile(0.95) ?? 0,
    clientWindows: history?.windows ?? 0,
    clientTypicalRequests: history === undefined ? null : history.typicalRequests,
  };
  if (track === undefined) return null;
  const row = clients.rowAt(track, index);
  if (row < 0) return null;
  const stats = clients.table.read(row);
  const features = clientWindowFeatures(stats, history, baseline, windowLabel(windowMs));
  return {
    client,
    start: new Date(index * windowMs).toISOString(),
    end: new Date((index + 1) * windowMs).toISOString(),
    scored: key !== OTHER_CLIENTS,
    requests: stats.requests,
    notFound: stats.notFound,
    authFailures: stats.authFailures,
    distinctPaths: stats.pathCount(),
    routes: stats.routeCount(),
    features: CLIENT_FEATURES.map((name, i) => ({ name, value: Math.round((features.values[i] ?? 0) * 1000) / 1000 })),
    evidence: features.evidence.map((item) => ({ feature: item.feature, text: item.text })),
    keptOutOfBaseline: baseline.excluded?.excludes(client, index) ?? false,
    normal,
  };
}

/** The incidents whose selector counts this request: what analyze reported it in. */
function incidentsOf(record: LogRecord, incidents: readonly Incident[], canonical: (endpoint: string) => string): Explanation['incidents'] {
  // A route as the report names it: its template at the end of the input.
  const canonicalRoute = (route: string): string => canonical(`GET ${route}`).slice(4);
  return incidents
    .filter((incident) => {
      if (incident.selector === undefined) return false;
      const selection = new IncidentSelection(incident.selector);
      const verdict = selection.test(record);
      return verdict === 'in' || (verdict === 'maybe' && selection.resolve(record, canonicalRoute));
    })
    .map((incident) => ({ id: incident.id, rank: incident.rank, kind: incident.kind, severity: incident.severity, summary: incident.summary }));
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
