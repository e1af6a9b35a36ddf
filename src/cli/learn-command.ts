import type { Command } from 'commander';
import { InputError, UsageError } from '../errors.js';
import { describeNothingToJudge } from './nothing-to-judge.js';
import { serializeBaseline } from '../baseline/baseline-file.js';
import { learnTraffic } from '../pipeline/analyze-traffic.js';
import { addModelOptions, addReadOptions, learningRequestOf, resolveAnalysisSettings } from './analysis-options.js';
import { createProgress, printDiagnostics } from './diagnostics.js';
import { writeOutput } from './output-sink.js';
import { Option } from 'commander';
import { describeFilterCounts } from './filter-options.js';
import { escapeTerminal } from '../text/sanitize.js';

export function registerLearnCommand(program: Command): void {
  const command = program
    .command('learn')
    .description('learn a baseline of normal traffic from known-good logs and save it (the CI workflow, step 1)')
    .argument('<inputs...>', 'log files, directories, .gz files, or - for stdin');
  addReadOptions(command);
  addModelOptions(command);
  command.addOption(new Option('-o, --output <file>', 'where to write the baseline (JSON)').makeOptionMandatory());
  command.addOption(new Option('-q, --quiet', 'print nothing on stderr but errors'));
  command.addHelpText(
    'after',
    `
Examples:
  $ anomalog learn access-2026-10-04.log.gz -o baseline.json
  $ anomalog score access-2026-10-05.log.gz --baseline baseline.json --fail-on high`,
  );
  command.action(async (inputs: string[]) => {
    const settings = resolveAnalysisSettings(command, process.cwd());
    if (settings.output === undefined) throw new UsageError('learn needs --output FILE for the baseline');
    // Opened first, so an unwritable destination fails before minutes of reading; removed on any failure.
    let input: Awaited<ReturnType<typeof learnTraffic>> | undefined;
    await writeOutput(settings.output, async (sink) => {
      const progress = await createProgress(settings, inputs);
      input = await learnTraffic(learningRequestOf(inputs, settings), { onBatch: progress.onBatch, threads: settings.threads });
      progress.done();
      const nothing = describeNothingToJudge(input.stats, input.filtered);
      if (nothing !== null) throw new InputError(`${escapeTerminal(nothing.replace('nothing to judge', 'nothing to learn from'))}`);
      await sink.write(serializeBaseline(input.baseline, input.training, input.stats.files));
    });
    if (input === undefined) return;
    const { baseline } = input;
    printDiagnostics(settings, input.stats, [], input.foldedRoutes, input.foldedClientRequests);
    if (!settings.quiet && settings.records !== undefined) process.stderr.write(`anomalog: ${escapeTerminal(describeFilterCounts(settings.records))}\n`);
    if (!settings.quiet) {
      process.stderr.write(
        `anomalog: learned ${baseline.endpoints.size} endpoints, ${baseline.consumers.size} consumers and ${input.clients} clients from ${baseline.records} records (${new Date(baseline.startMs).toISOString()} to ${new Date(baseline.endMs).toISOString()}); baseline written to ${settings.output}\n`,
      );
    }
  });
}
