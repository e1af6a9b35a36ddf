// A summary and a table for a CI job summary or a pull-request comment
// (GitHub-flavoured Markdown). Log text is escaped so it cannot add markup,
// links, mentions or table cells of its own.
import type { Incident, Report, Severity } from '../types.js';
import {
  describeClients,
  describeCounts,
  describeFilters,
  describeEvidence,
  describeFiles,
  describeSample,
  describeSuppressed,
  describeTimeRange,
  formatElapsed,
  formatTimeSpan,
  shownIncidents,
} from './describe.js';
import { formatCount, formatCountOf } from '../text/format-values.js';
import type { RenderOptions } from './render-options.js';
import { escapeTerminal, truncate } from '../text/sanitize.js';
import { SEVERITIES } from '../types.js';

const FIELD_LIMIT = 300;
const SAMPLES_PER_INCIDENT = 5;

const SEVERITY_MARK: Readonly<Record<Severity, string>> = {
  critical: '🔴 critical',
  high: '🟠 high',
  medium: '🟡 medium',
  low: '🔵 low',
};

/**
 * Inline text: control chars (newlines included) shown as control pictures,
 * Markdown punctuation backslash-escaped, `&`, `<`, `>` as entities, and a
 * zero-width space after `@` so a `@team` written into a log never pings
 * anyone (an entity such as `&#64;` may be decoded before mentions are looked for).
 */
export function markdownText(raw: string, limit = FIELD_LIMIT): string {
  return escapeTerminal(truncate(raw, limit))
    .replace(/[\\`*_[\]|~!#]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u200b');
}

/**
 * A code span that holds any text: the fence is one backtick longer than the
 * longest run inside, and `|` is escaped because GFM splits table cells first.
 */
export function markdownCode(raw: string, limit = FIELD_LIMIT): string {
  const text = escapeTerminal(truncate(raw, limit)).replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function severityCounts(incidents: readonly Incident[]): string {
  return [...SEVERITIES]
    .reverse()
    .map((severity) => [severity, incidents.filter((i) => i.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => `${count} ${severity}`)
    .join(', ');
}

function incidentTable(incidents: readonly Incident[]): string[] {
  const rows = incidents.map((i) =>
    [
      String(i.rank),
      SEVERITY_MARK[i.severity] ?? markdownText(i.severity),
      i.score.toFixed(0),
      i.confidence.toFixed(2),
      markdownText(i.kind),
      i.endpoint ? markdownCode(i.endpoint) : '–',
      i.clients.length > 0 ? markdownCode(describeClients(i.clients)) : '–',
      markdownText(formatTimeSpan(i.start, i.end)),
      formatCount(i.requests),
      markdownText(i.summary),
    ].join(' | '),
  );
  return [
    '| # | Severity | Score | Confidence | Kind | Endpoint | Clients | Time (UTC) | Requests | Summary |',
    '|---:|---|---:|---:|---|---|---|---|---:|---|',
    ...rows.map((row) => `| ${row} |`),
  ];
}

function incidentDetails(incident: Incident): string[] {
  const heading = incident.endpoint
    ? `### ${incident.rank}. ${markdownText(incident.kind)} on ${markdownCode(incident.endpoint)}`
    : `### ${incident.rank}. ${markdownText(incident.kind)}`;
  const lines = [heading, '', markdownText(incident.summary, 600), ''];
  lines.push(...incident.evidence.map((e) => `- ${markdownText(describeEvidence(e))}`));
  if (incident.clients.length > 1) {
    const listed = incident.clients.slice(0, 10).map((c) => markdownCode(c, 60)).join(', ');
    const more = incident.clients.length > 10 ? ` +${formatCount(incident.clients.length - 10)} more` : '';
    lines.push(`- clients: ${listed}${more}`);
  }
  const samples = incident.samples.slice(0, SAMPLES_PER_INCIDENT).map((s) => markdownCode(describeSample(s), 200));
  if (samples.length > 0) lines.push(`- look at: ${samples.join(', ')}`);
  return [...lines, ''];
}

export function renderMarkdown(report: Report, options: RenderOptions): string {
  const incidents = shownIncidents(report, options);
  const { input } = report;
  const filters = describeFilters(input);
  const title =
    report.incidents.length === 0
      ? '## anomalog: no incidents'
      : `## anomalog: ${formatCountOf(report.incidents.length, 'incident')} (${severityCounts(report.incidents)})`;
  const lines = [
    title,
    '',
    `Read ${markdownText(describeFiles(input), 1000)}: ${markdownText(describeCounts(input), 1000)}. ` +
      (filters === undefined ? '' : `Filters: ${markdownText(filters, 1000)}. `) +
      `Time range ${markdownText(describeTimeRange(input), 1000)}.`,
    '',
  ];
  if (report.incidents.length === 0) {
    lines.push('Nothing in this traffic stood out from its baseline.', '');
  } else {
    lines.push(...incidentTable(incidents), '');
    const notShown = report.incidents.length - incidents.length;
    if (notShown > 0) lines.push(`${formatCountOf(notShown, 'more incident')} not shown.`, '');
    lines.push(...incidents.flatMap(incidentDetails));
  }
  const footer = [`anomalog ${markdownText(report.tool.version, 40)}`];
  const suppressed = describeSuppressed(report.suppressed);
  if (suppressed) footer.push(suppressed);
  if (options.elapsedMs !== undefined) footer.push(`took ${formatElapsed(options.elapsedMs)}`);
  if (suppressed && options.showSuppressed) {
    lines.push('<details><summary>Suppressed incidents</summary>', '');
    for (const { incident, rule, reason } of report.suppressed ?? []) {
      const where = incident.endpoint ? ` on ${markdownCode(incident.endpoint)}` : '';
      lines.push(`- rule ${rule} (${markdownText(reason, 200)}): ${incident.severity} ${markdownText(incident.kind)}${where}`);
    }
    lines.push('', '</details>', '');
  }
  lines.push(`<sub>${footer.join(' · ')}</sub>`);
  return `${lines.join('\n')}\n`;
}
