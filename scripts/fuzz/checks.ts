// What every run of the built CLI on a hostile input must satisfy. Shared by
// `npm run fuzz` and test/regressions/regressions.test.ts, so an input saved by
// the fuzzer is judged by exactly the rules that flagged it.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import { readPrintedStats } from '../../test/robustness/cli-accounting.js';
import { validateNdjsonLine, validateReport } from '../../src/report/validate-report.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/anomalog', import.meta.url));

/** Stands for the input file in a saved command; `-` in its place means the file is piped to stdin. */
export const FILE_PLACEHOLDER = '{file}';

export type FailureKind = 'crash' | 'unaccounted' | 'schema' | 'output';

export interface Failure {
  kind: FailureKind;
  /** The command, with the input as {file}. */
  command: string;
  detail: string;
  /** Lines neither a record nor a counted skip (accounting failures only). */
  unaccountedLines?: number;
}

export interface CommandSpec {
  /** Arguments after `anomalog`, with {file} for the input. */
  args: string[];
  /** Pipe the input to stdin (the args then say `-`). */
  stdin?: boolean;
}

export interface RunOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: Buffer;
  stderr: string;
}

/** The two commands every input goes through. */
export const BASE_COMMANDS: readonly CommandSpec[] = [
  { args: ['parse', '--stats', '--format', 'ndjson', FILE_PLACEHOLDER] },
  { args: ['analyze', '--format', 'json', '--no-config', FILE_PLACEHOLDER] },
];

export function describeCommand(spec: CommandSpec): string {
  return `${spec.stdin ? `cat ${FILE_PLACEHOLDER} | ` : ''}anomalog ${spec.args.join(' ')}`;
}

export function runCommand(spec: CommandSpec, file: string, timeoutMs: number): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const args = spec.args.map((arg) => (arg === FILE_PLACEHOLDER ? file : arg));
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ANOMALOG_DEBUG: '' },
      stdio: [spec.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    if (spec.stdin && child.stdin) {
      // The CLI may stop reading (a refused input) before the file is through.
      child.stdin.on('error', () => undefined);
      createReadStream(file).on('error', () => child.stdin?.end()).pipe(child.stdin);
    }
  });
}

const STACK_FRAME = /^\s+at .*\(.*:\d+:\d+\)|^\s+at (file|node):.*:\d+:\d+$/m;
const ERROR_NAME = /\b(TypeError|RangeError|ReferenceError|SyntaxError|EvalError|URIError|AggregateError)\b|ERR_[A-Z_]+|node:internal/;
// Anything a terminal acts on: C0 except TAB and LF, DEL and C1 (ESC, BEL, CR, the 8-bit CSI …).
const TERMINAL_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

function crashes(outcome: RunOutcome, command: string): Failure[] {
  const failures: Failure[] = [];
  const crash = (detail: string): void => void failures.push({ kind: 'crash', command, detail });
  if (outcome.timedOut) crash('timed out (killed)');
  else if (outcome.signal) crash(`killed by ${outcome.signal}`);
  else if (outcome.code !== 0 && outcome.code !== 1 && outcome.code !== 2) crash(`exit code ${outcome.code}`);
  if (STACK_FRAME.test(outcome.stderr)) crash(`stack trace on stderr: ${firstLines(outcome.stderr)}`);
  for (const line of outcome.stderr.split('\n')) {
    // The CLI's own one-sentence messages may quote log content; only its
    // internal-error wrapper, which means an unexpected exception, is a crash.
    if (line.startsWith('anomalog: ') ? /^anomalog: internal error/.test(line) : ERROR_NAME.test(line)) {
      crash(`error on stderr: ${line.slice(0, 300)}`);
      break;
    }
  }
  if (TERMINAL_CONTROL.test(outcome.stderr)) failures.push({ kind: 'output', command, detail: `raw control character on stderr: ${JSON.stringify(firstLines(outcome.stderr))}` });
  return failures;
}

function firstLines(text: string): string {
  return text.split('\n').slice(0, 4).join(' | ').slice(0, 400);
}

export interface ParseCounts {
  lines: number;
  records: number;
  skipped: number;
}

/**
 * The checks of one run. `parseCounts` of an earlier successful parse of the
 * same input, when given, must match what analyze reports it read.
 */
export function checkOutcome(spec: CommandSpec, outcome: RunOutcome, parseCounts?: ParseCounts): { failures: Failure[]; counts?: ParseCounts } {
  const command = describeCommand(spec);
  const failures = crashes(outcome, command);
  if (failures.some((failure) => failure.kind === 'crash') || outcome.code === 2) return { failures };
  const [name] = spec.args;
  const format = spec.args[spec.args.indexOf('--format') + 1];
  const stdout = outcome.stdout.toString('utf8');
  const fail = (kind: FailureKind, detail: string, unaccountedLines?: number): void =>
    void failures.push({ kind, command, detail, ...(unaccountedLines === undefined ? {} : { unaccountedLines }) });

  if (name === 'parse') {
    let stats: ReturnType<typeof readPrintedStats>;
    try {
      stats = readPrintedStats(outcome.stderr);
    } catch {
      fail('output', `--stats summary missing or unreadable: ${firstLines(outcome.stderr)}`);
      return { failures };
    }
    const missing = Math.abs(stats.lines - stats.records - stats.skipped - stats.headerLines);
    if (missing !== 0) fail('unaccounted', `lines read ${stats.lines} ≠ records ${stats.records} + skipped ${stats.skipped} + header lines ${stats.headerLines}`, missing);
    const byReason = Object.values(stats.reasons).reduce((sum, count) => sum + count, 0);
    if (byReason !== stats.skipped) fail('unaccounted', `skip reasons add up to ${byReason}, skipped is ${stats.skipped}`, Math.abs(byReason - stats.skipped));
    if (format === 'ndjson') {
      const records = stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
      if (records.length !== stats.records) fail('output', `${records.length} ndjson lines printed for ${stats.records} records`);
      const bad = records.findIndex((line) => !isJson(line));
      if (bad >= 0) fail('output', `ndjson line ${bad + 1} is not JSON: ${records[bad]!.slice(0, 200)}`);
    } else if (format === 'json') {
      let printed: unknown;
      try {
        printed = JSON.parse(stdout);
      } catch (error) {
        fail('output', `json output does not parse: ${(error as Error).message}`);
      }
      if (printed !== undefined && (!Array.isArray(printed) || printed.length !== stats.records)) fail('output', `json output is not an array of ${stats.records} records`);
    } else if (format === 'csv') {
      try {
        const rows = parseCsv(stdout, { columns: true }) as unknown[];
        if (rows.length !== stats.records) fail('output', `${rows.length} csv rows printed for ${stats.records} records`);
      } catch (error) {
        fail('output', `csv does not parse: ${(error as Error).message}`);
      }
    } else if (format === 'table') {
      const at = TERMINAL_CONTROL.exec(stdout);
      if (at) fail('output', `raw control character U+${at[0].charCodeAt(0).toString(16).padStart(4, '0')} in table output`);
    }
    return { failures, counts: { lines: stats.lines, records: stats.records, skipped: stats.skipped } };
  }

  if (name === 'analyze' || name === 'score') {
    if (format === 'json') {
      let report: { input?: { lines?: number; records?: number; filtered?: number; skipped?: number; headerLines?: number; skippedByReason?: Record<string, number> } };
      try {
        report = JSON.parse(stdout) as typeof report;
      } catch (error) {
        fail('schema', `stdout is not JSON (${(error as Error).message})`);
        return { failures };
      }
      const errors = validateReport(report);
      if (errors.length > 0) fail('schema', errors.slice(0, 5).join('; '));
      const input = report.input;
      if (input && typeof input.lines === 'number' && typeof input.records === 'number' && typeof input.skipped === 'number') {
        const headerLines = input.headerLines ?? 0;
        const missing = Math.abs(input.lines - input.records - (input.filtered ?? 0) - input.skipped - headerLines);
        if (missing !== 0) fail('unaccounted', `report: lines ${input.lines} ≠ records ${input.records} + filtered ${input.filtered ?? 0} + skipped ${input.skipped} + header lines ${headerLines}`, missing);
        const byReason = Object.values(input.skippedByReason ?? {}).reduce((sum, count) => sum + count, 0);
        if (byReason !== input.skipped) fail('unaccounted', `report: skip reasons add up to ${byReason}, skipped is ${input.skipped}`, Math.abs(byReason - input.skipped));
        if (parseCounts && (parseCounts.lines !== input.lines || parseCounts.records !== input.records)) {
          fail('unaccounted', `parse read ${parseCounts.lines} lines → ${parseCounts.records} records, analyze ${input.lines} → ${input.records}`, Math.abs(parseCounts.lines - input.lines));
        }
      }
    } else if (format === 'ndjson') {
      const lines = stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
      if (lines.length === 0) fail('schema', 'ndjson has no header line');
      lines.forEach((line, index) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          fail('schema', `ndjson line ${index + 1} is not JSON`);
          return;
        }
        const errors = validateNdjsonLine(value);
        if (errors.length > 0) fail('schema', `ndjson line ${index + 1}: ${errors.slice(0, 3).join('; ')}`);
      });
    } else if (format === 'csv') {
      try {
        parseCsv(stdout, { columns: true });
      } catch (error) {
        fail('output', `csv does not parse: ${(error as Error).message}`);
      }
    } else if (format === 'table' || format === 'markdown') {
      const at = TERMINAL_CONTROL.exec(stdout);
      if (at) fail('output', `raw control character U+${at[0].charCodeAt(0).toString(16).padStart(4, '0')} in ${format} output`);
    }
  }
  return { failures };
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs the commands in order on one input and checks each; parse runs first
 * so analyze can be held to the same line counts.
 */
export async function checkInput(file: string, commands: readonly CommandSpec[], timeoutMs: number): Promise<{ failures: Failure[]; outcomes: RunOutcome[]; counts?: ParseCounts }> {
  const failures: Failure[] = [];
  const outcomes: RunOutcome[] = [];
  let counts: ParseCounts | undefined;
  for (const spec of commands) {
    const outcome = await runCommand(spec, file, timeoutMs);
    outcomes.push(outcome);
    // Only a file parse without --strict or --limit reads exactly what analyze reads.
    const comparable = spec.args[0] === 'analyze' && !spec.stdin ? counts : undefined;
    const checked = checkOutcome(spec, outcome, comparable);
    failures.push(...checked.failures);
    if (checked.counts && !spec.stdin && !spec.args.includes('--strict') && !spec.args.includes('--limit') && counts === undefined) counts = checked.counts;
  }
  return { failures, outcomes, ...(counts ? { counts } : {}) };
}
