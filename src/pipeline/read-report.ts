// Reads a report back (`show --report`, `explain --report`): the JSON document, or the NDJSON lines (a header,
// then one incident each), each checked against schema/report.schema.json before anything is read from it.
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import ndjson from 'ndjson';
import type { Incident, InputSummary, ModelSummary, Report } from '../types.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';
import { validateNdjsonLine, validateReport } from '../report/validate-report.js';

/** The lines of an NDJSON report (schema/report.schema.json, $defs/NdjsonLine) that `show` reads. */
type NdjsonLine = { type: 'header'; input: InputSummary; model: ModelSummary } | { type: 'incident'; incident: Incident } | { type: 'suppressed' };

/** What `show` needs of a report: what it read and what it found. */
export interface ReportBack {
  input: InputSummary;
  incidents: Incident[];
  /** How the report was made (window, seed, trees, sample size, mode). */
  model?: Partial<Pick<ModelSummary, 'window' | 'seed' | 'trees' | 'sampleSize' | 'mode'>>;
}

/** The model fields `show` uses, as the (validated) report states them. */
function modelOf(model: ModelSummary): NonNullable<ReportBack['model']> {
  const { window, seed, trees, sampleSize, mode } = model;
  return { window, seed, trees, sampleSize, mode };
}

/** The schema version this anomalog writes and reads (schema/report.schema.json). */
const SCHEMA_VERSION: Report['schemaVersion'] = 1;

/** One sentence for a report the schema refuses: the file and the first thing wrong with it. */
function notAReport(path: string, where: string, errors: readonly string[], document: unknown): InputError {
  const version = typeof document === 'object' && document !== null ? (document as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version !== SCHEMA_VERSION) {
    return new InputError(`${escapeTerminal(path)} is a report of schema version ${version}; this anomalog reads version ${SCHEMA_VERSION}`);
  }
  return new InputError(`${escapeTerminal(path)} is not an anomalog report${where}: ${escapeTerminal(errors[0] ?? 'it does not match schema/report.schema.json')}`);
}

/** Reads a JSON report, or an NDJSON one line by line with the ndjson parser. */
export async function readReport(path: string): Promise<ReportBack> {
  let head: string;
  try {
    const handle = await open(path);
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
      head = buffer.toString('utf8', 0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new InputError(`cannot read the report ${escapeTerminal(path)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  // A JSON report is pretty-printed (`{` then a newline); NDJSON lines are objects on one line each.
  if (head === '{\n' || head === '{\r') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new InputError(`${escapeTerminal(path)} is not valid JSON: ${(error as Error).message}`);
    }
    const errors = validateReport(parsed);
    if (errors.length > 0) throw notAReport(path, '', errors, parsed);
    const report = parsed as Report;
    return { input: report.input, incidents: report.incidents, model: modelOf(report.model) };
  }
  // NDJSON: the header line carries input and model, then one line per incident (suppressed ones are skipped).
  let header: { input: InputSummary; model: ModelSummary } | null = null;
  const incidents: Incident[] = [];
  let lineNumber = 0;
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .pipe(ndjson.parse({ strict: true }))
      .on('data', (line: unknown) => {
        lineNumber += 1;
        const errors = validateNdjsonLine(line);
        if (errors.length > 0) {
          reject(notAReport(path, ` (line ${lineNumber})`, errors, line));
          return;
        }
        const known = line as NdjsonLine;
        if (known.type === 'header') {
          header = known;
        } else if (known.type === 'incident') {
          incidents.push(known.incident);
        }
      })
      .on('error', (error: Error) => reject(error instanceof InputError ? error : new InputError(`${escapeTerminal(path)} is not a JSON or NDJSON report: ${error.message}`)))
      .on('end', () => resolve());
  });
  // Set in the stream's callback, which the compiler does not follow.
  const read = header as { input: InputSummary; model: ModelSummary } | null;
  if (read === null) throw new InputError(`${escapeTerminal(path)} is not an anomalog report: it has no header line`);
  return { input: read.input, incidents, model: modelOf(read.model) };
}

/** `#3` (rank) or an id (or a unique start of one). */
export function findIncident(report: ReportBack, reference: string): Incident {
  if (/^#\d+$/.test(reference)) {
    const rank = Number(reference.slice(1));
    const incident = report.incidents.find((candidate) => candidate.rank === rank);
    if (incident === undefined) throw new InputError(`the report has no incident ranked ${reference} (it has ${report.incidents.length})`);
    return incident;
  }
  const matches = report.incidents.filter((candidate) => candidate.id.startsWith(reference));
  if (matches.length === 1) return matches[0]!;
  if (matches.length === 0) throw new InputError(`the report has no incident with id ${escapeTerminal(reference)} (use an id or #rank)`);
  throw new InputError(`${escapeTerminal(reference)} starts ${matches.length} incident ids: give more of it`);
}
