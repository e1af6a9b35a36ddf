// Reads a report back (`show --report`): the JSON document, or the NDJSON lines (a header, then one incident each).
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import ndjson from 'ndjson';
import type { Incident, InputSummary } from '../types.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';

/** What `show` needs of a report: what it read and what it found. */
export interface ReportBack {
  input: InputSummary;
  incidents: Incident[];
  /** The window the report scored in (`5m`), when the report says (JSON reports do). */
  model?: { window?: string };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkedInput(value: unknown, path: string): InputSummary {
  if (!isObject(value) || !Array.isArray(value.files) || !value.files.every((file) => typeof file === 'string')) {
    throw new InputError(`${escapeTerminal(path)} is not an anomalog report: it has no input.files`);
  }
  return value as unknown as InputSummary;
}

function checkedIncident(value: unknown, path: string): Incident {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.rank !== 'number' || typeof value.requests !== 'number') {
    throw new InputError(`${escapeTerminal(path)} holds an incident without id, rank or requests`);
  }
  return value as unknown as Incident;
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
    if (!isObject(parsed) || !Array.isArray(parsed.incidents)) throw new InputError(`${escapeTerminal(path)} is not an anomalog report: it has no incidents`);
    const model = isObject(parsed.model) && typeof parsed.model.window === 'string' ? { window: parsed.model.window } : undefined;
    return { input: checkedInput(parsed.input, path), incidents: parsed.incidents.map((incident) => checkedIncident(incident, path)), ...(model ? { model } : {}) };
  }
  // NDJSON: the header line carries input and model, then one line per incident (suppressed ones are skipped).
  let input: InputSummary | null = null;
  let model: { window: string } | undefined;
  const incidents: Incident[] = [];
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .pipe(ndjson.parse({ strict: true }))
      .on('data', (line: unknown) => {
        try {
          if (!isObject(line)) throw new InputError(`${escapeTerminal(path)} has a line that is not an object`);
          if (line.type === 'header') {
            input = checkedInput(line.input, path);
            if (isObject(line.model) && typeof line.model.window === 'string') model = { window: line.model.window };
          } else if (line.type === 'incident') {
            incidents.push(checkedIncident(line.incident, path));
          }
        } catch (error) {
          reject(error);
        }
      })
      .on('error', (error: Error) => reject(error instanceof InputError ? error : new InputError(`${escapeTerminal(path)} is not a JSON or NDJSON report: ${error.message}`)))
      .on('end', () => resolve());
  });
  if (input === null) throw new InputError(`${escapeTerminal(path)} is not an anomalog report: it has no header line`);
  return { input, incidents, ...(model ? { model } : {}) };
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
