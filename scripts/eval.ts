// `npm run eval`: detection quality on generated traffic with planted incidents, measured by
// running the built CLI as a user would, in analyze mode and in learn-then-score mode.
// What it prints and how it matches: docs/eval.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { WRITER_FORMATS, findWriterFormat } from './generator/formats.js';
import { countHighOrCritical, matchIncidents, parseWindowMs, type PlantedLabel, type ReportedIncident } from './eval/match.js';
import { availableCommands, commandOptions, readReport, runCli } from './eval/run-cli.js';
import { prepareScenarios, type Scenario } from './eval/scenarios.js';
import { renderSummary, summarize, type FormatOutcome, type ModeSummary } from './eval/summary.js';

const CACHE = '.cache/eval';
const DEFAULT_WINDOW_MS = 5 * 60_000;

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function formatList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  for (const name of names) {
    if (!findWriterFormat(name)) throw new InvalidArgumentError(`unknown format "${name}" (known: ${WRITER_FORMATS.map((f) => f.name).join(', ')})`);
  }
  return names;
}

const program = new Command()
  .name('eval')
  .description('Measure detection quality of the built anomalog CLI on generated traffic with planted incidents.')
  .option('--formats <list>', 'formats of the scenarios, one scenario (and seed) each', formatList, ['nginx', 'apigw', 'json'])
  .option('--rate <r>', 'mean requests per second of the generated days (3.5 ≈ 300k lines a day)', positiveNumber, 3.5)
  .option('--quick', 'smaller days (rate 1.2, ≈ 100k lines)', false)
  .option('--seed <n>', 'generator seed of the first scenario (+1000 per further format)', positiveNumber, 101)
  .option('--mode <mode>', 'analyze, score (learn then score) or both', 'both')
  .option('--no-build', 'do not rebuild dist/ first')
  .option('--verbose', 'list the unmatched incidents of each top L', false)
  .option('--strict', 'exit 1 when a target is missed', false);
program.parse(process.argv);
const options = program.opts<{ formats: string[]; rate: number; quick: boolean; seed: number; mode: string; build: boolean; verbose: boolean; strict: boolean }>();

const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const note = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

function build(): void {
  if (!options.build) return;
  note('building dist/ (tsc) …');
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { encoding: 'utf8' });
  if (result.status !== 0) note(`tsc reported errors (dist/ is still emitted):\n${(result.stdout + result.stderr).trim().split('\n').slice(0, 10).join('\n')}`);
}

async function flagsFor(command: string, wanted: Array<[flag: string, value?: string]>): Promise<string[]> {
  const known = await commandOptions(command);
  return wanted.filter(([flag]) => known.has(flag)).flatMap(([flag, value]) => (value === undefined ? [flag] : [flag, value]));
}

function labelsOf(scenario: Scenario, file: string): PlantedLabel[] {
  return scenario.labels.files[basename(file)]?.labels ?? [];
}

function outcome(scenario: Scenario, incidents: ReportedIncident[], windowSetting: unknown, cleanIncidents: ReportedIncident[], seconds: number): FormatOutcome {
  const labels = labelsOf(scenario, scenario.incidentFile);
  const result = matchIncidents(labels, incidents, parseWindowMs(windowSetting) ?? DEFAULT_WINDOW_MS);
  const topL = result.assignment.slice(0, result.precisionConsidered);
  return {
    format: scenario.format,
    lines: scenario.labels.files[basename(scenario.incidentFile)]?.lines ?? 0,
    result,
    cleanHighOrCritical: countHighOrCritical(cleanIncidents),
    seconds,
    falsePositives: incidents.filter((_, index) => index < topL.length && topL[index] === null),
  };
}

async function analyzeMode(scenarios: Scenario[]): Promise<ModeSummary> {
  const flags = await flagsFor('analyze', [['--format', 'json'], ['--seed', '1'], ['--top', '1000'], ['--no-config'], ['--quiet']]);
  const formats: FormatOutcome[] = [];
  for (const scenario of scenarios) {
    note(`analyze ${scenario.incidentFile} …`);
    const run = await runCli(['analyze', scenario.incidentFile, ...flags]);
    const report = readReport(run, `anomalog analyze ${scenario.incidentFile}`);
    note(`analyze ${scenario.cleanFile} (clean day) …`);
    const cleanRun = await runCli(['analyze', scenario.cleanFile, ...flags]);
    const clean = readReport(cleanRun, `anomalog analyze ${scenario.cleanFile}`);
    formats.push(outcome(scenario, report.incidents, report.windowSetting, clean.incidents, run.seconds));
  }
  return summarize('analyze mode', `anomalog analyze FILE ${flags.join(' ')}`, formats);
}

async function scoreMode(scenarios: Scenario[]): Promise<ModeSummary> {
  const learnFlags = await flagsFor('learn', [['--seed', '1'], ['--no-config'], ['--quiet']]);
  const scoreFlags = await flagsFor('score', [['--format', 'json'], ['--seed', '1'], ['--top', '1000'], ['--no-config'], ['--quiet']]);
  const formats: FormatOutcome[] = [];
  for (const scenario of scenarios) {
    const baseline = join(CACHE, `${scenario.format}-baseline.json`);
    note(`learn ${scenario.learnFile} …`);
    const learned = await runCli(['learn', scenario.learnFile, '--output', baseline, ...learnFlags]);
    if (learned.code !== 0) throw new Error(`anomalog learn ${scenario.learnFile} failed with exit code ${learned.code}:\n${learned.stderr.trim().split('\n').slice(-8).join('\n')}`);
    note(`score ${scenario.incidentFile} …`);
    const run = await runCli(['score', scenario.incidentFile, '--baseline', baseline, ...scoreFlags]);
    const report = readReport(run, `anomalog score ${scenario.incidentFile}`);
    note(`score ${scenario.cleanFile} (clean day) …`);
    const cleanRun = await runCli(['score', scenario.cleanFile, '--baseline', baseline, ...scoreFlags]);
    const clean = readReport(cleanRun, `anomalog score ${scenario.cleanFile}`);
    formats.push(outcome(scenario, report.incidents, report.windowSetting, clean.incidents, learned.seconds + run.seconds));
  }
  return summarize('learn-then-score mode', `anomalog learn DAY1 --output B ${learnFlags.join(' ')}; anomalog score DAY2 --baseline B ${scoreFlags.join(' ')}`, formats);
}

async function main(): Promise<number> {
  build();
  if (!existsSync('dist/cli/main.js')) {
    say('eval: dist/cli/main.js is missing: the CLI could not be built, so there is nothing to evaluate.');
    return 2;
  }
  const commands = await availableCommands();
  const wantAnalyze = options.mode === 'analyze' || options.mode === 'both';
  const wantScore = options.mode === 'score' || options.mode === 'both';
  const missing: string[] = [];
  if (wantAnalyze && !commands.has('analyze')) missing.push('analyze mode needs `anomalog analyze`, which the built CLI does not have yet');
  if (wantScore && !(commands.has('learn') && commands.has('score'))) missing.push('learn-then-score mode needs `anomalog learn` and `anomalog score`, which the built CLI does not have yet');
  for (const line of missing) say(`eval: ${line} (bin/anomalog --help lists: ${[...commands].join(', ') || 'nothing'}).`);
  const runAnalyze = wantAnalyze && commands.has('analyze');
  const runScore = wantScore && commands.has('learn') && commands.has('score');
  if (!runAnalyze && !runScore) return 2;

  await mkdir(CACHE, { recursive: true });
  const rate = options.quick ? 1.2 : options.rate;
  const scenarios = await prepareScenarios(
    { formats: options.formats, seed: options.seed, ratePerSecond: rate, startMs: Date.parse('2026-03-03T00:00:00Z') },
    CACHE,
    note,
  );
  const summaries: ModeSummary[] = [];
  try {
    if (runAnalyze) summaries.push(await analyzeMode(scenarios));
    if (runScore) summaries.push(await scoreMode(scenarios));
  } catch (error) {
    say(`eval: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  for (const summary of summaries) say(`${renderSummary(summary, options.verbose)}\n`);
  await writeFile(join(CACHE, 'last-summary.json'), `${JSON.stringify(summaries, null, 2)}\n`);
  const allPass = summaries.every((s) => Object.values(s.pass).every(Boolean));
  say(`eval: ${allPass && missing.length === 0 ? 'every target met' : 'some targets missed or not measured'} (details: ${CACHE}/last-summary.json)`);
  if (missing.length > 0) return 3;
  return options.strict && !allPass ? 1 : 0;
}

process.exitCode = await main();
