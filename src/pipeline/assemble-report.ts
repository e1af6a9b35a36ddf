import type { FilterCount, IngestStats, Incident, InputSummary, Report, SuppressedIncident } from '../types.js';
import type { Detection } from '../detect/detect-incidents.js';
import { VERSION } from '../version.js';
import type { BaselineOverlap } from '../baseline/route-overlap.js';
import { toInputSummary } from '../ingest/ingest-stats.js';

export interface ReportContext {
  stats: IngestStats;
  detection: Detection;
  mode: 'analyze' | 'score';
  model: { seed: number; trees: number; sampleSize: number; window: string; baseline?: string; baselineOverlap?: BaselineOverlap; filteredRecords?: number; foldedRoutes?: number };
  incidents: Incident[];
  suppressed: SuppressedIncident[];
  /** The record flags and what each kept, when any was given. */
  filters?: FilterCount[];
  /** Records left out by --since/--until and the record filters, and the time range of those kept. */
  kept?: { filtered: number; timeRange: { start: number; end: number } | null };
  /** Size and mtime of each input file (see InputSummary.fingerprints). */
  fingerprints?: InputSummary['fingerprints'];
}

/** The report contract (schemaVersion 1): what was read, how it was modelled, what stood out. */
export function assembleReport(context: ReportContext): Report {
  const { stats, detection } = context;
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'anomalog', version: VERSION },
    input: {
      ...toInputSummary(stats, context.kept),
      gaps: detection.gaps,
      ...(context.filters !== undefined && context.filters.length > 0 ? { filters: context.filters } : {}),
      ...(context.fingerprints !== undefined && Object.keys(context.fingerprints).length > 0 ? { fingerprints: context.fingerprints } : {}),
    },
    model: {
      seed: context.model.seed,
      trees: context.model.trees,
      sampleSize: context.model.sampleSize,
      window: context.model.window,
      mode: context.mode,
      ...(context.model.baseline !== undefined ? { baseline: context.model.baseline } : {}),
      ...(context.model.baselineOverlap !== undefined ? { baselineOverlap: context.model.baselineOverlap } : {}),
      ...(context.model.filteredRecords ? { filteredRecords: context.model.filteredRecords } : {}),
      ...(context.model.foldedRoutes ? { foldedRoutes: context.model.foldedRoutes } : {}),
    },
    incidents: context.incidents,
  };
  if (context.suppressed.length > 0) report.suppressed = context.suppressed;
  report.timeline = detection.timeline;
  return report;
}
