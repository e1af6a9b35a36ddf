// Plain-language pieces shared by the human formats (table, markdown, html).
// They return raw text: each renderer escapes it for its own medium.
import type { Evidence, Incident, InputSummary, Report, SampleRef, SuppressedIncident } from '../types.js';
import type { RenderOptions } from './render-options.js';
import { formatCount, formatCountOf, formatHours } from '../text/format-values.js';

/** The incidents to show, honouring `top`. */
export function shownIncidents(report: Report, options: RenderOptions): Incident[] {
  const top = options.top;
  return top !== undefined && top >= 0 ? report.incidents.slice(0, top) : report.incidents;
}

/** "2024-03-01 03:10" in UTC; the raw text when it is not a date. */
export function formatMinute(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/** "1 h 5 m", "15 m", "42 s": the length of a span. */
export function formatSpanLength(startIso: string, endIso: string): string {
  const ms = Date.parse(endIso) - Date.parse(startIso);
  if (!Number.isFinite(ms) || ms < 0) return '';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return `${Math.round(ms / 1000)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * A compact UTC span: "03-01 03:10–03:25" within one day, "03-01 23:50–03-02 00:10" within one
 * year, and with the years when it crosses one ("2015-10-18 06:37–2016-10-17 14:47", not a span
 * that reads as a day backwards).
 */
export function formatTimeSpan(startIso: string, endIso: string): string {
  const start = formatMinute(startIso);
  const end = formatMinute(endIso);
  if (start.length !== 16 || end.length !== 16) return `${start}–${end}`;
  if (start.slice(0, 10) === end.slice(0, 10)) return `${start.slice(5)}–${end.slice(11)}`;
  if (start.slice(0, 4) !== end.slice(0, 4)) return `${start}–${end}`;
  return `${start.slice(5)}–${end.slice(5)}`;
}

export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "203.0.113.9 +3 more", or "–" when there is none. */
export function describeClients(clients: readonly string[]): string {
  if (clients.length === 0) return '–';
  const first = clients[0] ?? '';
  return clients.length === 1 ? first : `${first} +${formatCount(clients.length - 1)} more`;
}

/** "bad-request-line 100, bad-time 20", largest first. */
function describeReasonCounts(byReason: Record<string, number>): string {
  return Object.entries(byReason)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([reason, count]) => `${reason} ${formatCount(count)}`)
    .join(', ');
}

/** The skip reasons of a run: "bad-request-line 100, bad-time 20". */
export function describeSkipReasons(input: InputSummary): string {
  return describeReasonCounts(input.skippedByReason);
}

/** ", 1 truncated (user-agent-cut 1)": records kept from lines cut inside a trailing field, or nothing when there were none. */
function describeTruncated(input: InputSummary): string {
  // Reports from before this count existed, and runs where no line was cut, lack it.
  const truncated = input.truncated ?? 0;
  if (truncated === 0) return '';
  const reasons = describeReasonCounts(input.truncatedByReason ?? {});
  return `, ${formatCount(truncated)} truncated${reasons === '' ? '' : ` (${reasons})`}`;
}

/** "access.log (nginx-combined), api.log (aws-alb)". */
export function describeFiles(input: InputSummary): string {
  return input.files.map((file) => (input.formats[file] ? `${file} (${input.formats[file]})` : file)).join(', ');
}

/** "120,000 lines → 119,880 records, 120 skipped (bad-time 120), 1 truncated (user-agent-cut 1)". */
export function describeCounts(input: InputSummary): string {
  const skipped = input.skipped > 0 ? ` (${describeSkipReasons(input)})` : '';
  // Reports from before these counts existed (read back by `show`) lack them: 0.
  const headers = (input.headerLines ?? 0) > 0 ? `, ${formatCountOf(input.headerLines, 'header line')}` : '';
  const filtered = (input.filtered ?? 0) > 0 ? `, ${formatCount(input.filtered)} left out by filters` : '';
  return `${formatCountOf(input.lines, 'line')} → ${formatCountOf(input.records, 'record')}${filtered}, ${formatCount(input.skipped)} skipped${skipped}${describeTruncated(input)}${headers}`;
}

/** "--status 4xx kept 87, then --client 203.0.113.7 kept 12" (the funnel, in the order applied), or undefined without filters. */
export function describeFilters(input: InputSummary): string | undefined {
  const filters = input.filters ?? [];
  if (filters.length === 0) return undefined;
  return filters.map((f) => `${f.filter} ${f.value} kept ${formatCount(f.kept)}`).join(', then ');
}

export function describeTimeRange(input: InputSummary): string {
  if (!input.timeRange) return 'no timestamps';
  const gaps = input.gaps ?? [];
  return `${formatMinute(input.timeRange.start)} → ${formatMinute(input.timeRange.end)} UTC${describeGaps(gaps)}`;
}

/**
 * A sampled log (five minutes of every hour) has a gap per hour: listing them all buries the
 * summary line, so the first few are named and the rest counted with their total silence.
 */
function describeGaps(gaps: readonly { start: string; end: string }[]): string {
  if (gaps.length === 0) return '';
  const named = gaps.slice(0, GAPS_NAMED).map((g) => formatTimeSpan(g.start, g.end));
  if (gaps.length <= GAPS_NAMED) return `; ${formatCountOf(gaps.length, 'gap')}: ${named.join(', ')}`;
  const silentMs = gaps.reduce((sum, g) => sum + (Date.parse(g.end) - Date.parse(g.start)), 0);
  return `; ${formatCountOf(gaps.length, 'gap')} (${formatHours(silentMs)} without a line in all): ${named.join(', ')} and ${formatCount(gaps.length - GAPS_NAMED)} more`;
}

const GAPS_NAMED = 3;

/** "3 incidents suppressed by 2 rules", or undefined when nothing was suppressed. */
export function describeSuppressed(suppressed: readonly SuppressedIncident[] | undefined): string | undefined {
  if (!suppressed || suppressed.length === 0) return undefined;
  const rules = new Set(suppressed.map((s) => s.rule)).size;
  return `${formatCountOf(suppressed.length, 'incident')} suppressed by ${formatCountOf(rules, 'rule')}`;
}

function formatValue(value: number | string, unit: string): string {
  const text = typeof value === 'number' ? String(Number(value.toPrecision(4))) : value;
  return unit ? `${text} ${unit}` : text;
}

/** The evidence as "observed vs normal": its own text, else built from its numbers. */
export function describeEvidence(evidence: Evidence): string {
  if (evidence.text.trim() !== '') return evidence.text;
  const observed = formatValue(evidence.observed, evidence.unit);
  if (evidence.baseline === null) return `${evidence.feature}: ${observed} (no baseline to compare)`;
  return `${evidence.feature}: ${observed} vs ${formatValue(evidence.baseline, evidence.unit)} normally`;
}

export function describeSample(sample: SampleRef): string {
  return `${sample.file}:${sample.line}`;
}

/** "credential_attack on POST /login" — the headline of an incident. */
export function describeHeadline(incident: Incident): string {
  return incident.endpoint ? `${incident.kind} on ${incident.endpoint}` : incident.kind;
}
