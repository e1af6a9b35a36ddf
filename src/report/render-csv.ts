// One incident per row, flat columns, for spreadsheets. RFC 4180 (CRLF rows);
// every string cell goes through csvCell, which neutralises formula triggers,
// after escapeTerminal: control chars have no use in a cell and would act on a
// terminal that prints the file, so a CR/LF in a field shows as ␍␊.
import type { Incident, Report } from '../types.js';
import { describeEvidence, describeSample, shownIncidents } from './describe.js';
import type { RenderOptions } from './render-options.js';
import { csvCell, escapeTerminal } from '../text/sanitize.js';

const COLUMNS: readonly [string, (incident: Incident) => string | number | null][] = [
  ['rank', (i) => i.rank],
  ['id', (i) => i.id],
  ['severity', (i) => i.severity],
  ['score', (i) => i.score],
  ['confidence', (i) => i.confidence],
  ['kind', (i) => i.kind],
  ['start', (i) => i.start],
  ['end', (i) => i.end],
  ['endpoint', (i) => i.endpoint],
  ['endpoints', (i) => i.endpoints.join(';')],
  ['clients', (i) => i.clients.join(';')],
  ['consumers', (i) => i.consumers.join(';')],
  ['requests', (i) => i.requests],
  ['summary', (i) => i.summary],
  ['evidence', (i) => i.evidence.map(describeEvidence).join(' | ')],
  ['samples', (i) => i.samples.map(describeSample).join(';')],
];

function safeCell(value: string | number | null): string {
  return csvCell(typeof value === 'string' ? escapeTerminal(value) : value);
}

export const CSV_HEADER = COLUMNS.map(([name]) => name);

export function renderCsv(report: Report, options: RenderOptions): string {
  const rows = [
    CSV_HEADER.map(csvCell),
    ...shownIncidents(report, options).map((incident) => COLUMNS.map(([, value]) => safeCell(value(incident)))),
  ];
  return rows.map((cells) => `${cells.join(',')}\r\n`).join('');
}
