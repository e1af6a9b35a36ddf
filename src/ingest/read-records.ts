import type { IngestStats, LogFormat, LogRecord } from '../types.js';
import { InputError, UsageError } from '../errors.js';
import { formats as registeredFormats } from './formats/index.js';
import { RouteTemplater } from '../normalize/route-templater.js';
import { describeDamage, readInputBytes, resolveInputs, type InputSource } from './open-input.js';
import { readLineRuns, type LineRun } from './line-reader.js';
import { EnvelopeUnwrapper, type PayloadSink } from './envelope.js';
import { DETECTION_SAMPLE_LINES } from './detect-format.js';
import { createIngestStats } from './ingest-stats.js';
import { trimLineEnds } from './line-text.js';
import { DAMAGED_INPUT, DamageWatch } from './damage-watch.js';
import { BufferingSink } from './buffering-sink.js';
import { UNDETECTED_FORMAT, type FileSink, type IngestContext } from './file-sink.js';
import { openFileSink } from './open-file-sink.js';

// Reading inputs into records, one job per module: resolve-inputs (open-input.ts), the
// detection sample (buffering-sink.ts), the format per input (open-file-sink.ts) and its
// switches mid-file (format-switcher.ts), parsing, counting, strict mode and templating per
// line (file-sink.ts), damaged inputs (damage-watch.ts). This module streams them in order and
// hands warnings to the caller's receiver.

export { createIngestStats };
export { DAMAGED_INPUT, UNDETECTED_FORMAT };
export { NO_FORMAT } from './open-file-sink.js';

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
  const context: IngestContext = { formats, forced, strict: options.strict === true, fieldMap: options.fieldMap, stats, templater, batch: [], warn };
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

async function* readSource(source: InputSource, context: IngestContext): AsyncGenerator<LogRecord[]> {
  const { stats } = context;
  stats.files.push(source.name);
  const unwrapper = new EnvelopeUnwrapper();
  const watch = new DamageWatch(source, context.strict);
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

    sink = openFileSink(source, buffering.sample, context);
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
