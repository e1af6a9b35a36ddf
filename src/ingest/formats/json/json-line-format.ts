// Turns a per-object parser and scorer into a LogFormat for JSON lines, handling
// what every JSON format shares: one JSON.parse per line, the not-json/bad-json
// reasons, and envelopes holding several records on one line.
import type { FormatOptions, LineParser, LogFormat, ParseOutcome, SourceRef } from '../../../types.js';
import { isJsonObject, readJsonLine, readJsonLineForDetect, type JsonObject, type JsonValue } from './json-value.js';

/** Skip reason for a line whose envelope holds more than one record (see `parseAll`). */
export const MULTI_RECORD_ENVELOPE = 'multi-record-envelope';
export const EMPTY_ENVELOPE = 'empty-envelope';

/**
 * A LineParser that can also return every record of a one-line envelope
 * (`{"records":[…]}` from Azure, Kong http-log batches `[{…},{…}]`). `parse`
 * returns the single record, or `multi-record-envelope` when there are several:
 * counted, never silently dropped; callers that know `parseAll` get them all.
 */
export interface MultiRecordLineParser extends LineParser {
  parseAll(line: string, source: SourceRef): ParseOutcome[];
}

export type ObjectParser = (object: JsonObject, source: SourceRef) => ParseOutcome;

export interface JsonFormatDefinition {
  id: string;
  description: string;
  fields: LogFormat['fields'];
  /** Confidence 0..1 that a parsed object is a record of this format. */
  scoreObject(object: JsonObject): number;
  createObjectParser(options: FormatOptions): ObjectParser;
}

/** The records inside a parsed line: itself, the items of a top-level array, or Azure's `records`. */
export function envelopeItems(value: JsonObject | JsonValue[]): JsonValue[] {
  if (Array.isArray(value)) return value;
  const records = Object.hasOwn(value, 'records') ? value['records'] : undefined;
  if (Array.isArray(records) && Object.keys(value).length === 1) return records;
  return [value];
}

export interface JsonLogFormat extends LogFormat {
  createParser(options: FormatOptions): MultiRecordLineParser;
}

export function defineJsonFormat(definition: JsonFormatDefinition): JsonLogFormat {
  const notThisFormat = `not-${definition.id}`;
  return {
    id: definition.id,
    description: definition.description,
    fields: definition.fields,
    detect(line: string): number {
      const value = readJsonLineForDetect(line);
      if (typeof value === 'string') return 0;
      const items = envelopeItems(value);
      let best = 0;
      // A few items are enough to recognise a batch; scoring all would make detect O(batch).
      for (let i = 0; i < items.length && i < 3; i++) {
        const item = items[i];
        if (isJsonObject(item)) best = Math.max(best, definition.scoreObject(item));
      }
      return best;
    },
    createParser(options: FormatOptions): MultiRecordLineParser {
      const parseObject = definition.createObjectParser(options);
      const parseItem = (item: JsonValue, source: SourceRef): ParseOutcome =>
        isJsonObject(item) ? parseObject(item, source) : notThisFormat;
      const parseAll = (line: string, source: SourceRef): ParseOutcome[] => {
        const value = readJsonLine(line);
        if (typeof value === 'string') return [value];
        const items = envelopeItems(value);
        if (items.length === 0) return [EMPTY_ENVELOPE];
        return items.map((item) => parseItem(item, source));
      };
      return {
        parse(line: string, source: SourceRef): ParseOutcome {
          const value = readJsonLine(line);
          if (typeof value === 'string') return value;
          const items = envelopeItems(value);
          if (items.length === 0) return EMPTY_ENVELOPE;
          if (items.length === 1) return parseItem(items[0]!, source);
          return MULTI_RECORD_ENVELOPE;
        },
        parseAll,
      };
    },
  };
}
