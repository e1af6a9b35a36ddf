import type { FormatOptions, IngestStats, LineParser, LogFormat, ParseOutcome, SourceRef } from '../types.js';
import { bestFormatForLine } from './detect-format.js';
import { parseEntries } from './parse-entries.js';

/**
 * The format one input is read with, and for a mixed input (several formats in the detection
 * sample, as in concatenated logs) the switch to another format mid-file. One parser per
 * format, made on first use; `stats.formats` names the formats that produced records.
 */
export class FormatSwitcher {
  format: LogFormat | null;
  parser: LineParser | null;
  private readonly parsers = new Map<LogFormat, LineParser>();
  /** Formats that produced records, in order of first use (mixed inputs only). */
  private readonly used: string[] = [];

  constructor(
    private readonly file: string,
    format: LogFormat | null,
    /** Mixed inputs: the formats seen in the sample, each line goes to the one that recognises it best. */
    readonly mixedCandidates: readonly LogFormat[] | null,
    /** Every format, for a line none of the candidates parses. */
    private readonly formats: readonly LogFormat[],
    private readonly formatOptions: FormatOptions,
    private readonly stats: IngestStats,
  ) {
    this.format = format;
    this.parser = format === null ? null : this.parserFor(format);
  }

  /** Mixed inputs: parse each line with the sample's format that recognises it best (ties: registry order). */
  switchToBestCandidate(payload: string): void {
    const best = bestFormatForLine(payload, this.mixedCandidates!);
    if (best !== null && best !== this.format) {
      this.format = best;
      this.parser = this.parserFor(best);
    }
  }

  /** Mixed inputs: the line is not of the current format, so detect it alone and switch if another format parses it. */
  parseWithBestFormat(payload: string, source: SourceRef): ParseOutcome[] | null {
    const other = bestFormatForLine(payload, this.formats);
    if (other === null || other === this.format) return null;
    const parser = this.parserFor(other);
    const outcomes = parseEntries(parser, payload, source);
    if (outcomes.every((outcome) => typeof outcome === 'string')) return null;
    this.format = other;
    this.parser = parser;
    return outcomes;
  }

  /** Mixed inputs: the current format produced a record. */
  noteUsed(): void {
    const format = this.format!;
    if (this.used.includes(format.id)) return;
    this.used.push(format.id);
    this.stats.formats[this.file] = this.used.join('+');
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
