import type { FormatOptions, IngestStats, LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../types.js';
import { InputError, UsageError } from '../errors.js';
import { formats as registeredFormats } from './formats/index.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { describeDamage, readInputBytes, resolveInputs, type InputDamage, type InputSource } from './open-input.js';
import { readLineRuns, type LineRun } from './line-reader.js';
import { EnvelopeUnwrapper, unwrapAmbiguous, type PayloadSink } from './envelope.js';
import { DETECTION_SAMPLE_LINES, bestFormatForLine, chooseFormat, chooseUnwrapping, describeUndetectable } from './detect-format.js';
import { STRUCTURAL_SKIP_REASONS, countExpandedEntries, countRecord, countSkip, countTruncated, createIngestStats } from './ingest-stats.js';
import { escapeTerminal } from '../text/sanitize.js';

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
  /** Distinct clients kept apart before the rest count as one "(other clients)" (`--max-clients`; used by aggregation). */
  maxClients?: number;
  /** The formats to detect and parse with; defaults to every registered format. */
  formats?: readonly LogFormat[];
  /**
   * Receives one-line warnings: directory entries skipped (unreadable,
   * undetectable format), inputs only partly readable (damaged gzip, read
   * errors). The CLI prints them (`anomalog: warning: …` on stderr); ingest never prints. Without
   * a receiver a warning is an error (InputError), so none is lost.
   */
  onWarning?: (message: string) => void;
}

/** Skip reason of every line of a directory file whose format cannot be detected. */
export const UNDETECTED_FORMAT = 'undetected-format';
/** Skip reason of the last, partial line of an input that damage (gzip corruption, a read error) cut short. */
export const DAMAGED_INPUT = 'damaged-input';
/** Format shown for a directory file that could not be read at all. */
export const UNREADABLE = 'unreadable';

/** Without a receiver, a warning stops the read: nothing may disappear silently. */
function throwWarning(message: string): never {
  throw new InputError(message);
}

/**
 * Records per yielded batch (batches may be somewhat larger: a batch ends between lines of a
 * read chunk). Small enough that a batch is consumed before the young generation is collected
 * twice: records that outlive that are copied to the old generation, to die there.
 */
export const RECORD_BATCH_SIZE = 250;

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
  const warn = options.onWarning ?? throwWarning;
  const sources = await resolveInputs(inputs, (message, lossy) => {
    if (lossy && options.strict === true) throw new InputError(`${message}; --strict stops at unreadable inputs`);
    warn(message);
  });
  const context: IngestContext = { formats, forced, options, stats, templater, batch: [], warn };
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
  warn: (message: string) => void;
}

/** Lines seen while the format is not known yet, replayed once it is. */
type BufferedEvent = { text: string; line: number; reason: null } | { text: null; line: number; reason: string };

class BufferingSink implements PayloadSink {
  readonly events: BufferedEvent[] = [];
  readonly sample: string[] = [];

  payload(text: string, line: number): void {
    const clean = trimLineEnds(text);
    this.events.push({ text: clean, line, reason: null });
    if (this.sample.length < DETECTION_SAMPLE_LINES && !isBlank(clean)) this.sample.push(clean);
  }

  skip(reason: string, line: number): void {
    this.events.push({ text: null, line, reason });
  }
}

/** Watches the bytes of one input: was it damaged, and did its readable part end mid-line? */
class DamageWatch {
  damage: InputDamage | null = null;
  private lastByte = -1;

  constructor(
    private readonly source: InputSource,
    private readonly strict: boolean,
  ) {}

  onDamage = (damage: InputDamage): void => {
    if (this.strict) throw new InputError(`cannot read ${escapeTerminal(describeDamage(this.source.name, damage))}; --strict stops at damaged inputs`);
    this.damage = damage;
  };

  async *watch(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1]!;
      yield chunk;
    }
  }

  /**
   * Damage ends the byte stream, after which the line reader hands over only
   * the unfinished last line (if any): that line was cut by the damage.
   */
  cutsLineOf(): boolean {
    return this.damage !== null && this.lastByte !== -1 && this.lastByte !== 0x0a;
  }
}

async function* readSource(source: InputSource, context: IngestContext): AsyncGenerator<LogRecord[]> {
  const { stats } = context;
  stats.files.push(source.name);
  const unwrapper = new EnvelopeUnwrapper();
  const watch = new DamageWatch(source, context.options.strict === true);
  const runs = readLineRuns(watch.watch(readInputBytes(source, watch.onDamage)));
  const buffering = new BufferingSink();
  let sink: FileSink | null = null;

  try {
    // Buffer only until the sample for detection is complete, then stream.
    // (A manual `next()`: leaving a for-await loop early would close the reader.)
    let exhausted = true;
    for (let next = await runs.next(); !next.done; next = await runs.next()) {
      feedRun(next.value, unwrapper, buffering, watch);
      if (buffering.sample.length >= DETECTION_SAMPLE_LINES) {
        exhausted = false;
        break;
      }
    }
    if (exhausted) unwrapper.flush(buffering);
    if (watch.damage?.kind === 'unreadable') {
      stats.formats[source.name] = UNREADABLE;
      context.warn(`skipped ${describeDamage(source.name, watch.damage)}`);
      return;
    }

    sink = createFileSink(source, buffering.sample, context);
    for (const event of buffering.events) {
      if (event.reason === null) sink.payload(event.text, event.line);
      else sink.skip(event.reason, event.line);
      if (context.batch.length >= RECORD_BATCH_SIZE) {
        yield context.batch;
        context.batch = [];
      }
    }
    if (!exhausted) {
      for (let next = await runs.next(); !next.done; next = await runs.next()) {
        // A run is one read's worth of lines, so batches overshoot RECORD_BATCH_SIZE by at most a run.
        feedRun(next.value, unwrapper, sink, watch);
        if (context.batch.length >= RECORD_BATCH_SIZE) {
          yield context.batch;
          context.batch = [];
        }
      }
      unwrapper.flush(sink);
    }
    if (watch.damage !== null) context.warn(describeDamage(source.name, watch.damage));
    if (sink.undetected) {
      context.warn(`skipped ${source.name}: cannot detect its log format (its ${sink.lines} lines are counted as ${UNDETECTED_FORMAT}; name it with --log-format to read it)`);
    }
  } finally {
    await runs.return(undefined);
  }
}

function feedRun(run: LineRun, unwrapper: EnvelopeUnwrapper, sink: PayloadSink, watch: DamageWatch): void {
  const cut = watch.cutsLineOf();
  for (let i = 0; i < run.lines.length; i += 1) {
    const text = run.lines[i]!;
    const line = run.firstLine + i;
    if (cut && i === run.lines.length - 1) sink.skip(DAMAGED_INPUT, line);
    else if (text === null) sink.skip('line-too-long', line);
    else unwrapper.unwrap(trimLineEnds(text), line, sink);
  }
}

/**
 * Drops a byte-order mark and a trailing carriage return. The line reader
 * already removes them at the start of a file and before `\n`; these are the
 * ones it cannot see: a BOM at the start of a concatenated file's later part
 * or of an envelope payload, a `\r` at the end of a payload or of a last line.
 */
export function trimLineEnds(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0xfeff) start += 1;
  while (end > start && text.charCodeAt(end - 1) === 0x0d) end -= 1;
  return start === 0 && end === text.length ? text : text.slice(start, end);
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
    // A file met in a directory walk (a README, a PROVENANCE.md, a core dump) costs its own lines, not the run.
    if (source.fromDirectory && options.strict !== true) {
      stats.formats[source.name] = NO_FORMAT;
      return new FileSink(source.name, null, false, null, formatOptions, context, true);
    }
    throw new InputError(describeUndetectable(escapeTerminal(source.name)));
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
    /** A directory file whose format could not be detected: every line is counted as `undetected-format`. */
    readonly undetected = false,
  ) {
    this.format = format;
    this.parser = format === null ? null : this.parserFor(format);
  }

  /** Entries counted for this input (records plus skips). */
  lines = 0;

  skip(reason: string, line: number): void {
    if (this.context.options.strict === true && !STRUCTURAL_SKIP_REASONS.has(reason)) {
      throw new InputError(`${escapeTerminal(this.file)}:${line}: line skipped (${reason}); --strict stops at the first skipped line`);
    }
    this.lines += 1;
    countSkip(this.context.stats, reason, { file: this.file, line });
  }

  payload(rawText: string, line: number): void {
    if (this.undetected) {
      this.skip(UNDETECTED_FORMAT, line);
      return;
    }
    const text = trimLineEnds(rawText);
    if (isBlank(text)) {
      this.skip('blank', line);
      return;
    }
    if (this.parser === null || this.format === null) {
      this.skip('no-format', line);
      return;
    }
    const payload = this.unwrapAmbiguous ? trimLineEnds(unwrapAmbiguous(text) ?? text) : text;
    const source: SourceRef = { file: this.file, line };
    if (this.mixedCandidates !== null) this.switchToBestCandidate(payload);
    let outcomes = parseEntries(this.parser, payload, source);
    if (outcomes.every((outcome) => typeof outcome === 'string') && this.mixedCandidates !== null && !STRUCTURAL_SKIP_REASONS.has(outcomes[0] as string)) {
      outcomes = this.parseWithBestFormat(payload, source) ?? outcomes;
    }
    // One physical line may hold several entries (Azure `{"records":[…]}`, Kong batches): each is counted.
    if (outcomes.length > 1) countExpandedEntries(this.context.stats, outcomes.length - 1);
    for (const outcome of outcomes) {
      if (typeof outcome === 'string') this.skip(outcome === '' ? 'unparsed' : outcome, line);
      else this.accept(outcome, source);
    }
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
    this.lines += 1;
    countRecord(this.context.stats, record.timeMs);
    if (record.truncated !== undefined) countTruncated(this.context.stats, record.truncated, record.source);
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
  private parseWithBestFormat(payload: string, source: SourceRef): ParseOutcome[] | null {
    const other = bestFormatForLine(payload, this.context.formats);
    if (other === null || other === this.format) return null;
    const parser = this.parserFor(other);
    const outcomes = parseEntries(parser, payload, source);
    if (outcomes.every((outcome) => typeof outcome === 'string')) return null;
    this.format = other;
    this.parser = parser;
    return outcomes;
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

/** A parser that can return every record of a one-line envelope (the JSON formats: see json-line-format.ts). */
interface MultiEntryParser extends LineParser {
  parseAll(line: string, source: SourceRef): ParseOutcome[];
}

function hasParseAll(parser: LineParser): parser is MultiEntryParser {
  return typeof (parser as Partial<MultiEntryParser>).parseAll === 'function';
}

/**
 * Every entry of one line: one outcome, or several for a multi-record
 * envelope. Parsers see attacker-controlled text: one that throws or returns
 * nonsense costs the line, not the run.
 */
function parseEntries(parser: LineParser, line: string, source: SourceRef): ParseOutcome[] {
  try {
    if (hasParseAll(parser)) {
      const outcomes = parser.parseAll(line, source);
      if (!Array.isArray(outcomes) || outcomes.length === 0) return ['parser-error'];
      return outcomes.map(checkedOutcome);
    }
    return [checkedOutcome(parser.parse(line, source))];
  } catch {
    return ['parser-error'];
  }
}

function checkedOutcome(outcome: unknown): ParseOutcome {
  if (typeof outcome === 'string') return outcome;
  if (typeof outcome !== 'object' || outcome === null) return 'parser-error';
  return outcome as LogRecord;
}
