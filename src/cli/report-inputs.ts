import { InputError, UsageError } from '../errors.js';
import { describeChangedInput, fingerprintOf } from '../ingest/fingerprint.js';
import type { ReportBack } from '../pipeline/read-report.js';
import { NO_FORMAT } from '../ingest/read-records.js';

/** The inputs to read: the ones named, else the report's, after checking they are the files it read. */
export async function inputsOf(named: string[], report: ReportBack | null): Promise<string[]> {
  if (named.length > 0) return named;
  if (report === null) throw new UsageError('name the log files to read, or pass --report to read the report\'s inputs');
  if (report.input.fingerprints !== undefined) {
    const changed = await describeChangedInput(report.input.fingerprints);
    if (changed !== null) throw new InputError(changed);
  }
  if (report.input.files.includes('-')) throw new UsageError('the report read stdin (-): name the log files to read');
  // A file met in a directory walk whose format was not detected (a README, a PROVENANCE.md) gave
  // the run no record: reading it again, named alone, would be an undetectable input (exit 2).
  const kept = report.input.files.filter((file) => report.input.formats[file] !== NO_FORMAT);
  return kept.length > 0 ? kept : report.input.files;
}

/**
 * The report input each named file is, when it moved or was copied (same size and sampled bytes
 * under another name): report name → named file, so an incident's line references follow it.
 */
export async function movedInputs(named: readonly string[], report: ReportBack): Promise<Map<string, string>> {
  const moved = new Map<string, string>();
  const fingerprints = Object.entries(report.input.fingerprints ?? {});
  if (fingerprints.length === 0) return moved;
  for (const file of named) {
    if (file === '-' || report.input.files.includes(file)) continue;
    let now;
    try {
      now = await fingerprintOf(file);
    } catch {
      continue;
    }
    if (now === null) continue;
    const was = fingerprints.find(([name, print]) => !moved.has(name) && print.size === now.size && print.sample === now.sample);
    if (was !== undefined) moved.set(was[0], file);
  }
  return moved;
}
