// `anomalog top` in every format: the same panels as titled tables, escaped for where they go.
import Table from 'cli-table3';
import type { Percentiles, TopPanel, TopReport, TopRow } from '../types.js';
import { describeCounts, describeFiles, describeFilters, describeTimeRange } from './describe.js';
import { markdownCode, markdownText } from './render-markdown.js';
import { escapeHtml, escapeTerminal, truncate } from '../text/sanitize.js';
import { sparkline } from './sparkline.js';
import { formatBytes, formatCount, formatMs } from '../text/format-values.js';

export const TOP_FORMATS = ['table', 'json', 'markdown', 'html'] as const;
export type TopFormat = (typeof TOP_FORMATS)[number];

const KEY_LIMIT = 100;

interface Column {
  head: string;
  numeric: boolean;
}

/** One panel as plain cells; `code` columns hold log text (shown as code in Markdown). */
interface PanelView {
  title: string;
  note: string;
  columns: Column[];
  rows: string[][];
}

const num = (head: string): Column => ({ head, numeric: true });
const text = (head: string): Column => ({ head, numeric: false });

function share(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function formatPercentiles(p: Percentiles | null, format: (n: number) => string): string[] {
  return p === null ? ['–', '–', '–'] : [format(p.p50), format(p.p95), format(p.p99)];
}

function panelNote(panel: TopPanel, noun: string): string {
  const distinct = panel.distinct === null ? `more than ${formatCount(panel.rows.length)} ${noun}` : `${formatCount(panel.distinct)} ${noun}`;
  return panel.exact ? distinct : `${distinct}; counts may be short by up to ${formatCount(panel.maxError)} (memory bound)`;
}

function keyPanel(title: string, noun: string, keyHead: string, panel: TopPanel, total: number): PanelView {
  return {
    title,
    note: panelNote(panel, noun),
    columns: [text(keyHead), num('requests'), num('share'), num('bytes')],
    rows: panel.rows.map((row: TopRow) => [row.key, formatCount(row.requests), share(row.requests, total), formatBytes(row.bytes)]),
  };
}

/** Every panel of the report, in reading order. */
function panelViews(report: TopReport): PanelView[] {
  const total = report.totals.requests;
  return [
    {
      title: 'Status codes',
      note: `${formatCount(report.statuses.length)} codes; ${formatCount(report.totals.errors)} responses 400 or above (${share(report.totals.errors, total)})`,
      columns: [text('status'), num('requests'), num('share')],
      rows: report.statuses.map((row) => [row.status, formatCount(row.requests), share(row.requests, total)]),
    },
    keyPanel('Top clients', 'clients', 'client', report.clients, total),
    {
      title: 'Top routes',
      note: `${formatCount(report.routes.distinct ?? 0)} routes; latency and size percentiles within 1%`,
      columns: [text('route'), num('requests'), num('errors %'), num('p50 ms'), num('p95 ms'), num('p99 ms'), num('p50 size'), num('p95 size'), num('p99 size'), num('bytes')],
      rows: report.routes.rows.map((row) => [
        row.key,
        formatCount(row.requests),
        share(row.errors, row.requests),
        ...formatPercentiles(row.latencyMs, formatMs),
        ...formatPercentiles(row.bytesSent, (n) => formatBytes(Math.round(n))),
        formatBytes(row.bytes),
      ]),
    },
    keyPanel('Top user agents', 'user agents', 'user agent', report.agents, total),
    keyPanel('Top referrers', 'referrers', 'referrer', report.referrers, total),
    keyPanel('Top 404 paths', 'paths answered 404', 'path', report.notFound, total),
  ];
}

/** Requests per hour, one line per UTC day: `2015-05-17 ▁▂▅█▇▃… peak 12:00 (412)`. */
function hourlyLines(report: TopReport): string[] {
  const days = new Map<string, number[]>();
  for (const hour of report.hourly) {
    const day = hour.hour.slice(0, 10);
    let counts = days.get(day);
    if (counts === undefined) {
      counts = new Array<number>(24).fill(0);
      days.set(day, counts);
    }
    counts[Number(hour.hour.slice(11, 13))] = hour.requests;
  }
  const max = Math.max(1, ...report.hourly.map((hour) => hour.requests));
  return [...days].map(([day, counts]) => {
    const peak = counts.indexOf(Math.max(...counts));
    const sum = counts.reduce((a, b) => a + b, 0);
    return `${day} ${sparkline(counts, max)} ${formatCount(sum)} requests, peak ${String(peak).padStart(2, '0')}:00 (${formatCount(counts[peak]!)})`;
  });
}

function header(report: TopReport): string[] {
  const { input, totals } = report;
  const filters = describeFilters(input);
  return [
    `files     ${describeFiles(input)}`,
    `lines     ${describeCounts(input)}`,
    `time      ${describeTimeRange(input)}`,
    ...(filters ? [`filters   ${filters}`] : []),
    `traffic   ${formatCount(totals.requests)} requests, ${formatBytes(totals.bytes)}, ${totals.clients === null ? 'many' : formatCount(totals.clients)} clients, ${formatCount(totals.routes)} routes`,
  ];
}

function renderTable(report: TopReport): string {
  const out: string[] = [`anomalog top ${escapeTerminal(report.tool.version)}`, ...header(report).map((line) => `  ${escapeTerminal(line)}`), ''];
  for (const view of panelViews(report)) {
    out.push(`${view.title} (${view.note})`);
    const table = new Table({
      head: view.columns.map((c) => c.head),
      colAligns: view.columns.map((c) => (c.numeric ? 'right' : 'left')),
      style: { head: [], border: [] },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      wordWrap: false,
    });
    for (const row of view.rows) table.push(row.map((cell, i) => (view.columns[i]!.numeric ? cell : escapeTerminal(truncate(cell, KEY_LIMIT)))));
    out.push(view.rows.length === 0 ? '  (none)' : table.toString(), '');
  }
  out.push('Requests per hour (UTC)', ...hourlyLines(report).map((line) => `  ${line}`));
  return `${out.join('\n')}\n`;
}

function renderMarkdown(report: TopReport): string {
  const out: string[] = ['# anomalog top', '', ...header(report).map((line) => `- ${markdownText(line, 2000)}`), ''];
  for (const view of panelViews(report)) {
    out.push(`## ${view.title}`, '', `_${markdownText(view.note)}_`, '');
    if (view.rows.length === 0) {
      out.push('(none)', '');
      continue;
    }
    out.push(`| ${view.columns.map((c) => c.head).join(' | ')} |`, `| ${view.columns.map((c) => (c.numeric ? '---:' : '---')).join(' | ')} |`);
    for (const row of view.rows) out.push(`| ${row.map((cell, i) => (view.columns[i]!.numeric ? cell : markdownCode(cell, KEY_LIMIT))).join(' | ')} |`);
    out.push('');
  }
  out.push('## Requests per hour (UTC)', '', '```', ...hourlyLines(report), '```', '');
  return out.join('\n');
}

const HTML_STYLE = `body{font:14px/1.5 system-ui,sans-serif;color:#1f2328;max-width:1100px;margin:0 auto;padding:24px}
table{border-collapse:collapse;width:100%;margin:4px 0 20px}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #d1d9e0;overflow-wrap:anywhere}
th{background:#f6f8fa}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}.muted{color:#59636e}
code{font:12.5px ui-monospace,monospace}.bar{display:inline-block;height:10px;background:#4a86c5;vertical-align:middle}`;

function renderHtml(report: TopReport): string {
  const h = (value: string, limit = KEY_LIMIT * 3): string => escapeHtml(escapeTerminal(truncate(value, limit)));
  const out: string[] = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>anomalog top</title><style>${HTML_STYLE}</style></head><body>`,
    '<h1>anomalog top</h1><ul>',
    ...header(report).map((line) => `<li>${h(line, 2000)}</li>`),
    '</ul>',
  ];
  for (const view of panelViews(report)) {
    out.push(`<h2>${h(view.title)}</h2><p class="muted">${h(view.note)}</p>`);
    if (view.rows.length === 0) {
      out.push('<p>(none)</p>');
      continue;
    }
    out.push(`<table><thead><tr>${view.columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${h(c.head)}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of view.rows) {
      out.push(`<tr>${row.map((cell, i) => (view.columns[i]!.numeric ? `<td class="num">${h(cell)}</td>` : `<td><code>${h(cell)}</code></td>`)).join('')}</tr>`);
    }
    out.push('</tbody></table>');
  }
  const max = Math.max(1, ...report.hourly.map((hour) => hour.requests));
  out.push('<h2>Requests per hour (UTC)</h2><table><thead><tr><th>hour</th><th class="num">requests</th><th class="num">errors</th><th></th></tr></thead><tbody>');
  for (const hour of report.hourly) {
    const width = Math.round((200 * hour.requests) / max);
    out.push(`<tr><td>${h(hour.hour.slice(0, 13).replace('T', ' '))}:00</td><td class="num">${formatCount(hour.requests)}</td><td class="num">${formatCount(hour.errors)}</td><td><span class="bar" style="width:${width}px"></span></td></tr>`);
  }
  out.push('</tbody></table></body></html>', '');
  return out.join('\n');
}

export function renderTopReport(report: TopReport, format: TopFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'markdown':
      return renderMarkdown(report);
    case 'html':
      return renderHtml(report);
    case 'table':
      return renderTable(report);
  }
}
