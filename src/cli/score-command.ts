import { fingerprintFiles } from '../ingest/fingerprint.js';
import { Option, type Command } from 'commander';
import { loadBaseline } from '../pipeline/load-baseline.js';
import { scoreTraffic } from '../pipeline/analyze-traffic.js';
import { formatDuration } from '../time/duration.js';
import { assembleReport } from '../pipeline/assemble-report.js';
import { addReadOptions, addReportOptions, resolveAnalysisSettings, timeFilterOf } from './analysis-options.js';
import { emitReport, finalIncidents } from './emit-report.js';
import { createProgress, printDiagnostics } from './diagnostics.js';

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
    const progress = await createProgress(settings, inputs);
    const run = await scoreTraffic(inputs, settings.ingest, timeFilterOf(settings), baseline, { onBatch: progress.onBatch, threads: settings.threads });
    progress.done();
    const final = finalIncidents(run.detection.incidents, settings, new Date(run.endMs));
    const report = assembleReport({
      stats: run.stats,
      detection: run.detection,
      mode: 'score',
      model: { ...baseline.settings, window: formatDuration(baseline.windowMs), baseline: path, filteredRecords: run.filtered, foldedRoutes: run.foldedRoutes },
      incidents: final.incidents,
      suppressed: final.suppressed,
      filters: settings.records?.counts(),
      fingerprints: await fingerprintFiles(run.stats.files),
    });
    printDiagnostics(settings, run.stats, final.warnings, run.foldedRoutes, run.foldedClientRequests, run.unstoredInjections);
    await emitReport(report, settings, startedAt);
  });
}
