// One self-contained HTML file that works offline: inline CSS, inline SVG, no
// script at all, and a Content-Security-Policy that forbids every fetch, so
// even a tag that slipped through escaping could neither run nor phone home.
import type { Incident, Report, SuppressedIncident } from '../types.js';
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
  formatMinute,
  formatSpanLength,
  shownIncidents,
} from './describe.js';
import { formatCount, formatCountOf } from '../text/format-values.js';
import type { RenderOptions } from './render-options.js';
import { escapeHtml, escapeTerminal, truncate } from '../text/sanitize.js';
import { chartableEvidence, evidenceChart, SEVERITY_COLOR, timelineChart } from './svg-charts.js';
import { readTimeline } from './timeline-types.js';

const FIELD_LIMIT = 500;
const CLIENTS_LISTED = 50;
const SAMPLES_PER_INCIDENT = 20;

// Fields show their control chars (CR/LF included) as visible pictures, as in the
// terminal, so an injected line break cannot pass for layout.
const h = (text: string, limit = FIELD_LIMIT): string => escapeHtml(escapeTerminal(truncate(text, limit)));

const STYLE = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; padding: 24px; max-width: 1040px; margin-inline: auto; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 0 0 8px; } h3 { font-size: 14px; margin: 16px 0 6px; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
section { border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 16px 0; background: #fff; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--bg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
.overview th, .evidence th, .nowrap { white-space: nowrap; overflow-wrap: normal; }
.badge { white-space: nowrap; display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.incident { border-left: 6px solid var(--sev); }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
.facts dt { color: var(--muted); } .facts dd { margin: 0; overflow-wrap: anywhere; }
.chart { width: 100%; height: auto; display: block; }
.chart.metric { max-width: 440px; }
.chart .grid { stroke: #eaeef2; } .chart .axis { stroke: #8c959f; }
.chart .tick, .chart .value, .chart .legend, .chart .marker { font-size: 11px; fill: var(--muted); }
.chart .marker { font-weight: 600; fill: var(--ink); }
.chart .volume { fill: #8fb8de; } .chart .score-line { fill: none; stroke: #cf222e; stroke-width: 1.5; }
.chart .legend-volume { fill: #4a86c5; } .chart .legend-score { fill: #cf222e; }
.chart .incident-span { opacity: .18; } .chart .gap { fill: #eaeef2; }
.chart .band { fill: #2da44e; opacity: .18; } .chart .baseline-bar { fill: #8c959f; }
.chart .metric-line { fill: none; stroke-width: 2; }
ul.samples { padding-left: 18px; } ul.samples li { margin: 2px 0; }
details.drill { margin-top: 12px; } details.drill summary { cursor: pointer; font-weight: 600; }
pre.lines, pre.command { font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: var(--bg); padding: 8px; overflow-x: auto; white-space: pre; }
footer { color: var(--muted); margin-top: 24px; }
`;

function severityBadge(incident: Incident): string {
  return `<span class="badge" style="background:${SEVERITY_COLOR[incident.severity] ?? '#666'}">${h(incident.severity)}</span>`;
}

function overviewTable(incidents: readonly Incident[]): string {
  const rows = incidents.map(
    (i) =>
      `<tr><td class="num"><a href="#incident-${i.rank}">#${i.rank}</a></td><td>${severityBadge(i)}</td>` +
      `<td class="num">${i.score.toFixed(0)}</td><td class="num">${i.confidence.toFixed(2)}</td><td class="nowrap">${h(i.kind)}</td>` +
      `<td><code>${h(i.endpoint ?? '–')}</code></td><td><code>${h(describeClients(i.clients), 120)}</code></td>` +
      `<td class="num">${formatCount(i.requests)}</td><td>${h(i.summary)}</td></tr>`,
  );
  return (
    '<table class="overview"><thead><tr><th class="num">#</th><th>severity</th><th class="num">score</th>' +
    '<th class="num">conf.</th><th>kind</th><th>endpoint</th><th>clients</th><th class="num">requests</th><th>summary</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function evidenceTable(incident: Incident): string {
  const rows = incident.evidence.map(
    (e) =>
      `<tr><td><code>${h(e.feature, 120)}</code></td><td class="num">${h(String(e.observed), 120)}</td>` +
      `<td class="num">${e.baseline === null ? '–' : h(String(e.baseline), 120)}</td><td>${h(e.unit, 60)}</td>` +
      `<td class="num">${e.contribution === undefined ? '' : `${Math.round(e.contribution * 100)}%`}</td><td>${h(describeEvidence(e))}</td></tr>`,
  );
  return (
    '<table class="evidence"><thead><tr><th>feature</th><th class="num">observed</th><th class="num">normal</th>' +
    '<th>unit</th><th class="num">share</th><th>what it means</th></tr></thead>' +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

/** POSIX shell quoting, so the command shown can be pasted as is. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The drill-down of one incident, without a server or a script: a <details> that opens on its
 * first lines (re-read from the inputs when the report was written) and the `show` command that
 * prints every line behind it.
 */
function drillDown(incident: Incident, options: RenderOptions): string {
  const lines = options.incidentLines?.[incident.id];
  // `show` reads a JSON or NDJSON report, not this page: name the one written beside it (same name, .json).
  const report = options.reportPath === undefined ? 'REPORT.json' : shellQuote(options.reportPath.replace(/\.html?$/i, '') + '.json');
  const command = `anomalog show ${incident.id} --report ${report} --lines all`;
  const listed = lines === undefined ? '' : `<pre class="lines">${lines.map((line) => h(line, 2000)).join('\n')}</pre>`;
  const count =
    lines === undefined
      ? 'The lines are not in this report (written to stdout, or by an older anomalog).'
      : lines.length >= incident.requests
        ? `All ${formatCount(incident.requests)} lines.`
        : `The first ${formatCount(lines.length)} of ${formatCount(incident.requests)} lines.`;
  return (
    `<details class="drill" id="lines-${incident.rank}"><summary>Lines behind this incident</summary>` +
    `<p class="muted">${count} Every one, from the log files this report read and the JSON report of the same run (<code>--format json</code>):</p><pre class="command">${h(command, 1000)}</pre>${listed}</details>`
  );
}

function incidentSection(incident: Incident, options: RenderOptions): string {
  const color = SEVERITY_COLOR[incident.severity] ?? '#666';
  const charted = chartableEvidence(incident.evidence);
  const chart = charted ? evidenceChart(charted, incident) : '';
  const clients = incident.clients.slice(0, CLIENTS_LISTED).map((c) => `<code>${h(c, 80)}</code>`).join(', ');
  const moreClients = incident.clients.length > CLIENTS_LISTED ? ` +${formatCount(incident.clients.length - CLIENTS_LISTED)} more` : '';
  const facts: [string, string][] = [
    ['time (UTC)', `${h(formatMinute(incident.start))} – ${h(formatMinute(incident.end))} (${formatSpanLength(incident.start, incident.end) || 'instant'})`],
    ['score', `${incident.score.toFixed(1)} / 100, confidence ${incident.confidence.toFixed(2)}`],
    ['requests', formatCount(incident.requests)],
    ['endpoints', incident.endpoints.map((e) => `<code>${h(e, 200)}</code>`).join(', ') || '–'],
    ['clients', clients ? `${clients}${moreClients}` : '–'],
    ['consumers', incident.consumers.map((c) => `<code>${h(c, 80)}</code>`).join(', ') || '–'],
    ['user agents', incident.userAgents.map((u) => `<code>${h(u, 200)}</code>`).join('<br>') || '–'],
    ['id', `<code>${h(incident.id, 80)}</code>`],
  ];
  const samples = incident.samples
    .slice(0, SAMPLES_PER_INCIDENT)
    .map((s) => `<li><code>${h(describeSample(s), 300)}</code>${s.text ? ` <span class="mono muted">${h(s.text)}</span>` : ''}</li>`);
  return (
    `<section class="incident" id="incident-${incident.rank}" data-incident-id="${h(incident.id, 80)}" style="--sev:${color}">` +
    `<h2>#${incident.rank} ${severityBadge(incident)} ${h(describeHeadline(incident))}</h2>` +
    `<p>${h(incident.summary, 1000)}</p>` +
    `<dl class="facts">${facts.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>` +
    `<h3>Evidence</h3>${evidenceTable(incident)}` +
    (chart ? `<h3>${h(charted?.feature ?? '', 120)} against its normal band</h3><figure>${chart}</figure>` : '') +
    (samples.length > 0 ? `<h3>Source lines</h3><ul class="samples">${samples.join('')}</ul>` : '') +
    drillDown(incident, options) +
    '</section>'
  );
}

function suppressedList(suppressed: readonly SuppressedIncident[]): string {
  const items = suppressed.map(
    ({ incident, rule, reason }) =>
      `<li>rule ${rule} (${h(reason, 200)}): ${h(incident.severity)} ${h(describeHeadline(incident))} <code>${h(incident.id, 80)}</code></li>`,
  );
  return `<details><summary>Suppressed incidents</summary><ul>${items.join('')}</ul></details>`;
}

function timelineRange(report: Report): { startMs: number; endMs: number } | undefined {
  const times: number[] = [];
  if (report.input.timeRange) times.push(Date.parse(report.input.timeRange.start), Date.parse(report.input.timeRange.end));
  for (const point of readTimeline(report)?.points ?? []) times.push(Date.parse(point.t));
  const finite = times.filter(Number.isFinite);
  if (finite.length === 0) return undefined;
  return { startMs: Math.min(...finite), endMs: Math.max(...finite) };
}

export function renderHtml(report: Report, options: RenderOptions): string {
  const incidents = shownIncidents(report, options);
  const { input } = report;
  const range = timelineRange(report);
  const filters = describeFilters(input);
  const title = report.incidents.length === 0 ? 'no incidents' : formatCountOf(report.incidents.length, 'incident');
  const body: string[] = [
    `<header><h1>anomalog report: ${title}</h1>`,
    `<p class="muted">Read ${h(describeFiles(input), 2000)}<br>${h(describeCounts(input), 1000)}${filters === undefined ? '' : `<br>Filters ${h(filters, 1000)}`}<br>Time range ${h(describeTimeRange(input), 1000)}</p></header>`,
  ];
  if (range) {
    body.push(
      `<section id="timeline"><h2>Timeline</h2>${timelineChart({ ...range, timeline: readTimeline(report), incidents, gaps: input.gaps ?? [] })}</section>`,
    );
  }
  if (report.incidents.length === 0) {
    body.push('<section id="no-incidents"><h2>No incidents</h2><p>Nothing in this traffic stood out from its baseline.</p></section>');
  } else {
    const notShown = report.incidents.length - incidents.length;
    body.push(
      `<section id="overview"><h2>Incidents</h2>${overviewTable(incidents)}` +
        (notShown > 0 ? `<p class="muted">${formatCountOf(notShown, 'more incident')} not shown.</p>` : '') +
        '</section>',
    );
    body.push(...incidents.map((incident) => incidentSection(incident, options)));
  }
  const footer = [`anomalog ${h(report.tool.version, 40)}`, `model: ${formatCountOf(report.model.trees, 'tree')}, seed ${report.model.seed}, window ${h(report.model.window, 20)}`];
  const suppressed = describeSuppressed(report.suppressed);
  if (suppressed) footer.push(suppressed);
  if (options.elapsedMs !== undefined) footer.push(`took ${formatElapsed(options.elapsedMs)}`);
  body.push(
    `<footer><p>${footer.join(' · ')}</p>${suppressed && options.showSuppressed ? suppressedList(report.suppressed ?? []) : ''}</footer>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>anomalog report: ${title}</title>`,
    `<style>${STYLE}</style></head>`,
    `<body>${body.join('\n')}</body></html>`,
    '',
  ].join('\n');
}
