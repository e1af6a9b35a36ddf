// Runs one command to completion and measures its wall time and peak RSS.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export interface Measurement {
  wallMs: number;
  /** Peak resident set size in bytes, null when it could not be read. */
  peakRssBytes: number | null;
  exitCode: number;
}

const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME);

// Without GNU time, a Node child reports its own peak RSS on exit.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)); });",
)}`;

export interface CommandSpec {
  /** Executable and arguments. When the executable is `node`, the RSS fallback hook can be injected. */
  argv: string[];
  /** Exit codes that count as success (analyze exits 1 when incidents reach --fail-on; we do not pass it). */
  okCodes?: number[];
}

/** Runs `spec` with stdout to /dev/null and returns wall time and peak RSS. Throws on an unexpected exit code. */
export async function measure(spec: CommandSpec): Promise<Measurement> {
  const okCodes = spec.okCodes ?? [0];
  let argv = spec.argv;
  let rssFile: string | null = null;
  let rssDir: string | null = null;
  if (HAS_GNU_TIME) {
    argv = [GNU_TIME, '-v', ...argv];
  } else if (argv[0] === process.execPath) {
    rssDir = mkdtempSync(join(tmpdir(), 'bench-rss-'));
    rssFile = join(rssDir, 'rss');
    argv = [argv[0]!, '--import', RSS_HOOK, ...argv.slice(1)];
  }
  const started = performance.now();
  const child = spawn(argv[0]!, argv.slice(1), {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: rssFile === null ? process.env : { ...process.env, BENCH_RSS_FILE: rssFile },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    // Keep the tail only: GNU time's report is the last thing written.
    stderr = (stderr + text).slice(-64 * 1024);
  });
  const exitCode: number = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
  const wallMs = performance.now() - started;
  let peakRssBytes: number | null = null;
  if (HAS_GNU_TIME) {
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (match) peakRssBytes = Number(match[1]) * 1024;
  } else if (rssFile !== null && existsSync(rssFile)) {
    peakRssBytes = Number(readFileSync(rssFile, 'utf8'));
  }
  if (rssDir !== null) rmSync(rssDir, { recursive: true, force: true });
  // GNU time reports the child's status itself and exits with it.
  if (!okCodes.includes(exitCode)) {
    throw new Error(`${spec.argv.join(' ')} exited with ${exitCode}:\n${stderr.slice(-2000)}`);
  }
  return { wallMs, peakRssBytes, exitCode };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
