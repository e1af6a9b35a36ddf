import type { Incident, Report, SuppressedIncident } from '../types.js';
import { EXIT_VERDICT } from '../errors.js';
import { renderers, type ReportFormat } from '../report/renderers.js';
import { shouldUseColor } from '../report/color-policy.js';
import { redactReport } from '../report/redact.js';
import { applyConfigRules } from '../config/apply-config-rules.js';
import { severityAtLeast } from '../detect/severity.js';
import type { AnalysisSettings } from './analysis-options.js';
import { openOutputSink } from './output-sink.js';

/** Applies config rules and filters, then ranks again so ranks stay 1..n. */
export function finalIncidents(incidents: Incident[], settings: AnalysisSettings, rangeEnd: Date): { incidents: Incident[]; suppressed: SuppressedIncident[]; warnings: string[] } {
  let kept = incidents;
  let suppressed: SuppressedIncident[] = [];
  let warnings: string[] = [];
  if (settings.config && (settings.config.suppress.length > 0 || settings.config.ignore.length > 0)) {
    const result = applyConfigRules(incidents, settings.config, rangeEnd);
    kept = result.kept;
    suppressed = result.suppressed;
    warnings = result.warnings;
  }
  kept = kept.filter((i) => severityAtLeast(i.severity, settings.minSeverity) && i.confidence >= settings.minConfidence);
  kept.forEach((incident, i) => (incident.rank = i + 1));
  return { incidents: kept, suppressed, warnings };
}

/** Renders, writes atomically, and sets the exit code from --fail-on (unsuppressed incidents only). */
export async function emitReport(report: Report, settings: AnalysisSettings, startedAt: number): Promise<void> {
  const output = await openOutputSink(settings.output);
  const format: ReportFormat = settings.format ?? (output.isTty ? 'table' : 'json');
  const shown = settings.redactKey ? redactReport(report, settings.redactKey) : report;
  const color = output.isTty && shouldUseColor({ env: process.env, isTTY: true, flag: settings.color });
  const text = renderers[format](shown, {
    color: format === 'table' ? (settings.output === undefined ? color : false) : false,
    top: settings.top,
    showSuppressed: settings.showSuppressed,
    elapsedMs: Date.now() - startedAt,
    terminalWidth: process.stdout.columns ?? 120,
  });
  try {
    await output.write(text);
    await output.close();
  } catch (error) {
    await output.abort();
    throw error;
  }
  if (settings.failOn && report.incidents.some((i) => severityAtLeast(i.severity, settings.failOn!))) process.exitCode = EXIT_VERDICT;
}
