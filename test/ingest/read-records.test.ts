import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogFormat, LogRecord, SourceRef } from '../../src/types.js';
import { InputError, UsageError } from '../../src/errors.js';
import { createIngestStats, readRecordBatches, readRecords, RECORD_BATCH_SIZE, type IngestOptions } from '../../src/ingest/read-records.js';
import { RouteTemplater } from '../../src/normalize/route-templater.js';

/** A tiny format for pipeline tests: `TIME METHOD PATH STATUS`, `#` lines are comments. */
const spaceFormat: LogFormat = {
  id: 'space',
  description: 'test format',
  fields: { timeMs: 'first token (epoch ms)' },
  detect: (line) => (/^\d+ [A-Z]+ \S+ \d{3}$/.test(line) ? 1 : line.startsWith('#') ? 0.5 : 0),
  createParser: () => ({
    parse(line: string, source: SourceRef) {
      if (line.startsWith('#')) return 'comment';
      const parts = line.split(' ');
      if (parts.length !== 4) return 'not-space';
      if (parts[2] === '/crash') throw new Error('parser bug');
      return record(Number(parts[0]), parts[1]!, parts[2]!, Number(parts[3]), source);
    },
  }),
};

const pipeFormat: LogFormat = {
  id: 'pipe',
  description: 'another test format',
  fields: {},
  detect: (line) => (/^\d+\|[A-Z]+\|\S+$/.test(line) ? 1 : 0),
  createParser: () => ({
    parse(line: string, source: SourceRef) {
      const parts = line.split('|');
      return parts.length === 3 ? record(Number(parts[0]), parts[1]!, parts[2]!, 200, source) : 'not-pipe';
    },
  }),
};

function record(timeMs: number, method: string, path: string, status: number, source: SourceRef): LogRecord {
  return {
    timeMs,
    client: null,
    method,
    path,
    query: null,
    route: null,
    status,
    bytesSent: null,
    bytesReceived: null,
    durationMs: null,
    userAgent: null,
    referer: null,
    consumer: null,
    host: null,
    requestId: null,
    upstream: null,
    source,
  };
}

const formats = [spaceFormat, pipeFormat];

function tempFile(t: { after(fn: () => void): void }, name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-ingest-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function collect(inputs: string[], options: IngestOptions = {}) {
  const stats = createIngestStats();
  const records: LogRecord[] = [];
  for await (const batch of readRecordBatches(inputs, { formats, ...options }, stats)) records.push(...batch);
  return { stats, records };
}

test('every line is a record or a counted skip with its file:line; the first lines of each reason are kept', async (t) => {
  const path = tempFile(
    t,
    'a.log',
    ['# a comment', '1000 GET /users/1 200', '', '   ', 'garbage line', '2000 POST /login 401', '3000 GET /crash 500', '500 GET /users/2 200'].join('\r\n'),
  );
  const { stats, records } = await collect([path]);
  assert.equal(stats.lines, 8);
  assert.equal(stats.records, 3);
  // the comment line is the format's own, counted apart from skipped lines
  assert.equal(stats.skipped, 4);
  assert.equal(stats.headerLines, 1);
  assert.equal(stats.lines, stats.records + stats.skipped + stats.headerLines);
  assert.deepEqual(
    Object.fromEntries(Object.entries(stats.skippedByReason).map(([reason, entry]) => [reason, entry.firstLines.map((ref) => ref.line)])),
    { blank: [3, 4], 'not-space': [5], 'parser-error': [7] },
  );
  assert.deepEqual(stats.formats, { [path]: 'space' });
  assert.deepEqual(stats.files, [path]);
  assert.deepEqual(stats.timeRange, { start: 500, end: 2000 });
  assert.deepEqual(
    records.map((r) => [r.source.line, r.route]),
    [
      [2, '/users/{id}'],
      [6, '/login'],
      [8, '/users/{id}'],
    ],
  );
});

test('formats are detected per file, so mixed formats across files work', async (t) => {
  const a = tempFile(t, 'a.log', '1 GET /a 200\n2 GET /b 200\n');
  const b = tempFile(t, 'b.log', '3|PUT|/c\n4|GET|/d\n');
  const { stats, records } = await collect([a, b]);
  assert.deepEqual(stats.formats, { [a]: 'space', [b]: 'pipe' });
  assert.deepEqual(
    records.map((r) => r.path),
    ['/a', '/b', '/c', '/d'],
  );
});

test('a file mixing formats line by line (kubectl logs of several containers) parses each line with its format', async (t) => {
  const path = tempFile(t, 'mixed.log', '1 GET /a 200\n2|GET|/b\n3 GET /c 200\n4|GET|/d\n');
  const { stats, records } = await collect([path]);
  assert.equal(stats.records, 4);
  assert.equal(stats.formats[path], 'space+pipe');
  assert.deepEqual(
    records.map((r) => r.path),
    ['/a', '/b', '/c', '/d'],
  );
});

test('records come in batches of about RECORD_BATCH_SIZE and the sample buffer does not lose lines', async (t) => {
  const lines = Array.from({ length: 2500 }, (_, i) => `${i} GET /item/${i} 200`);
  const path = tempFile(t, 'big.log', `${lines.join('\n')}\n`);
  const stats = createIngestStats();
  const sizes: number[] = [];
  for await (const batch of readRecordBatches([path], { formats }, stats)) sizes.push(batch.length);
  assert.equal(
    sizes.reduce((a, b) => a + b, 0),
    2500,
  );
  assert.ok(sizes.length >= 2, `${sizes.length} batches`);
  assert.ok(sizes.slice(0, -1).every((size) => size >= RECORD_BATCH_SIZE));
  assert.equal(stats.lines, 2500);
});

test('readRecords yields one record at a time and a caller-owned templater can canonicalise routes', async (t) => {
  const path = tempFile(t, 'a.log', '1 GET /users/7 200\n');
  const templater = new RouteTemplater();
  const stats = createIngestStats();
  const routes: (string | null)[] = [];
  for await (const r of readRecords([path], { formats }, stats, templater)) routes.push(r.route);
  assert.deepEqual(routes, ['/users/{id}']);
  assert.equal(templater.canonical('/users/{id}'), '/users/{id}');
});

test('--strict: the first skipped data line is an InputError with file, line and reason; comments and blanks are fine', async (t) => {
  const path = tempFile(t, 'a.log', '# header\n\n1 GET /a 200\nbroken\n');
  await assert.rejects(collect([path], { strict: true }), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, `${path}:4: line skipped (not-space); --strict stops at the first skipped line`);
    return true;
  });
  const clean = tempFile(t, 'b.log', '# header\n\n1 GET /a 200\n');
  assert.equal((await collect([clean], { strict: true })).stats.records, 1);
});

test('an unknown --log-format is a UsageError listing the valid names', async (t) => {
  const path = tempFile(t, 'a.log', '1 GET /a 200\n');
  await assert.rejects(collect([path], { logFormat: 'nginx' }), (error: unknown) => {
    assert.ok(error instanceof UsageError);
    assert.equal(error.message, "unknown log format 'nginx'; valid formats: space, pipe");
    return true;
  });
});

test('a forced format skips detection', async (t) => {
  const path = tempFile(t, 'a.log', '1 GET /a 200\n2|GET|/b\n');
  const { stats } = await collect([path], { logFormat: 'pipe' });
  assert.equal(stats.formats[path], 'pipe');
  assert.equal(stats.records, 1);
  assert.equal(stats.skippedByReason['not-pipe']?.count, 1);
});

test('an undetectable file (binary) is an InputError telling to use --log-format', async (t) => {
  const path = tempFile(t, 'image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x10, 0x0a, 0x41]));
  await assert.rejects(collect([path]), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, `cannot detect the log format of ${path}; use --log-format NAME (see 'anomalog formats')`);
    return true;
  });
});

test('an empty file reads as zero lines with no format to detect', async (t) => {
  const path = tempFile(t, 'empty.log', '');
  const { stats } = await collect([path]);
  assert.equal(stats.lines, 0);
  assert.equal(stats.formats[path], '-');
});

test('records with an unusable time are skipped as bad-timestamp, not printed as nonsense', async (t) => {
  const path = tempFile(t, 'a.log', '1 GET /a 200\n99999999999999999999 GET /b 200\n');
  const { stats } = await collect([path]);
  assert.equal(stats.records, 1);
  assert.deepEqual(stats.skippedByReason['bad-timestamp']?.firstLines, [{ file: path, line: 2 }]);
});

test('lines over 64 KiB are skipped as line-too-long and the next line keeps its number', async (t) => {
  const path = tempFile(t, 'a.log', `1 GET /a 200\n${'x'.repeat(70_000)}\n3 GET /c 200\n`);
  const { stats, records } = await collect([path]);
  assert.deepEqual(stats.skippedByReason['line-too-long']?.firstLines, [{ file: path, line: 2 }]);
  assert.deepEqual(
    records.map((r) => r.source.line),
    [1, 3],
  );
});
