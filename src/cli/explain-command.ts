import { Option, type Command } from 'commander';
import { UsageError } from '../errors.js';
import { loadBaseline } from '../pipeline/load-baseline.js';
import { explainLine } from '../pipeline/explain-request.js';
import { renderExplanation } from '../report/render-explain.js';
import { addInputOptions, toIngestOptions, type RawInputOptions } from './input-options.js';
import { addModelOptions, DEFAULT_SAMPLE_SIZE, DEFAULT_SEED, DEFAULT_TREES, DEFAULT_WINDOW } from './analysis-options.js';
import { parseDurationFlag } from './parse-duration.js';
import { openOutputSink } from './output-sink.js';
import { readReport, type ReportBack } from '../pipeline/read-report.js';
import { inputsOf } from './report-inputs.js';
import { escapeTerminal } from '../text/sanitize.js';

interface RawExplainOptions extends RawInputOptions {
  baseline?: string;
  report?: string;
  format?: 'text' | 'json';
  window?: number;
  seed?: number;
  trees?: number;
  sampleSize?: number;
}

/** `access.log:1234` → file and line (the last colon splits, so paths may hold colons). */
export function parseLineReference(reference: string): { file: string; line: number } {
  const match = /^(.+):(\d+)$/.exec(reference);
  if (match === null || Number(match[2]) < 1) throw new UsageError(`explain expects FILE:LINE (e.g. access.log:1234), got '${reference}'`);
  return { file: match[1]!, line: Number(match[2]) };
}

export function registerExplainCommand(program: Command): void {
  const command = program
    .command('explain')
    .description('why one request was or was not flagged: its decoded fields, each rule that matched and where, the learned profile, its window vs normal')
    .argument('<file:line>', 'the log file and the line number of the request')
    .addOption(new Option('--baseline <file>', 'judge against this baseline (as score does) instead of learning from the file (as analyze does)'))
    .addOption(new Option('--report <file>', "judge as the run that wrote this report did: all its inputs, its window, seed, trees and sample size (a score report also needs its --baseline)"))
    .addOption(new Option('--format <format>', 'text or json').choices(['text', 'json']).default('text'));
  addModelOptions(command);
  addInputOptions(command);
  command.addHelpText(
    'after',
    `
Examples:
  $ anomalog explain access.log:1234
  $ anomalog explain today.log:88 --baseline baseline.json --format json
  $ anomalog explain logs/b.log:310 --report report.json      (as 'analyze logs/' judged it)`,
  );
  command.action(async (reference: string, raw: RawExplainOptions) => {
    const { file, line } = parseLineReference(reference);
    if (file === '-') throw new UsageError('explain reads the file twice over: name a file, not stdin');
    const report = raw.report === undefined ? null : await readReport(raw.report);
    const inputs = report === null ? undefined : await reportInputsFor(file, report, raw);
    const made = report?.model ?? {};
    const model = { seed: made.seed ?? raw.seed ?? DEFAULT_SEED, trees: made.trees ?? raw.trees ?? DEFAULT_TREES, sampleSize: made.sampleSize ?? raw.sampleSize ?? DEFAULT_SAMPLE_SIZE };
    const saved = raw.baseline === undefined ? undefined : { baseline: (await loadBaseline(raw.baseline)).baseline, name: raw.baseline };
    const windowMs = saved?.baseline.windowMs ?? (made.window === undefined ? undefined : parseDurationFlag(made.window)) ?? raw.window ?? parseDurationFlag(DEFAULT_WINDOW);
    const explanation = await explainLine(file, line, toIngestOptions(raw), { windowMs, model, ...(saved ? { baseline: saved } : {}), ...(inputs ? { inputs } : {}) });
    const text = raw.format === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation);
    const sink = await openOutputSink(undefined);
    await sink.write(text);
    await sink.close();
  });
}

/**
 * The inputs of the run a report records, to judge the line as that run did. A report made with
 * record filters, or by score without the baseline at hand, cannot be repeated here: one sentence.
 */
async function reportInputsFor(file: string, report: ReportBack, raw: RawExplainOptions): Promise<string[]> {
  const inputs = await inputsOf([], report);
  if (!inputs.includes(file)) {
    throw new UsageError(`${escapeTerminal(file)} is not one of the report's inputs (${inputs.slice(0, 3).map((f) => escapeTerminal(f)).join(', ')}${inputs.length > 3 ? ', …' : ''}): name the file as the report does`);
  }
  if ((report.input.filters ?? []).length > 0) {
    throw new UsageError('the report was made with record filters (input.filters), which explain does not repeat: explain the line without --report');
  }
  if (report.model?.mode === 'score' && raw.baseline === undefined) throw new UsageError('the report was made by score: pass --baseline, the baseline it was scored against');
  if (report.model?.mode === 'analyze' && raw.baseline !== undefined) throw new UsageError('the report was made by analyze, which learns from its inputs: drop --baseline');
  return inputs;
}
