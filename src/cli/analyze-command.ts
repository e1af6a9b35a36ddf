import type { Command } from 'commander';
import { fingerprintFiles } from '../ingest/fingerprint.js';
import { analyzeTraffic } from '../pipeline/analyze-traffic.js';
import { assembleReport } from '../pipeline/assemble-report.js';
import { addModelOptions, addReadOptions, addReportOptions, resolveAnalysisSettings, timeFilterOf } from './analysis-options.js';
import { emitReport, finalIncidents } from './emit-report.js';
import { createProgress, printDiagnostics } from './diagnostics.js';
import { requireSomethingToJudge } from './nothing-to-judge.js';

export function registerAnalyzeCommand(program: Command): void {
  const command = program
    .command('analyze')
    .description('learn what is normal from the logs themselves and report what stands out (forensics, zero configuration)')
    .argument('<inputs...>', 'log files, directories, .gz files, or - for stdin');
  addReadOptions(command);
  addModelOptions(command);
  addReportOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ anomalog analyze access.log
  $ anomalog analyze /var/log/nginx/ --format json --output report.json
  $ zcat access.log.gz | anomalog analyze - --fail-on high`,
  );
  command.action(async (inputs: string[]) => {
    const startedAt = Date.now();
    const settings = resolveAnalysisSettings(command, process.cwd());
    const modelSettings = { seed: settings.seed, trees: settings.trees, sampleSize: settings.sampleSize };
    const progress = await createProgress(settings, inputs);
    const run = await analyzeTraffic(inputs, settings.ingest, settings.windowMs, timeFilterOf(settings), modelSettings, { onBatch: progress.onBatch, threads: settings.threads });
    progress.done();
    requireSomethingToJudge(run.stats, run.filtered, settings);
    const final = finalIncidents(run.detection.incidents, settings, new Date(run.endMs));
    const report = assembleReport({
      stats: run.stats,
      detection: run.detection,
      mode: 'analyze',
      model: { ...modelSettings, window: settings.window, filteredRecords: run.filtered, foldedRoutes: run.foldedRoutes },
      kept: { filtered: run.filtered, timeRange: run.keptRange },
      incidents: final.incidents,
      suppressed: final.suppressed,
      filters: settings.records?.counts(),
      fingerprints: await fingerprintFiles(run.stats.files),
    });
    printDiagnostics(settings, run.stats, final.warnings, run.foldedRoutes, run.foldedClientRequests, run.unstoredInjections);
    await emitReport(report, settings, startedAt);
  });
}
