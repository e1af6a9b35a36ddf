// Reads a report back (`show --report`): the JSON document, or the NDJSON lines (a header, then one incident each).
import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import ndjson from 'ndjson';
import type { Incident, InputSummary, ModelSummary } from '../types.js';
import { InputError } from '../errors.js';
import { escapeTerminal } from '../text/sanitize.js';

/** What `show` needs of a report: what it read and what it found. */
export interface ReportBack {
  input: InputSummary;
  incidents: Incident[];
  /** How the report was made (window, seed, trees, sample size, mode), as far as it says (JSON and NDJSON reports do). */
  model?: Partial<Pick<ModelSummary, 'window' | 'seed' | 'trees' | 'sampleSize' | 'mode'>>;
}

/** The model fields a report states, each kept only when it has the right type. */
function checkedModel(value: unknown): ReportBack['model'] {
  if (!isObject(value)) return undefined;
  const model: NonNullable<ReportBack['model']> = {};
  if (typeof value.window === 'string') model.window = value.window;
  for (const key of ['seed', 'trees', 'sampleSize'] as const) if (Number.isSafeInteger(value[key])) model[key] = value[key] as number;
  if (value.mode === 'analyze' || value.mode === 'score') model.mode = value.mode;
  return model;
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
    const model = checkedModel(parsed.model);
    return { input: checkedInput(parsed.input, path), incidents: parsed.incidents.map((incident) => checkedIncident(incident, path)), ...(model ? { model } : {}) };
  }
  // NDJSON: the header line carries input and model, then one line per incident (suppressed ones are skipped).
  let input: InputSummary | null = null;
  let model: ReportBack['model'];
  const incidents: Incident[] = [];
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .pipe(ndjson.parse({ strict: true }))
      .on('data', (line: unknown) => {
        try {
          if (!isObject(line)) throw new InputError(`${escapeTerminal(path)} has a line that is not an object`);
          if (line.type === 'header') {
            input = checkedInput(line.input, path);
            model = checkedModel(line.model);
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
