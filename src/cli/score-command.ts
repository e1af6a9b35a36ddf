import { Option, type Command } from 'commander';
import { loadBaseline } from '../pipeline/load-baseline.js';
import { scoreTraffic } from '../pipeline/analyze-traffic.js';
import { formatDuration } from '../time/duration.js';
import { addReadOptions, addReportOptions, resolveAnalysisSettings, timeFilterOf } from './analysis-options.js';
import { createProgress } from './diagnostics.js';
import { reportRun } from './report-run.js';
import { MIN_BASELINE_OVERLAP, type BaselineOverlap } from '../baseline/route-overlap.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';
import type { AnalysisSettings } from './analysis-options.js';

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
    const run = await scoreTraffic({ inputs, ingest: settings.ingest, filter: timeFilterOf(settings), baseline }, { onBatch: progress.onBatch, threads: settings.threads });
    progress.done();
    await reportRun(run, settings, startedAt, {
      mode: 'score',
      model: { ...baseline.settings, window: formatDuration(baseline.windowMs), baseline: path, baselineOverlap: run.overlap },
      ownWarnings: () => {
        const overlap = checkBaselineOverlap(run.overlap, path, settings);
        return overlap === null ? [] : [overlap];
      },
    });
  });
}

/**
 * A warning when the baseline knows too few of the scored requests' endpoints (learned on
 * another site or another API version); with --strict that is exit 2.
 */
function checkBaselineOverlap(overlap: BaselineOverlap, path: string, settings: AnalysisSettings): string | null {
  if (overlap.requests === 0 || overlap.share >= MIN_BASELINE_OVERLAP) return null;
  const percent = (share: number): string => `${Math.round(share * 100)}%`;
  const message = `the baseline ${escapeTerminal(path)} knows the endpoints of only ${percent(overlap.share)} of the scored requests (${overlap.knownEndpoints} of ${overlap.endpoints} endpoints; below ${percent(MIN_BASELINE_OVERLAP)} the baseline is probably of another site or API version, and findings are missed)`;
  if (settings.ingest.strict === true) throw new InputError(`${message}; --strict stops here`);
  return message;
}
