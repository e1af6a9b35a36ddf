// The worker reads records back from columns posted in batches (the User-Agent coded: each
// distinct agent crosses once): every field it reads must come back as the reader saw it,
// in every batch, whatever the batch an agent first appeared in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnReader, RecordColumnsBuilder, recordAt, transferables, type RecordColumns } from '../../../src/detect/injection/record-columns.js';
import { readRecordBatches, createIngestStats } from '../../../src/ingest/read-records.js';
import type { LogRecord } from '../../../src/types.js';

const REAL_LOG = '../shared/data/real/elastic-apache/apache_logs.gz';

/** The fields injection detection reads, as recordAt gives them. */
function readFields(r: LogRecord): Partial<LogRecord> {
  const { timeMs, client, method, path, query, route, status, userAgent, referer, host, source, headers, invalidProtocol } = r;
  return { timeMs, client, method, path, query, route, status, userAgent, referer, host, source: { file: source.file, line: source.line }, ...(headers ? { headers } : {}), ...(invalidProtocol !== undefined ? { invalidProtocol } : {}) };
}

/** Builds batches of `rows`, posts each as the worker gets it (a structured clone), reads them back. */
function roundTrip(records: readonly LogRecord[], rows: number): LogRecord[] {
  const builder = new RecordColumnsBuilder(rows);
  const reader = new ColumnReader();
  const out: LogRecord[] = [];
  const post = (): void => {
    const taken = builder.take();
    const columns = structuredClone(taken, { transfer: transferables(taken) }) as RecordColumns;
    reader.read(columns);
    for (let i = 0; i < columns.length; i++) out.push(recordAt(columns, i));
  };
  for (const record of records) {
    builder.add(record);
    if (builder.full) post();
  }
  if (builder.length > 0) post();
  return out;
}

test('records of a real log come back field for field from batches of any size, agents coded once', async () => {
  const records: LogRecord[] = [];
  for await (const batch of readRecordBatches([REAL_LOG], {}, createIngestStats())) records.push(...batch);
  assert.ok(records.length > 1000);
  assert.ok(new Set(records.map((r) => r.userAgent)).size < records.length / 2, 'agents repeat');
  assert.ok(records.some((r) => r.userAgent === null || r.userAgent === '-'));
  for (const rows of [7, 4096]) {
    const back = roundTrip(records, rows);
    assert.equal(back.length, records.length);
    for (let i = 0; i < records.length; i++) assert.deepEqual(readFields(back[i]!), readFields(records[i]!), `row ${i} in batches of ${rows}`);
  }
});

test('an agent repeated across batches is one string on the worker; null agents and rare fields survive', () => {
  const base: LogRecord = {
    timeMs: 1_700_000_000_000, client: '203.0.113.7', method: 'GET', path: '/a', query: null, route: '/a', status: 200,
    bytesSent: null, bytesReceived: null, durationMs: null, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0',
    referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: 'a.log', line: 1 },
  };
  const records: LogRecord[] = [
    base,
    { ...base, userAgent: null, source: { file: 'a.log', line: 2 } },
    { ...base, status: null, invalidProtocol: 'HTTP/9', source: { file: 'b.log', line: 1 } },
    { ...base, headers: [{ name: 'x-forwarded-for', value: '1.2.3.4' }], source: { file: 'b.log', line: 2 } },
    { ...base, userAgent: 'curl/8.4.0', source: { file: 'b.log', line: 3 } },
  ];
  const back = roundTrip(records, 2);
  assert.deepEqual(back.map(readFields), records.map(readFields));
  assert.equal(back[3]!.userAgent, back[0]!.userAgent);
  assert.equal(back[2]!.source.file, back[4]!.source.file);
});
