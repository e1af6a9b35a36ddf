import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFilteredRecords } from '../../src/pipeline/read-filtered-records.js';
import { createIngestStats } from '../../src/ingest/read-records.js';
import { RecordFilter } from '../../src/config/record-filter.js';
import type { LogRecord } from '../../src/types.js';

const LOG = '../shared/data/real/nasa-http/NASA_access_log_Aug95';

async function collect(filter: RecordFilter, limit?: number): Promise<{ records: LogRecord[]; lines: number }> {
  const stats = createIngestStats();
  const records: LogRecord[] = [];
  for await (const record of readFilteredRecords([LOG], {}, filter, stats, limit)) records.push(record);
  return { records, lines: stats.lines };
}

test('parse reads the records the filter keeps, in input order, and stops reading at the limit', async () => {
  const all = await collect(new RecordFilter({}));
  const notFound = await collect(new RecordFilter({ status: ['404'] }));
  assert.ok(notFound.records.length > 0 && notFound.records.length < all.records.length, 'the shared NASA log has some 404s among other answers');
  assert.deepEqual(notFound.records.map((r) => r.source.line), all.records.filter((r) => r.status === 404).map((r) => r.source.line));
  const firstThree = await collect(new RecordFilter({ status: ['404'] }), 3);
  assert.deepEqual(firstThree.records.map((r) => r.source.line), notFound.records.slice(0, 3).map((r) => r.source.line));
  const firstOne = await collect(new RecordFilter({}), 1);
  assert.equal(firstOne.records.length, 1);
  assert.ok(firstOne.lines < all.lines, `reading stopped early: ${firstOne.lines} of ${all.lines} lines read`);
});
