import type { IngestStats } from '../types.js';
import type { AnalysisSettings } from './analysis-options.js';
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeTerminal } from '../text/sanitize.js';
import { MAX_FLAGGED } from '../detect/injection-incidents.js';
import { ProgressBar, type ProgressStream } from '../report/progress.js';

/** Warnings a run owes its user on stderr: skipped lines, folded routes, stale rules. */
export function printDiagnostics(settings: AnalysisSettings, stats: IngestStats, ruleWarnings: readonly string[], foldedRoutes: number, foldedClientRequests = 0, unstoredInjections = 0): void {
  if (settings.quiet) return;
  const lines: string[] = [];
  if (stats.skipped > 0) {
    const reasons = Object.entries(stats.skippedByReason)
      .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
      .map(([reason, { count, firstLines }]) => `${reason} ${count} (first at ${firstLines.map((s) => `${s.file}:${s.line}`).join(', ')})`);
    lines.push(`anomalog: skipped ${stats.skipped} of ${stats.lines} lines: ${reasons.join('; ')}`);
  }
  if (foldedRoutes > 0) lines.push(`anomalog: ${foldedRoutes} rare routes were folded into /{other} (raise --max-routes to keep more)`);
  if (foldedClientRequests > 0) lines.push(`anomalog: ${foldedClientRequests} requests from clients past the first --max-clients were counted as one "(other clients)" and not scored per client (raise --max-clients to keep more)`);
  if (unstoredInjections > 0) lines.push(`anomalog: ${unstoredInjections} more requests were flagged for injection past the first ${MAX_FLAGGED}; they are counted here but in no incident`);
  for (const warning of ruleWarnings) lines.push(`anomalog: ${warning}`);
  if (lines.length > 0) process.stderr.write(`${lines.map(escapeTerminal).join('\n')}\n`);
}

/** What a command drives while it reads: `onBatch` after each batch of records, `done` before anything else goes to stderr. */
export interface RunProgress {
  onBatch(stats: IngestStats): void;
  done(): void;
}

const SILENT_PROGRESS: RunProgress = { onBatch: () => undefined, done: () => undefined };

/** Redraws are throttled by the bar itself; this keeps the byte count from costing a read of /proc per batch. */
const BYTES_SAMPLE_MS = 100;

/**
 * The progress bar of a run (`aggregateInputs(…, onBatch)`), on stderr only:
 * silent unless stderr is a terminal and the run is not `--quiet`, and the bar
 * itself waits a second before drawing, so short runs, CI logs and pipes never
 * see it. The total is the sum of the input files' sizes (directories walked;
 * stdin unknown), and bytes read are what this process has read since the bar
 * was created (Linux `/proc/self/io` rchar, which counts compressed bytes of a
 * .gz like its size does); without /proc the bar counts records only.
 */
export async function createProgress(
  settings: Pick<AnalysisSettings, 'quiet'>,
  inputs: readonly string[],
  { stream = process.stderr, now = () => performance.now() }: { stream?: ProgressStream; now?: () => number } = {},
): Promise<RunProgress> {
  if (settings.quiet || stream.isTTY !== true) return SILENT_PROGRESS;
  const totalBytes = await totalInputBytes(inputs);
  const bar = new ProgressBar({ stream, totalBytes, now });
  const startBytes = bytesReadByProcess();
  let sampledAt = Number.NEGATIVE_INFINITY;
  let bytesRead = 0;
  return {
    onBatch(stats) {
      const at = now();
      if (startBytes !== null && at - sampledAt >= BYTES_SAMPLE_MS) {
        sampledAt = at;
        const current = bytesReadByProcess();
        if (current !== null) bytesRead = totalBytes > 0 ? Math.min(totalBytes, current - startBytes) : current - startBytes;
      }
      bar.update(bytesRead, stats.records);
    },
    done: () => bar.done(),
  };
}

/** Sum of the sizes of the regular files the inputs name (recursively for directories); 0 when any is stdin or unreadable. */
export async function totalInputBytes(inputs: readonly string[]): Promise<number> {
  let total = 0;
  for (const input of inputs) {
    if (input === '-') return 0;
    const size = await sizeBelow(input);
    if (size === null) return 0;
    total += size;
  }
  return total;
}

async function sizeBelow(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? await directorySize(path) : info.size;
  } catch {
    // The reader reports a missing or unreadable input with a proper message; the bar just loses its percentage.
    return null;
  }
}

/** Counts what the reader reads below a directory: regular files, recursively; symlinks, sockets and FIFOs are skipped there too. */
async function directorySize(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) total += await directorySize(path);
    else if (entry.isFile()) total += (await stat(path)).size;
  }
  return total;
}

/** Bytes this process has read through read(2) so far, or null where /proc is not there. */
function bytesReadByProcess(): number | null {
  try {
    const match = /^rchar:\s*(\d+)/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return match === null ? null : Number(match[1]);
  } catch {
    return null;
  }
}
