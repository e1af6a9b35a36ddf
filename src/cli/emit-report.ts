import type { Incident, Report, SuppressedIncident } from '../types.js';
import { EXIT_VERDICT } from '../errors.js';
import { renderers, type ReportFormat } from '../report/renderers.js';
import type { RenderOptions } from '../report/render-options.js';
import { shouldUseColor } from '../report/color-policy.js';
import { redactReport } from '../report/redact.js';
import { applyConfigRules } from '../config/apply-config-rules.js';
import { severityAtLeast } from '../detect/severity.js';
import type { AnalysisSettings } from './analysis-options.js';
import { writeOutput } from './output-sink.js';
import { IncidentSelection, type RecordSelection } from '../config/incident-match.js';
import { readFirstLines } from '../pipeline/read-selection.js';
import { formatRecordLine } from '../report/render-show.js';

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

/** Formats read by programs: they carry every incident unless --top was given explicitly. */
const MACHINE_FORMATS: ReadonlySet<ReportFormat> = new Set(['json', 'ndjson', 'csv']);

/** Terminal width assumed when the report does not go to a terminal: files and pipes must not depend on who ran the command. */
const FIXED_WIDTH = 120;

/**
 * Renders, writes atomically, and sets the exit code from --fail-on (unsuppressed incidents only).
 *
 * Only a report shown on a terminal says how long the run took and follows the
 * terminal's width: a report written to a file or a pipe is a function of the
 * input and flags alone, so the same run gives the same bytes (CI artifacts diff cleanly).
 */
export async function emitReport(report: Report, settings: AnalysisSettings, startedAt: number): Promise<void> {
  const toStdout = settings.output === undefined;
  const onTerminal = toStdout && process.stdout.isTTY === true;
  const format: ReportFormat = settings.format ?? (onTerminal ? 'table' : 'json');
  const shown = settings.redactKey ? redactReport(report, settings.redactKey) : report;
  // FORCE_COLOR and --color colour a pipe too (e.g. `| less -R`); a report file never gets escape codes.
  const color = format === 'table' && toStdout && shouldUseColor({ env: process.env, isTTY: onTerminal, flag: settings.color });
  const options: RenderOptions = {
    color,
    // Machine output is complete unless the user asked for a cut; people get the first --top.
    top: MACHINE_FORMATS.has(format) && !settings.topExplicit ? undefined : settings.top,
    showSuppressed: settings.showSuppressed,
    terminalWidth: onTerminal ? (process.stdout.columns ?? FIXED_WIDTH) : FIXED_WIDTH,
  };
  if (onTerminal) options.elapsedMs = Date.now() - startedAt;
  if (format === 'html') Object.assign(options, await drillDownLines(shown, settings));
  // Render before opening the sink: a renderer that throws must not leave a temporary file behind.
  const text = renderers[format](shown, options);
  // Decided before writing, so a reader that closes the pipe early (`| head`) still gets the verdict.
  if (settings.failOn && report.incidents.some((i) => severityAtLeast(i.severity, settings.failOn!))) process.exitCode = EXIT_VERDICT;
  await writeOutput(settings.output, (sink) => sink.write(text));
}

/** Lines shown per incident in the HTML report; `anomalog show` prints the rest. */
const DRILL_DOWN_LINES = 20;

/**
 * The HTML report's drill-down: the first lines of each shown incident, re-read from the inputs
 * in one pass (a filtered read, like `show`). Stdin cannot be read twice: no lines then.
 */
async function drillDownLines(report: Report, settings: AnalysisSettings): Promise<Pick<RenderOptions, 'incidentLines' | 'reportPath'>> {
  const reportPath = settings.output;
  const shown = report.incidents.slice(0, settings.top);
  const selections = new Map<string, RecordSelection>();
  for (const incident of shown) if (incident.selector !== undefined) selections.set(incident.id, new IncidentSelection(incident.selector));
  // A redacted report must not carry the raw lines it redacts.
  if (selections.size === 0 || report.input.files.includes('-') || settings.redactKey !== null) return reportPath === undefined ? {} : { reportPath };
  const lines = await readFirstLines(report.input.files, settings.ingest, selections, DRILL_DOWN_LINES);
  const incidentLines: Record<string, string[]> = {};
  for (const [id, records] of lines) incidentLines[id] = records.map(formatRecordLine);
  return { incidentLines, ...(reportPath === undefined ? {} : { reportPath }) };
}
