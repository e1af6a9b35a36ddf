import type { IngestStats, LogRecord } from '../types.js';
import type { RecordFilter } from '../config/record-filter.js';
import { readRecordBatches, type IngestOptions } from '../ingest/read-records.js';

/**
 * `parse`: the records of the inputs the filter keeps, in input order, at most `limit` of them.
 * Reading stops once the limit is reached (the rest of the input is never read), and `stats`
 * counts what was read up to there.
 */
export async function* readFilteredRecords(inputs: readonly string[], ingest: IngestOptions, filter: RecordFilter, stats: IngestStats, limit = Infinity): AsyncGenerator<LogRecord> {
  if (limit <= 0) return;
  const filtering = !filter.empty;
  let kept = 0;
  for await (const batch of readRecordBatches(inputs, ingest, stats)) {
    for (const record of batch) {
      if (filtering && !filter.keep(record)) continue;
      yield record;
      kept += 1;
      if (kept >= limit) return;
    }
  }
}
