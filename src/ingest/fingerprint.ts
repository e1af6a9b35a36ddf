import { stat } from 'node:fs/promises';
import { escapeTerminal } from '../report/sanitize.js';

export type Fingerprints = Record<string, { size: number; mtime: string }>;

/** Size and modification time of each input file read (stdin and vanished files left out). */
export async function fingerprintFiles(files: readonly string[]): Promise<Fingerprints> {
  const fingerprints: Fingerprints = {};
  for (const file of files) {
    if (file === '-') continue;
    try {
      const info = await stat(file);
      if (info.isFile()) fingerprints[file] = { size: info.size, mtime: info.mtime.toISOString() };
    } catch {
      // A file gone by the end of the run has nothing to fingerprint; `show` will say it is missing.
    }
  }
  return fingerprints;
}

/** One sentence for the first input that is not the file the report read, or null when all are. */
export async function describeChangedInput(fingerprints: Fingerprints): Promise<string | null> {
  for (const [file, was] of Object.entries(fingerprints)) {
    const name = escapeTerminal(file);
    let now;
    try {
      now = await stat(file);
    } catch {
      return `${name} is not there any more (moved or deleted since the report was written); run show from the directory analyze ran in, or analyze again`;
    }
    if (now.size !== was.size || now.mtime.toISOString() !== was.mtime) {
      return `${name} changed since the report was written (${was.size} bytes at ${was.mtime}, now ${now.size} bytes at ${now.mtime.toISOString()}); analyze it again to show its lines`;
    }
  }
  return null;
}
