import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { aggregateInputs } from '../features/aggregate-inputs.js';
import { loadBaseline } from '../baseline/baseline-file.js';
import { detectIncidents } from '../detect/detect-incidents.js';
import { assembleReport } from '../detect/assemble-report.js';
import { InjectionCollector } from '../detect/injection-incidents.js';
import { InjectionDetector } from '../detect/injection/injection-detector.js';
import { addReadOptions, addReportOptions, resolveAnalysisSettings } from './analysis-options.js';
import { emitReport, finalIncidents } from './emit-report.js';
import { printDiagnostics } from './diagnostics.js';

export function registerScoreCommand(program: Command): void {
  const command = program
    .command('score')
    .description('score new logs against a saved baseline and report what is not normal (the CI workflow, step 2)')
    .argument('<inputs...>', 'log files, directories, .gz files, or - for stdin')
    .addOption(new Option('-b, --baseline <file>', "a baseline written by 'anomalog learn'").makeOptionMandatory());
  addReadOptions(command);
  addReportOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ anomalog score today.log --baseline baseline.json
  $ anomalog score today.log.gz --baseline baseline.json --fail-on high --format markdown >> "$GITHUB_STEP_SUMMARY"`,
  );
  command.action(async (inputs: string[]) => {
    const startedAt = Date.now();
    const settings = resolveAnalysisSettings(command, process.cwd());
    const path = command.opts<{ baseline: string }>().baseline;
    const { baseline } = await loadBaseline(path);
    if (command.getOptionValueSource('window') === 'cli' && settings.windowMs !== baseline.windowMs) {
      throw new UsageError(`--window must match the baseline's window (${baseline.windowMs / 1000}s); learn a new baseline to change it`);
    }
    const detector = baseline.injection === null ? new InjectionDetector() : InjectionDetector.fromJSON(baseline.injection);
    const injection = new InjectionCollector(detector, 'score');
    const input = await aggregateInputs(inputs, settings.ingest, baseline.windowMs, settings, (record) => injection.observe(record));
    const detection = detectIncidents(baseline, input.aggregator, 'score', undefined, injection.finish(baseline.windowMs));
    const rangeEnd = new Date(Number.isFinite(input.aggregator.endMs) ? input.aggregator.endMs : 0);
    const final = finalIncidents(detection.incidents, settings, rangeEnd);
    const report = assembleReport({
      stats: input.stats,
      detection,
      mode: 'score',
      model: { ...baseline.settings, window: windowName(baseline.windowMs), baseline: path, filteredRecords: input.filtered, foldedRoutes: input.foldedRoutes },
      incidents: final.incidents,
      suppressed: final.suppressed,
    });
    printDiagnostics(settings, input.stats, final.warnings, input.foldedRoutes);
    await emitReport(report, settings, startedAt);
  });
}

function windowName(ms: number): string {
  if (ms % 3600_000 === 0) return `${ms / 3600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${ms / 1000}s`;
}
