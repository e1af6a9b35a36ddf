import type { ReportedRun, TrafficRun } from '../pipeline/analyze-traffic.js';
import { assembleReport, type ReportContext } from '../pipeline/assemble-report.js';
import type { Detection } from '../detect/detect-incidents.js';
import type { AnalysisSettings } from './analysis-options.js';
import { emitReport, finalIncidents } from './emit-report.js';
import { printDiagnostics } from './diagnostics.js';
import { requireSomethingToJudge } from './nothing-to-judge.js';

/** What analyze and score report differently: the mode, the model section, warnings of their own. */
export interface RunReportShape {
  mode: ReportContext['mode'];
  model: ReportContext['model'];
  /** Checked once the run has something to judge (may throw: --strict); printed before the others. */
  ownWarnings?: () => string[];
}

/**
 * The end of analyze and score: refuse a run with nothing to judge, apply the config's rules
 * and the report flags, assemble the report, print diagnostics and write the report.
 */
export async function reportRun(run: TrafficRun & ReportedRun & { detection: Detection }, settings: AnalysisSettings, startedAt: number, shape: RunReportShape): Promise<void> {
  requireSomethingToJudge(run.stats, run.filtered, settings);
  const ownWarnings = shape.ownWarnings?.() ?? [];
  const final = finalIncidents(run.detection.incidents, settings, new Date(run.endMs));
  const report = assembleReport({
    stats: run.stats,
    detection: run.detection,
    mode: shape.mode,
    model: { ...shape.model, filteredRecords: run.filtered, foldedRoutes: run.foldedRoutes },
    kept: { filtered: run.filtered, timeRange: run.keptRange },
    incidents: final.incidents,
    suppressed: final.suppressed,
    filters: settings.records?.counts(),
    fingerprints: run.fingerprints,
  });
  printDiagnostics(settings, run.stats, [...ownWarnings, ...final.warnings], run.foldedRoutes, run.foldedClientRequests, run.unstoredInjections);
  await emitReport(report, settings, startedAt);
}
