import type { IngestStats, Incident, Report, SuppressedIncident } from '../types.js';
import type { Detection } from './detect-incidents.js';
import { VERSION } from '../version.js';

export interface ReportContext {
  stats: IngestStats;
  detection: Detection;
  mode: 'analyze' | 'score';
  model: { seed: number; trees: number; sampleSize: number; window: string; baseline?: string; filteredRecords?: number; foldedRoutes?: number };
  incidents: Incident[];
  suppressed: SuppressedIncident[];
}

/** The report contract (schemaVersion 1): what was read, how it was modelled, what stood out. */
export function assembleReport(context: ReportContext): Report {
  const { stats, detection } = context;
  const skippedByReason: Record<string, number> = {};
  for (const reason of Object.keys(stats.skippedByReason).sort()) skippedByReason[reason] = stats.skippedByReason[reason]!.count;
  const truncatedByReason: Record<string, number> = {};
  for (const reason of Object.keys(stats.truncatedByReason).sort()) truncatedByReason[reason] = stats.truncatedByReason[reason]!.count;
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'anomalog', version: VERSION },
    input: {
      files: [...stats.files],
      formats: { ...stats.formats },
      lines: stats.lines,
      records: stats.records,
      skipped: stats.skipped,
      skippedByReason,
      ...(stats.truncated > 0 ? { truncated: stats.truncated, truncatedByReason } : {}),
      timeRange: stats.timeRange ? { start: new Date(stats.timeRange.start).toISOString(), end: new Date(stats.timeRange.end).toISOString() } : null,
      gaps: detection.gaps,
    },
    model: {
      seed: context.model.seed,
      trees: context.model.trees,
      sampleSize: context.model.sampleSize,
      window: context.model.window,
      mode: context.mode,
      ...(context.model.baseline !== undefined ? { baseline: context.model.baseline } : {}),
      ...(context.model.filteredRecords ? { filteredRecords: context.model.filteredRecords } : {}),
      ...(context.model.foldedRoutes ? { foldedRoutes: context.model.foldedRoutes } : {}),
    },
    incidents: context.incidents,
  };
  if (context.suppressed.length > 0) report.suppressed = context.suppressed;
  report.timeline = detection.timeline;
  return report;
}
