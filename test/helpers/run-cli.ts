import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Repository root (tests run with it as cwd, but spawned commands should not depend on that). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/anomalog', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  /** Exit code; null only when the process died from a signal. */
  code: number | null;
}

export interface RunCliOptions {
  /** Written to the child's stdin, which is then closed (stdin is empty and closed when absent). */
  input?: string | Buffer;
  /** Extra environment; `NO_COLOR=1` is always set so output is plain. */
  env?: Record<string, string>;
  cwd?: string;
  /** Kill the child after this many ms (default 120 s) so a hang fails the test instead of stalling the suite; generous because a loaded 2-core runner can take 20 s to start a node process tree. */
  timeoutMs?: number;
}

/**
 * Runs the built CLI (`node bin/anomalog …`, so `npx tsc -p .` must have run:
 * `npm test` builds first) and collects everything it printed.
 */
export function runCli(args: readonly string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), code });
    });
    // A child that exits before reading its stdin must not fail the test with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
