// `anomalog show` as text: the page about one actor or one incident, then its lines.
import type { Incident, LogRecord, ShowPage, TopRow } from '../types.js';
import { describeCounts, describeEvidence, describeFiles, describeFilters, formatTimeSpan } from './describe.js';
import { formatBytes, formatCount, formatCountOf } from '../text/format-values.js';
import { formatDuration } from '../time/duration.js';
import { escapeTerminal, truncate } from '../text/sanitize.js';
import { sparkline } from './sparkline.js';

const TIMELINE_COLUMNS = 72;
const ROWS_PER_PANEL = 5;
const FIELD_LIMIT = 200;

const safe = (text: string, limit = FIELD_LIMIT): string => escapeTerminal(truncate(text, limit));

/** One line per record, as an analyst reads a log: where, when, who, what, answer, size, agent. */
export function formatRecordLine(record: LogRecord): string {
  const target = record.path === null ? '-' : record.query === null ? record.path : `${record.path}?${record.query}`;
  const time = Number.isFinite(record.timeMs) ? new Date(record.timeMs).toISOString() : '-';
  const parts = [
    `${record.source.file}:${record.source.line}`,
    time,
    record.client ?? '-',
    ...(record.consumer !== null ? [`consumer=${record.consumer}`] : []),
    `"${record.method ?? '-'} ${target}"`,
    record.status === null ? '-' : String(record.status),
    record.bytesSent === null ? '-' : String(record.bytesSent),
    ...(record.durationMs !== null ? [`${record.durationMs}ms`] : []),
    `"${record.userAgent ?? '-'}"`,
  ];
  return escapeTerminal(truncate(parts.join(' '), 2000));
}

/** Requests per window over the whole span, folded into at most TIMELINE_COLUMNS columns. */
function timelineLine(page: ShowPage): string[] {
  const { timeline } = page;
  if (timeline.windows.length === 0) return [];
  const first = Date.parse(timeline.windows[0]!.start);
  const span = timeline.spanWindows;
  const perColumn = Math.max(1, Math.ceil(span / TIMELINE_COLUMNS));
  const columns = new Array<number>(Math.ceil(span / perColumn)).fill(0);
  for (const window of timeline.windows) {
    const index = Math.floor((Date.parse(window.start) - first) / timeline.windowMs / perColumn);
    columns[index] = Math.max(columns[index]!, window.requests);
  }
  const step = formatDuration(timeline.windowMs * perColumn);
  const normal = timeline.population.p99;
  // A column above what 99% of client windows hold is marked underneath.
  const marks = columns.map((value) => (value > normal && normal > 0 ? '^' : ' ')).join('');
  return [
    `  ${sparkline(columns)}  busiest window ${formatCountOf(timeline.ownMax, 'request')} (one column = ${step})`,
    ...(marks.trim() === '' ? [] : [`  ${marks}  ^ above the p99 client window (${formatCount(normal)} requests)`]),
  ];
}

function panelLines(title: string, rows: readonly TopRow[], total: number): string[] {
  if (rows.length === 0) return [];
  const width = Math.max(...rows.map((row) => formatCount(row.requests).length));
  return [
    title,
    ...rows.slice(0, ROWS_PER_PANEL).map((row) => `  ${formatCount(row.requests).padStart(width)}  ${total > 0 ? `${((100 * row.requests) / total).toFixed(0).padStart(3)}%` : ''}  ${safe(row.key, 120)}`),
  ];
}

function incidentHeader(incident: Incident): string[] {
  const lines = [
    `#${incident.rank} ${incident.kind} (${incident.severity}, score ${incident.score.toFixed(0)}, confidence ${incident.confidence.toFixed(2)}) id ${incident.id}`,
    `  ${safe(incident.summary, 600)}`,
    `  ${formatTimeSpan(incident.start, incident.end)} UTC, ${formatCount(incident.requests)} requests counted`,
    'Evidence (observed vs normal)',
    ...incident.evidence.map((item) => `  - ${safe(describeEvidence(item), 400)}`),
  ];
  return lines;
}

/** The page, then (when `lines` is not empty) the records, one per line. */
export function renderShowPage(page: ShowPage, lines: readonly LogRecord[], totalLines: number): string {
  const { timeline, selected, panels } = page;
  const out: string[] = [`anomalog show: ${safe(page.subject)}`];
  out.push(`  read      ${safe(describeFiles(page.input), 1000)}`, `  lines     ${safe(describeCounts(page.input), 1000)}`);
  const filters = describeFilters(page.input);
  if (filters !== undefined) out.push(`  filters   ${safe(filters, 1000)}`);
  if (page.incident) out.push('', ...incidentHeader(page.incident));
  out.push('');
  out.push(`Selected: ${formatCountOf(selected.requests, 'request')}, ${formatBytes(selected.bytes)}`);
  if (timeline.firstSeen !== null && timeline.lastSeen !== null) {
    out.push(`  seen      ${formatTimeSpan(timeline.firstSeen, timeline.lastSeen)} UTC, active in ${formatCount(timeline.activeWindows)} of ${formatCount(timeline.spanWindows)} windows of ${formatDuration(timeline.windowMs)}`);
    out.push(
      `  activity  median ${formatCountOf(timeline.ownMedian, 'request')} per active window, busiest ${formatCount(timeline.ownMax)} ` +
        `(above ${(timeline.busiestPercentile * 100).toFixed(1)}% of all client windows; every client's windows: p50 ${formatCount(timeline.population.p50)}, p95 ${formatCount(timeline.population.p95)}, p99 ${formatCount(timeline.population.p99)})`,
    );
    out.push(...timelineLine(page));
  }
  if (page.incidents !== undefined) {
    out.push('', page.incidents.length === 0 ? 'Incidents naming it: none in the report' : 'Incidents naming it');
    for (const incident of page.incidents) out.push(`  #${incident.rank} ${incident.kind} ${incident.severity} ${formatTimeSpan(incident.start, incident.end)} UTC: ${safe(incident.summary, 300)} (id ${incident.id})`);
  }
  const statuses = panels.statuses.map((row) => ({ key: row.status, requests: row.requests, bytes: 0 }));
  for (const [title, rows] of [
    ['Routes', panels.routes.rows],
    ['Statuses', statuses],
    ['Clients', panels.clients.rows],
    ['User agents', panels.agents.rows],
    ['Referrers', panels.referrers.rows],
  ] as const) {
    const block = panelLines(title, rows, selected.requests);
    if (block.length > 0) out.push('', ...block);
  }
  out.push('');
  if (totalLines === 0) out.push('Lines: none');
  else if (lines.length === totalLines) out.push(`Lines (${formatCount(totalLines)})`);
  else out.push(`Lines (first ${formatCount(lines.length)} of ${formatCount(totalLines)}; --lines all or --format ndjson for every one)`);
  for (const record of lines) out.push(formatRecordLine(record));
  return `${out.join('\n')}\n`;
}
