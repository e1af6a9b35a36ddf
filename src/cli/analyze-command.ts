import type { Command } from 'commander';
import { analyzeTraffic } from '../pipeline/analyze-traffic.js';
import { addModelOptions, addReadOptions, addReportOptions, learningRequestOf, resolveAnalysisSettings } from './analysis-options.js';
import { createProgress } from './diagnostics.js';
import { reportRun } from './report-run.js';

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
    const request = learningRequestOf(inputs, settings);
    const progress = await createProgress(settings, inputs);
    const run = await analyzeTraffic(request, { onBatch: progress.onBatch, threads: settings.threads });
    progress.done();
    await reportRun(run, settings, startedAt, { mode: 'analyze', model: { ...request.model, window: settings.window } });
  });
}
