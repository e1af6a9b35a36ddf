// The terminal report: what was read, a table of the top incidents, their
// evidence and the lines to look at, and a footer. Every field from the logs
// goes through escapeTerminal before it reaches the table.
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Incident, Report, SampleRef, Severity } from '../types.js';
import {
  describeClients,
  describeCounts,
  describeFilters,
  describeEvidence,
  describeFiles,
  describeHeadline,
  describeSample,
  describeSuppressed,
  describeTimeRange,
  formatElapsed,
  formatSpanLength,
  formatTimeSpan,
  shownIncidents,
} from './describe.js';
import { formatCount, formatCountOf } from '../text/format-values.js';
import type { RenderOptions } from './render-options.js';
import { escapeTerminal, truncate } from '../text/sanitize.js';

/** Incidents whose evidence is spelled out under the table. */
const DETAILED_INCIDENTS = 5;
const SAMPLES_PER_INCIDENT = 5;
const DEFAULT_WIDTH = 120;
// Long fields are cut before layout so one 10 kB user agent cannot fill the screen.
const FIELD_LIMIT = 300;

function safe(text: string, limit = FIELD_LIMIT): string {
  return escapeTerminal(truncate(text, limit));
}

function severityStyle(chalk: ChalkInstance, severity: Severity): (text: string) => string {
  switch (severity) {
    case 'critical':
      return chalk.bold.red;
    case 'high':
      return chalk.red;
    case 'medium':
      return chalk.yellow;
    case 'low':
      return chalk.cyan;
  }
}

interface Column {
  head: string;
  /** cli-table3 widths include the 1-space padding on each side; 0 = shares the rest. */
  width: number;
  cell: (incident: Incident, chalk: ChalkInstance) => Table.Cell;
}

const RANK: Column = { head: 'rank', width: 6, cell: (i) => `#${i.rank}` };
const SEVERITY: Column = { head: 'severity', width: 10, cell: (i, chalk) => severityStyle(chalk, i.severity)(i.severity) };
const SCORE: Column = { head: 'score', width: 7, cell: (i) => ({ content: i.score.toFixed(0), hAlign: 'right' }) };
const CONFIDENCE: Column = { head: 'conf', width: 6, cell: (i) => ({ content: i.confidence.toFixed(2), hAlign: 'right' }) };
const KIND: Column = { head: 'kind', width: 20, cell: (i) => safe(i.kind) };
const ENDPOINT: Column = {
  head: 'endpoint',
  width: 0,
  cell: (i) => topRoutes(i),
};
/** Routes shown in the endpoint column: an incident over several routes (an outage, a campaign) names its top ones. */
const SHOWN_ROUTES = 3;

function topRoutes(i: Incident): string {
  if (i.endpoints.length === 0) return safe(i.endpoint ?? '–');
  const shown = i.endpoints.slice(0, SHOWN_ROUTES).map((e) => safe(e));
  const more = i.endpoints.length - shown.length;
  // Each route escaped on its own: the line breaks between them are ours, not the log's.
  return shown.join('\n') + (more > 0 ? `\n+${more} more` : '');
}
const CLIENTS: Column = { head: 'clients', width: 0, cell: (i) => safe(describeClients(i.clients)) };
const TIME: Column = {
  head: 'time (UTC)',
  width: 14,
  cell: (i) => formatTimeSpan(i.start, i.end).replace('–', '–\n') + (i.occurrences.length > 0 ? `\n${i.occurrences.length} occurrences` : ''),
};
const REQUESTS: Column = { head: 'requests', width: 10, cell: (i) => ({ content: formatCount(i.requests), hAlign: 'right' }) };

const WIDE_COLUMNS = [RANK, SEVERITY, SCORE, CONFIDENCE, KIND, ENDPOINT, CLIENTS, TIME, REQUESTS];
// Below this width the confidence, time and requests move to the evidence lines.
const NARROW_BELOW = 120;
const NARROW_COLUMNS = [RANK, SEVERITY, SCORE, KIND, ENDPOINT, CLIENTS];
const MIN_SHARED_WIDTH = 30;
// Room for an IPv6-less address and "+N more" without breaking the address.
const MIN_CLIENTS_WIDTH = 18;

function layout(terminalWidth: number): { columns: Column[]; widths: number[] } {
  const columns = terminalWidth < NARROW_BELOW ? NARROW_COLUMNS : WIDE_COLUMNS;
  const borders = columns.length + 1;
  const fixed = columns.reduce((sum, c) => sum + c.width, 0);
  const shared = Math.max(MIN_SHARED_WIDTH, terminalWidth - fixed - borders);
  const clientsWidth = Math.min(shared - 12, Math.max(MIN_CLIENTS_WIDTH, Math.floor(shared * 0.4)));
  const widths = columns.map((c) => (c === ENDPOINT ? shared - clientsWidth : c === CLIENTS ? clientsWidth : c.width));
  return { columns, widths };
}

/**
 * Breaks words longer than `width` so cli-table3 can wrap on spaces: its
 * character-wise wrapping counts ANSI codes as text and cuts them in half.
 */
function breakLongWords(text: string, width: number): string {
  return text.replace(/\S+/g, (word) => {
    const codePoints = Array.from(word);
    if (codePoints.length <= width) return word;
    const chunks: string[] = [];
    for (let i = 0; i < codePoints.length; i += width) chunks.push(codePoints.slice(i, i + width).join(''));
    return chunks.join('\n');
  });
}

function fitCell(cell: Table.Cell, width: number): Table.Cell {
  const inner = Math.max(1, width - 2);
  // ESC can only come from our own styling (fields went through escapeTerminal),
  // and styled cells are short words that never need breaking.
  if (typeof cell === 'string' && !cell.includes('\x1b')) return breakLongWords(cell, inner);
  return cell;
}

function incidentRows(incidents: readonly Incident[], chalk: ChalkInstance, columns: Column[], widths: number[]): Table.Cell[][] {
  const tableInner = widths.reduce((sum, w) => sum + w, 0) + columns.length - 1 - 2;
  return incidents.flatMap((incident) => {
    const metrics = columns.map((column, index) => fitCell(column.cell(incident, chalk), widths[index] ?? 10));
    const summary: Table.Cell = {
      content: chalk.dim(breakLongWords(safe(incident.summary, 600), tableInner)),
      colSpan: columns.length,
    };
    return [metrics, [summary]];
  });
}

function renderHeader(report: Report, chalk: ChalkInstance): string[] {
  const { input } = report;
  const filters = describeFilters(input);
  return [
    chalk.bold(`anomalog ${safe(report.tool.version)}: ${formatCountOf(input.files.length, 'file')} read`),
    `  files   ${safe(describeFiles(input), 1000)}`,
    `  lines   ${safe(describeCounts(input), 1000)}`,
    ...(filters === undefined ? [] : [`  filters ${safe(filters, 1000)}`]),
    `  time    ${safe(describeTimeRange(input), 1000)}`,
  ];
}

function renderEvidence(incidents: readonly Incident[], chalk: ChalkInstance): string[] {
  return incidents.slice(0, DETAILED_INCIDENTS).flatMap((incident) => {
    const lines = [
      chalk.bold(`#${incident.rank} ${safe(describeHeadline(incident))}`) +
        ` (${severityStyle(chalk, incident.severity)(incident.severity)}, score ${incident.score.toFixed(0)}, ` +
        `confidence ${incident.confidence.toFixed(2)})`,
      `  ${formatTimeSpan(incident.start, incident.end)} UTC (${formatSpanLength(incident.start, incident.end) || 'instant'}), ` +
        `${formatCountOf(incident.requests, 'request')}`,
      ...incident.evidence.map((evidence) => `  • ${safe(describeEvidence(evidence))}`),
    ];
    if (incident.clients.length > 1) {
      const listed = incident.clients.slice(0, 10).map((c) => safe(c, 60));
      const more = incident.clients.length > 10 ? ` +${formatCount(incident.clients.length - 10)} more` : '';
      lines.push(`  clients: ${listed.join(', ')}${more}`);
    }
    const samples = describeSampleGroups(incident.samples.slice(0, SAMPLES_PER_INCIDENT));
    if (samples.length > 0) lines.push(`  look at: ${samples.join(', ')}`);
    return [...lines, ''];
  });
}

/**
 * "access.log:48213 (and 48219, 48230)": each file once, its first line as FILE:LINE (what
 * `explain` takes, and what terminals and editors open), the others by number.
 */
function describeSampleGroups(samples: readonly SampleRef[]): string[] {
  const byFile = new Map<string, number[]>();
  for (const sample of samples) {
    const lines = byFile.get(sample.file);
    if (lines) lines.push(sample.line);
    else byFile.set(sample.file, [sample.line]);
  }
  return [...byFile].map(([file, [first, ...rest]]) => {
    const head = safe(describeSample({ file, line: first! }), 200);
    return rest.length === 0 ? head : `${head} (and ${rest.join(', ')})`;
  });
}

function renderFooter(report: Report, options: RenderOptions, shown: number, chalk: ChalkInstance): string[] {
  const lines: string[] = [];
  const notShown = report.incidents.length - shown;
  if (notShown > 0) lines.push(`${formatCountOf(notShown, 'more incident')} not shown (raise --top to see them).`);
  const suppressed = describeSuppressed(report.suppressed);
  if (suppressed) {
    lines.push(options.showSuppressed ? `${suppressed}:` : `${suppressed} (--show-suppressed lists them).`);
    if (options.showSuppressed) {
      for (const { incident, rule, reason } of report.suppressed ?? []) {
        lines.push(`  rule ${rule} (${safe(reason, 200)}): ${incident.severity} ${safe(describeHeadline(incident))} ${safe(incident.id, 40)}`);
      }
    }
  }
  if (options.elapsedMs !== undefined) lines.push(chalk.dim(`Done in ${formatElapsed(options.elapsedMs)}.`));
  return lines;
}

export function renderTable(report: Report, options: RenderOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const incidents = shownIncidents(report, options);
  const lines = renderHeader(report, chalk);
  lines.push('');
  if (report.incidents.length === 0) {
    lines.push(chalk.green('No incidents: nothing in this traffic stood out from its baseline.'), '');
  } else if (incidents.length > 0) {
    const { columns, widths } = layout(options.terminalWidth ?? DEFAULT_WIDTH);
    const table = new Table({
      head: columns.map((c) => chalk.bold(c.head)),
      colWidths: widths,
      wordWrap: true,
      // cli-table3 colours heads and borders itself unless told not to.
      style: { head: [], border: [] },
    });
    table.push(...incidentRows(incidents, chalk, columns, widths));
    lines.push(table.toString(), '', ...renderEvidence(incidents, chalk));
  }
  lines.push(...renderFooter(report, options, incidents.length, chalk));
  return `${lines.join('\n').trimEnd()}\n`;
}
