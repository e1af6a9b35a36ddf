import type { Report } from '../types.js';
import { canonicalReport, stringifySafe } from './canonical.js';
import type { RenderOptions } from './render-options.js';

/** The report as is (schema/report.schema.json), two-space indented, contract key order. */
export function renderJson(report: Report, options: RenderOptions): string {
  return `${stringifySafe(canonicalReport(report, options.top), 2)}\n`;
}
