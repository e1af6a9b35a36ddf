// The `--format` registry: one pure renderer per output format.
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderMarkdown } from './render-markdown.js';
import { renderNdjson } from './render-ndjson.js';
import type { Renderer } from './render-options.js';
import { renderTable } from './render-table.js';

export type ReportFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'markdown' | 'html';

export const renderers = {
  table: renderTable,
  json: renderJson,
  ndjson: renderNdjson,
  csv: renderCsv,
  markdown: renderMarkdown,
  html: renderHtml,
} satisfies Record<ReportFormat, Renderer>;

export const REPORT_FORMATS = Object.keys(renderers) as ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(renderers, name);
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, ReportFormat>> = {
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.csv': 'csv',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'table',
};

/** The format an `--output` file name asks for by its extension (case-insensitive), if any. */
export function formatFromFileName(path: string): ReportFormat | undefined {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return FORMAT_BY_EXTENSION[name.slice(dot).toLowerCase()];
}
