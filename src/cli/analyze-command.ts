import type { Command } from 'commander';
import { aggregateInputs } from '../features/aggregate-inputs.js';
import { baselineFromAggregates } from '../baseline/baseline.js';
import { detectIncidents, trainModels } from '../detect/detect-incidents.js';
import { assembleReport } from '../detect/assemble-report.js';
import { addModelOptions, addReadOptions, addReportOptions, resolveAnalysisSettings } from './analysis-options.js';
import { emitReport, finalIncidents } from './emit-report.js';
import { printDiagnostics } from './diagnostics.js';
import { InjectionCollector } from '../detect/injection-incidents.js';
import { InjectionDetector } from '../detect/injection/injection-detector.js';

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
    const injection = new InjectionCollector(new InjectionDetector({ seed: settings.seed }), 'analyze');
    const input = await aggregateInputs(inputs, settings.ingest, settings.windowMs, settings, (record) => injection.observe(record));
    const modelSettings = { seed: settings.seed, trees: settings.trees, sampleSize: settings.sampleSize };
    const baseline = baselineFromAggregates(input.aggregator, modelSettings);
    const rows = trainModels(baseline, input.aggregator, modelSettings);
    const detection = detectIncidents(baseline, input.aggregator, 'analyze', rows, injection.finish(settings.windowMs));
    const rangeEnd = new Date(Number.isFinite(input.aggregator.endMs) ? input.aggregator.endMs : 0);
    const final = finalIncidents(detection.incidents, settings, rangeEnd);
    const report = assembleReport({
      stats: input.stats,
      detection,
      mode: 'analyze',
      model: { ...modelSettings, window: settings.window, filteredRecords: input.filtered, foldedRoutes: input.foldedRoutes },
      incidents: final.incidents,
      suppressed: final.suppressed,
    });
    printDiagnostics(settings, input.stats, final.warnings, input.foldedRoutes);
    await emitReport(report, settings, startedAt);
  });
}
