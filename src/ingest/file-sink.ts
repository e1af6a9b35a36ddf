import type { LogFormat, LogRecord, SourceRef } from '../types.js';
import type { IngestStats } from '../types.js';
import { InputError } from '../errors.js';
import type { RouteTemplater } from '../normalize/route-templater.js';
import { unwrapAmbiguous, type PayloadSink } from './envelope.js';
import { STRUCTURAL_SKIP_REASONS, countExpandedEntries, countRecord, countSkip, countTruncated } from './ingest-stats.js';
import { escapeTerminal } from '../text/sanitize.js';
import { isBlank, trimLineEnds } from './line-text.js';
import { parseEntries } from './parse-entries.js';
import type { FormatSwitcher } from './format-switcher.js';

/** Skip reason of every line of a directory file whose format cannot be detected. */
export const UNDETECTED_FORMAT = 'undetected-format';

/** What every input of one read shares. */
export interface IngestContext {
  formats: readonly LogFormat[];
  forced: LogFormat | null;
  strict: boolean;
  fieldMap: Record<string, string> | undefined;
  stats: IngestStats;
  templater: RouteTemplater;
  /** Records not yet yielded; shared across inputs so small files still make full batches. */
  batch: LogRecord[];
  warn: (message: string) => void;
}

/**
 * Parses the payloads of one input and counts every line exactly once: a record (its route
 * templated when the log has none), or a skip with its reason and line (with `--strict`, the
 * first skip that is not structural stops the read).
 */
export class FileSink implements PayloadSink {
  /** Entries counted for this input (records plus skips). */
  lines = 0;

  constructor(
    private readonly file: string,
    private readonly reader: FormatSwitcher,
    private readonly unwrapAmbiguous: boolean,
    private readonly context: IngestContext,
    /** A directory file whose format could not be detected: every line is counted as `undetected-format`. */
    readonly undetected = false,
  ) {}

  skip(reason: string, line: number): void {
    if (this.context.strict && !STRUCTURAL_SKIP_REASONS.has(reason)) {
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
    const reader = this.reader;
    if (reader.parser === null || reader.format === null) {
      this.skip('no-format', line);
      return;
    }
    const payload = this.unwrapAmbiguous ? trimLineEnds(unwrapAmbiguous(text) ?? text) : text;
    const source: SourceRef = { file: this.file, line };
    const mixed = reader.mixedCandidates !== null;
    if (mixed) reader.switchToBestCandidate(payload);
    let outcomes = parseEntries(reader.parser, payload, source);
    if (mixed && outcomes.every((outcome) => typeof outcome === 'string') && !STRUCTURAL_SKIP_REASONS.has(outcomes[0] as string)) {
      outcomes = reader.parseWithBestFormat(payload, source) ?? outcomes;
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
    if (this.reader.mixedCandidates !== null) this.reader.noteUsed();
    this.lines += 1;
    countRecord(this.context.stats, record.timeMs);
    if (record.truncated !== undefined) countTruncated(this.context.stats, record.truncated, record.source);
    this.context.batch.push(record);
  }
}
