import { unlinkSync } from 'node:fs';

/**
 * Temporary files a run has open (an `--output` being written before its
 * rename). They are removed when the run ends any other way than by the
 * rename: an error (the sink's abort), SIGINT or SIGTERM (the handlers below,
 * which then exit 130 or 143, as a shell reports a process killed by them),
 * or any other exit (the `exit` hook).
 */
const pending = new Set<string>();

/** Exit codes of a run ended by a signal: 128 + the signal's number, as shells report them. */
export const EXIT_INTERRUPTED = 130;
export const EXIT_TERMINATED = 143;

let installed = false;

function removeAll(): void {
  for (const path of pending) {
    try {
      unlinkSync(path);
    } catch {
      // Already gone (renamed or removed): nothing to clean.
    }
  }
  pending.clear();
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', removeAll);
  process.on('SIGINT', () => {
    removeAll();
    process.exit(EXIT_INTERRUPTED);
  });
  process.on('SIGTERM', () => {
    removeAll();
    process.exit(EXIT_TERMINATED);
  });
}

/** Registers a temporary file to remove if the run ends before `forgetTemporary`. */
export function trackTemporary(path: string): void {
  install();
  pending.add(path);
}

/** The file was renamed into place or removed: nothing left to clean. */
export function forgetTemporary(path: string): void {
  pending.delete(path);
}

