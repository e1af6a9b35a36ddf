import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import { escapeTerminal } from '../text/sanitize.js';

/**
 * Input file → size and a hash of its first and last 64 KiB. Not the mtime: the same file
 * checked out or copied elsewhere must give the same report byte for byte. Appending,
 * rotating, truncating or replacing a log changes the size or its ends; an edit inside a
 * large file of the same size would not be seen (reading it all again would cost a read).
 */
export type Fingerprints = Record<string, { size: number; sample: string }>;

const SAMPLE_BYTES = 65_536;

/** The size and sampled hash of one file; null when it is not a regular file. */
export async function fingerprintOf(file: string): Promise<{ size: number; sample: string } | null> {
  const info = await stat(file);
  if (!info.isFile()) return null;
  const handle = await open(file);
  try {
    const hash = createHash('sha256');
    const head = Buffer.alloc(Math.min(SAMPLE_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (info.size > SAMPLE_BYTES) {
      const tail = Buffer.alloc(Math.min(SAMPLE_BYTES, info.size - SAMPLE_BYTES));
      await handle.read(tail, 0, tail.length, info.size - tail.length);
      hash.update(tail);
    }
    return { size: info.size, sample: hash.digest('hex').slice(0, 16) };
  } finally {
    await handle.close();
  }
}

/** The fingerprint of each input file read (stdin and vanished files left out). */
export async function fingerprintFiles(files: readonly string[]): Promise<Fingerprints> {
  const fingerprints: Fingerprints = {};
  for (const file of files) {
    if (file === '-') continue;
    try {
      const fingerprint = await fingerprintOf(file);
      if (fingerprint !== null) fingerprints[file] = fingerprint;
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
      now = await fingerprintOf(file);
    } catch {
      now = null;
    }
    if (now === null) return `${name} is not there any more (moved or deleted since the report was written); run show where analyze ran, or name the files`;
    if (now.size !== was.size || now.sample !== was.sample) {
      return `${name} changed since the report was written (${was.size} bytes then, ${now.size} now); analyze it again to show its lines`;
    }
  }
  return null;
}
