import type { LineParser, LogRecord, ParseOutcome, SourceRef } from '../types.js';

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
export function parseEntries(parser: LineParser, line: string, source: SourceRef): ParseOutcome[] {
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
