// Helpers for the robustness tests: temporary directories, the `--stats`
// summary read back into numbers, and the invariant every run must keep.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import type { CliResult } from '../helpers/run-cli.js';

export function tempDir(t: { after(fn: () => void): void }, prefix = 'anomalog-robust-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The counters of `anomalog parse --stats` (stderr), as numbers. */
export interface PrintedStats {
  lines: number;
  records: number;
  skipped: number;
  /** Header and comment lines (`header lines: N`, printed when there are any). */
  headerLines: number;
  reasons: Record<string, number>;
  formats: Record<string, string>;
}

export function readPrintedStats(stderr: string): PrintedStats {
  const number = (label: string): number => {
    const match = new RegExp(`^${label}: (\\d+)`, 'm').exec(stderr);
    assert.ok(match, `--stats output has "${label}:"\n${stderr}`);
    return Number(match[1]);
  };
  const reasons: Record<string, number> = {};
  const formats: Record<string, string> = {};
  let section: 'reasons' | 'formats' | null = null;
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('  ')) {
      section = line.startsWith('skipped: ') ? 'reasons' : line === 'formats:' ? 'formats' : null;
    } else if (section === 'reasons') {
      const match = /^ {2}(\S+): (\d+) \(/.exec(line);
      if (match) reasons[match[1]!] = Number(match[2]);
    } else if (section === 'formats') {
      const at = line.lastIndexOf(': ');
      formats[line.slice(2, at)] = line.slice(at + 2);
    }
  }
  const headerLines = /^header lines: (\d+)$/m.exec(stderr);
  return { lines: number('lines read'), records: number('records'), skipped: number('skipped'), headerLines: headerLines ? Number(headerLines[1]) : 0, reasons, formats };
}

/** lines read = records + skipped + header lines, and the reasons add up to the skipped lines. */
export function assertAccounted(stats: { lines: number; records: number; skipped: number; headerLines?: number }, reasons: Record<string, number>): void {
  assert.equal(stats.lines, stats.records + stats.skipped + (stats.headerLines ?? 0), 'lines read = records + skipped + header lines');
  const byReason = Object.values(reasons).reduce((sum, count) => sum + count, 0);
  assert.equal(byReason, stats.skipped, 'every skipped line has a reason');
}

/** No Node stack trace and no internal-error message: failures are one sentence. */
export function assertNoCrash(result: CliResult): void {
  assert.ok(result.code === 0 || result.code === 1 || result.code === 2, `exit code 0/1/2, got ${result.code}\n${result.stderr}`);
  assert.doesNotMatch(result.stderr, /\n\s+at .+\(.*:\d+:\d+\)|internal error|TypeError|RangeError/, result.stderr);
}

const BIN = fileURLToPath(new URL('../../bin/anomalog', import.meta.url));
const RSS_PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));

/** Runs the built CLI with a probe that prints its peak resident set size (KiB) last on stderr. */
export function runCliMeasured(args: readonly string[], options: { cwd: string; timeoutMs?: number }): Promise<CliResult & { maxRssKiB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_PROBE, BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const text = Buffer.concat(stderr).toString('utf8');
      const match = /\nmaxrss-kib=(\d+)\n$/.exec(text);
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: match ? text.slice(0, match.index + 1) : text,
        code,
        maxRssKiB: match ? Number(match[1]) : Number.NaN,
      });
    });
  });
}
