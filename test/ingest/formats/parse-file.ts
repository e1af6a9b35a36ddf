// Test helper (not a test): reads a log file the way the ingest layer will (bytes
// as latin1 so nothing can fail to decode; gzip inflated) and parses every line
// with one format's parser.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { FormatOptions, LogFormat, LogRecord, ParseOutcome } from '../../../src/types.js';

export function readLines(path: string): string[] {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export interface FileOutcome {
  lines: number;
  records: LogRecord[];
  skipped: Record<string, number>;
  outcomes: ParseOutcome[];
}

/** Parses `paths` in order with one parser per file, as the ingest layer does. */
export function parseFiles(format: LogFormat, paths: readonly string[], options: FormatOptions = {}): FileOutcome {
  const result: FileOutcome = { lines: 0, records: [], skipped: {}, outcomes: [] };
  for (const path of paths) {
    const parser = format.createParser(options);
    readLines(path).forEach((line, index) => {
      const outcome = parser.parse(line, { file: path, line: index + 1 });
      result.lines++;
      result.outcomes.push(outcome);
      if (typeof outcome === 'string') result.skipped[outcome] = (result.skipped[outcome] ?? 0) + 1;
      else result.records.push(outcome);
    });
  }
  return result;
}

/** Records of the lines that are data (header/comment/blank lines excluded): the ≥ 99.5 % base. */
export function dataLineShare(outcome: FileOutcome): number {
  const structural = (outcome.skipped.header ?? 0) + (outcome.skipped.comment ?? 0) + (outcome.skipped.blank ?? 0);
  return outcome.records.length / (outcome.lines - structural);
}

export const FORMATS_DIR = '../shared/data/formats';
export const REAL_DIR = '../shared/data/real';
