// Runs the built CLI the way a user does (`node bin/anomalog …`) and reads its JSON report.
import { spawn } from 'node:child_process';
import type { ReportedIncident } from './match.js';

/** The CLI under measure: this checkout's build, or another's (`ANOMALOG_CLI=../wt/bin/anomalog`). */
export const CLI = [process.env.ANOMALOG_CLI ?? 'bin/anomalog'];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export function runCli(args: readonly string[]): Promise<CliRun> {
  const began = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), seconds: (Date.now() - began) / 1000 });
    });
  });
}

/** The commands the built CLI lists in `--help` (analyze, learn, score, …). */
export async function availableCommands(): Promise<Set<string>> {
  const help = await runCli(['--help']);
  const commands = new Set<string>();
  const section = help.stdout.split(/^Commands:$/m)[1] ?? '';
  for (const line of section.split('\n')) {
    const match = /^ {2}([a-z][\w-]*)/.exec(line);
    if (match) commands.add(match[1] as string);
  }
  return commands;
}

/** Options a command's `--help` mentions, so eval only passes flags the CLI has. */
export async function commandOptions(command: string): Promise<Set<string>> {
  const help = await runCli([command, '--help']);
  return new Set(help.stdout.match(/--[a-z][\w-]*/g) ?? []);
}

export interface ParsedReport {
  incidents: ReportedIncident[];
  windowSetting: unknown;
  records: number | null;
}

/** Fails loudly (the caller exits non-zero) when the CLI failed or printed no report. */
export function readReport(run: CliRun, what: string): ParsedReport {
  // 0 = nothing to report, 1 = a verdict (`--fail-on`); anything else is a failure of the CLI.
  if (run.code !== 0 && run.code !== 1) {
    throw new Error(`${what} failed with exit code ${run.code}:\n${run.stderr.trim().split('\n').slice(-8).join('\n')}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(run.stdout);
  } catch {
    throw new Error(`${what} did not print a JSON report (first bytes: ${JSON.stringify(run.stdout.slice(0, 120))})`);
  }
  const report = parsed as { incidents?: unknown; model?: { window?: unknown }; input?: { records?: unknown } };
  if (!Array.isArray(report.incidents)) throw new Error(`${what}: the report has no incidents[] array`);
  return {
    incidents: report.incidents as ReportedIncident[],
    windowSetting: report.model?.window,
    records: typeof report.input?.records === 'number' ? report.input.records : null,
  };
}
