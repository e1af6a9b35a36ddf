import type { Explanation, LogRecord, SourceRef } from '../types.js';
import type { Baseline, ModelSettings } from '../baseline/baseline.js';
import { aggregateInputs, type RecordObserver } from './aggregate-inputs.js';
import type { IngestOptions } from '../ingest/read-records.js';
import { endpointKey } from '../normalize/endpoint-key.js';
import { KnownEndpoints } from '../normalize/known-endpoints.js';
import { ENDPOINT_FEATURES, endpointWindowFeatures } from '../features/endpoint-features.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';
import { learnBaseline } from '../detect/learn-baseline.js';
import { poolWindows, windowLabel } from '../detect/feature-rows.js';
import { InjectionDetector, type InjectionDetectorJSON } from '../detect/injection/injection-detector.js';
import { splitQuery } from '../detect/injection/classify.js';
import { describeFinding, fieldLabel, uniqueFindings } from '../detect/injection/findings.js';
import type { InjectionFlag } from '../detect/injection/injection-detector.js';
import { decodeLayers } from '../detect/injection/decode.js';

const SHOWN = 300;

function shorten(text: string): string {
  return text.length > SHOWN ? `${text.slice(0, SHOWN - 1)}…` : text;
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
}

/** Finds `line` of `file`, and judges it the way analyze (or score with a baseline) would. */
export async function explainLine(file: string, line: number, ingest: IngestOptions, settings: ExplainSettings): Promise<Explanation> {
  let target: LogRecord | null = null;
  const learned = settings.baseline === undefined ? new InjectionDetector({ seed: settings.model.seed }) : null;
  const observer: RecordObserver = {
    observe(record) {
      if (record.source.line === line && target === null) target = record;
      learned?.learn(record.route, record.path, record.query);
    },
    keepUp: async () => undefined,
  };
  const known = settings.baseline === undefined ? undefined : new KnownEndpoints(settings.baseline.baseline.endpoints.keys());
  const input = await aggregateInputs([file], ingest, settings.windowMs, {}, observer, undefined, known);
  const record = target as LogRecord | null;
  if (record === null) throw new InputError(notARecord(file, line, input.stats.lines, input.stats.skippedByReason));
  const baseline = settings.baseline?.baseline ?? learnBaseline(input.aggregator, settings.model).baseline;
  const detector = learned ?? (baseline.injection ? InjectionDetector.fromJSON(baseline.injection) : new InjectionDetector());
  const flag = detector.inspectRequest(record);
  const route = record.route ?? record.path;
  return {
    source: record.source,
    record: printable(record),
    decoded: decodedFields(record),
    rules: ruleMatches(flag),
    profileReasons: flag?.profileReasons ?? [],
    injection: { flagged: flag !== null, score: flag?.score ?? 0 },
    profile: route === null ? null : profileOf(detector.toJSON(), route),
    window: windowOf(record, baseline, input.aggregator, settings.windowMs, (endpoint) => input.canonical(endpoint)),
    baseline: settings.baseline?.name ?? 'learned from the input itself (as analyze does)',
  };
}

function notARecord(file: string, line: number, lines: number, skipped: Record<string, { count: number; firstLines: SourceRef[] }>): string {
  const name = escapeTerminal(file);
  if (line > lines) return `${name} has ${lines} lines; there is no line ${line}`;
  for (const [reason, entry] of Object.entries(skipped)) {
    if (entry.firstLines.some((ref) => ref.line === line)) return `${name}:${line} is not a record: it was skipped (${reason})`;
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
  return {
    endpoint,
    start: new Date(index * windowMs).toISOString(),
    end: new Date((index + 1) * windowMs).toISOString(),
    requests: stats?.requests ?? 0,
    features: ENDPOINT_FEATURES.map((name, i) => ({ name, value: Math.round((features.values[i] ?? 0) * 1000) / 1000 })),
    evidence: features.evidence.map((item) => ({ feature: item.feature, text: item.text })),
  };
}
