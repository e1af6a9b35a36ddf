import type { FormatOptions, IngestStats, LineParser, LogFormat, LogRecord, SourceRef } from '../types.js';
import { InputError, UsageError } from '../errors.js';
import { formats as registeredFormats } from './formats/index.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { readInputBytes, resolveInputs, type InputSource } from './open-input.js';
import { readLineRuns } from './line-reader.js';
import { EnvelopeUnwrapper, unwrapAmbiguous, type PayloadSink } from './envelope.js';
import { DETECTION_SAMPLE_LINES, bestFormatForLine, chooseFormat, chooseUnwrapping } from './detect-format.js';
import { STRUCTURAL_SKIP_REASONS, countRecord, countSkip, createIngestStats } from './ingest-stats.js';

export { createIngestStats };

export interface IngestOptions {
  /** Format id to use for every input instead of detecting it (`--log-format`). */
  logFormat?: string;
  /** `--map record_field=source_field` pairs for the generic JSON and CSV formats. */
  fieldMap?: Record<string, string>;
  /** Any skipped line (other than headers, comments, blank lines) is an `InputError`. */
  strict?: boolean;
  /** Distinct inferred routes kept before the rest fold into `/{other}` (used when no templater is passed). */
  maxRoutes?: number;
  /** The formats to detect and parse with; defaults to every registered format. */
  formats?: readonly LogFormat[];
}

/** Records per yielded batch (batches may be somewhat larger: a batch ends between lines of a read chunk). */
export const RECORD_BATCH_SIZE = 1000;

/** Format id shown for inputs with no non-blank line (nothing needed detecting). */
export const NO_FORMAT = '-';

/**
 * Every record of the inputs, in input order, in batches of about
 * `RECORD_BATCH_SIZE`. Each record has `route` set: the gateway's own when
 * the log has one, else the template from `templater` (pass your own to call
 * `templater.canonical()` on routes at the end). `stats` is updated as lines
 * are read, so it is complete when the generator finishes; stopping early
 * stops reading. Fails with `UsageError` for an unknown `logFormat` and with
 * `InputError` for unreadable inputs, undetectable formats, and (with
 * `strict`) the first skipped line.
 */
export async function* readRecordBatches(
  inputs: readonly string[],
  options: IngestOptions,
  stats: IngestStats,
  templater: RouteTemplater = new RouteTemplater({ maxRoutes: options.maxRoutes }),
): AsyncGenerator<LogRecord[]> {
  const formats = options.formats ?? registeredFormats;
  const forced = options.logFormat === undefined ? null : findForcedFormat(options.logFormat, formats);
  const sources = await resolveInputs(inputs);
  const context: IngestContext = { formats, forced, options, stats, templater, batch: [] };
  for (const source of sources) {
    yield* readSource(source, context);
  }
  if (context.batch.length > 0) yield context.batch;
}

/** Same as `readRecordBatches`, one record at a time. */
export async function* readRecords(
  inputs: readonly string[],
  options: IngestOptions,
  stats: IngestStats,
  templater?: RouteTemplater,
): AsyncGenerator<LogRecord> {
  for await (const batch of readRecordBatches(inputs, options, stats, templater)) yield* batch;
}

function findForcedFormat(id: string, formats: readonly LogFormat[]): LogFormat {
  const format = formats.find((candidate) => candidate.id === id);
  if (format === undefined) {
    const names = formats.map((candidate) => candidate.id).join(', ');
    throw new UsageError(`unknown log format '${id}'; valid formats: ${names || '(none registered)'}`);
  }
  return format;
}

interface IngestContext {
  formats: readonly LogFormat[];
  forced: LogFormat | null;
  options: IngestOptions;
  stats: IngestStats;
  templater: RouteTemplater;
  /** Records not yet yielded; shared across inputs so small files still make full batches. */
  batch: LogRecord[];
}

/** Lines seen while the format is not known yet, replayed once it is. */
type BufferedEvent = { text: string; line: number; reason: null } | { text: null; line: number; reason: string };

class BufferingSink implements PayloadSink {
  readonly events: BufferedEvent[] = [];
  readonly sample: string[] = [];

  payload(text: string, line: number): void {
    this.events.push({ text, line, reason: null });
    if (this.sample.length < DETECTION_SAMPLE_LINES && !isBlank(text)) this.sample.push(text);
  }

  skip(reason: string, line: number): void {
    this.events.push({ text: null, line, reason });
  }
}

async function* readSource(source: InputSource, context: IngestContext): AsyncGenerator<LogRecord[]> {
  const { stats } = context;
  stats.files.push(source.name);
  const unwrapper = new EnvelopeUnwrapper();
  const runs = readLineRuns(readInputBytes(source));
  const buffering = new BufferingSink();

  try {
    // Buffer only until the sample for detection is complete, then stream.
    // (A manual `next()`: leaving a for-await loop early would close the reader.)
    let exhausted = true;
    for (let next = await runs.next(); !next.done; next = await runs.next()) {
      feedRun(next.value.lines, next.value.firstLine, unwrapper, buffering);
      if (buffering.sample.length >= DETECTION_SAMPLE_LINES) {
        exhausted = false;
        break;
      }
    }
    if (exhausted) unwrapper.flush(buffering);

    const sink = createFileSink(source, buffering.sample, context);
    for (const event of buffering.events) {
      if (event.reason === null) sink.payload(event.text, event.line);
      else sink.skip(event.reason, event.line);
      if (context.batch.length >= RECORD_BATCH_SIZE) {
        yield context.batch;
        context.batch = [];
      }
    }
    if (exhausted) return;

    for (let next = await runs.next(); !next.done; next = await runs.next()) {
      const { lines, firstLine } = next.value;
      for (let i = 0; i < lines.length; i += 1) {
        const text = lines[i]!;
        if (text === null) sink.skip('line-too-long', firstLine + i);
        else unwrapper.unwrap(text, firstLine + i, sink);
        if (context.batch.length >= RECORD_BATCH_SIZE) {
          yield context.batch;
          context.batch = [];
        }
      }
    }
    unwrapper.flush(sink);
  } finally {
    await runs.return(undefined);
  }
}

function feedRun(lines: readonly (string | null)[], firstLine: number, unwrapper: EnvelopeUnwrapper, sink: PayloadSink): void {
  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i]!;
    if (text === null) sink.skip('line-too-long', firstLine + i);
    else unwrapper.unwrap(text, firstLine + i, sink);
  }
}

function isBlank(text: string): boolean {
  if (text.length === 0) return true;
  const first = text.charCodeAt(0);
  return (first === 0x20 || first === 0x09 || first === 0x0d) && text.trim() === '';
}

function createFileSink(source: InputSource, sample: readonly string[], context: IngestContext): FileSink {
  const { forced, formats, stats, options } = context;
  const formatOptions: FormatOptions = {
    fieldMap: options.fieldMap,
    defaultYear: new Date(source.mtimeMs ?? Date.now()).getUTCFullYear(),
  };
  if (forced !== null) {
    stats.formats[source.name] = forced.id;
    return new FileSink(source.name, forced, chooseUnwrapping(sample, forced), null, formatOptions, context);
  }
  if (sample.length === 0) {
    stats.formats[source.name] = NO_FORMAT;
    return new FileSink(source.name, null, false, null, formatOptions, context);
  }
  const choice = chooseFormat(sample, formats);
  if (choice === null) {
    throw new InputError(`cannot detect the log format of ${source.name}; use --log-format NAME (see 'anomalog formats')`);
  }
  stats.formats[source.name] = choice.format.id;
  return new FileSink(source.name, choice.format, choice.unwrapAmbiguous, choice.mixed ? choice.candidates : null, formatOptions, context);
}

/** Parses the payloads of one input and counts every line exactly once. */
class FileSink implements PayloadSink {
  private parser: LineParser | null;
  private format: LogFormat | null;
  private readonly parsers = new Map<LogFormat, LineParser>();
  /** Formats that produced records, in order of first use (mixed inputs only). */
  private readonly used: string[] = [];

  constructor(
    private readonly file: string,
    format: LogFormat | null,
    private readonly unwrapAmbiguous: boolean,
    /** Mixed inputs: the formats seen in the sample, each line goes to the one that recognises it best. */
    private readonly mixedCandidates: readonly LogFormat[] | null,
    private readonly formatOptions: FormatOptions,
    private readonly context: IngestContext,
  ) {
    this.format = format;
    this.parser = format === null ? null : this.parserFor(format);
  }

  skip(reason: string, line: number): void {
    if (this.context.options.strict === true && !STRUCTURAL_SKIP_REASONS.has(reason)) {
      throw new InputError(`${this.file}:${line}: line skipped (${reason}); --strict stops at the first skipped line`);
    }
    countSkip(this.context.stats, reason, { file: this.file, line });
  }

  payload(text: string, line: number): void {
    if (isBlank(text)) {
      this.skip('blank', line);
      return;
    }
    if (this.parser === null || this.format === null) {
      this.skip('no-format', line);
      return;
    }
    const payload = this.unwrapAmbiguous ? (unwrapAmbiguous(text) ?? text) : text;
    const source: SourceRef = { file: this.file, line };
    if (this.mixedCandidates !== null) this.switchToBestCandidate(payload);
    let outcome = parseSafely(this.parser, payload, source);
    if (typeof outcome === 'string' && this.mixedCandidates !== null && !STRUCTURAL_SKIP_REASONS.has(outcome)) {
      outcome = this.parseWithBestFormat(payload, source) ?? outcome;
    }
    if (typeof outcome === 'string') {
      this.skip(outcome === '' ? 'unparsed' : outcome, line);
      return;
    }
    this.accept(outcome, source);
  }

  private accept(record: LogRecord, source: SourceRef): void {
    // Beyond ±8.64e15 ms there is no Date, so no ISO time to print: as bad as NaN.
    if (typeof record.timeMs !== 'number' || !Number.isFinite(record.timeMs) || Math.abs(record.timeMs) > 8.64e15) {
      this.skip('bad-timestamp', source.line);
      return;
    }
    if (record.source === undefined || record.source === null) record.source = source;
    if (record.route === null || record.route === undefined) {
      record.route = typeof record.path === 'string' ? this.context.templater.template(record.path) : null;
    }
    if (this.mixedCandidates !== null) this.noteUsed(this.format!);
    countRecord(this.context.stats, record.timeMs);
    this.context.batch.push(record);
  }

  /** Mixed inputs: parse each line with the sample's format that recognises it best (ties: registry order). */
  private switchToBestCandidate(payload: string): void {
    const best = bestFormatForLine(payload, this.mixedCandidates!);
    if (best !== null && best !== this.format) {
      this.format = best;
      this.parser = this.parserFor(best);
    }
  }

  /** Mixed inputs: the line is not of the current format, so detect it alone and switch if another format parses it. */
  private parseWithBestFormat(payload: string, source: SourceRef): LogRecord | null {
    const other = bestFormatForLine(payload, this.context.formats);
    if (other === null || other === this.format) return null;
    const parser = this.parserFor(other);
    const outcome = parseSafely(parser, payload, source);
    if (typeof outcome === 'string') return null;
    this.format = other;
    this.parser = parser;
    return outcome;
  }

  private noteUsed(format: LogFormat): void {
    if (this.used.includes(format.id)) return;
    this.used.push(format.id);
    this.context.stats.formats[this.file] = this.used.join('+');
  }

  private parserFor(format: LogFormat): LineParser {
    let parser = this.parsers.get(format);
    if (parser === undefined) {
      parser = format.createParser(this.formatOptions);
      this.parsers.set(format, parser);
    }
    return parser;
  }
}

/** Parsers see attacker-controlled text: one that throws costs the line, not the run. */
function parseSafely(parser: LineParser, line: string, source: SourceRef): LogRecord | string {
  try {
    const outcome = parser.parse(line, source);
    if (typeof outcome === 'string') return outcome;
    if (typeof outcome !== 'object' || outcome === null) return 'parser-error';
    return outcome;
  } catch {
    return 'parser-error';
  }
}
