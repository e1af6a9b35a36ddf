// Property-based tests (fast-check) over every registered format:
// 1. any line in (random UTF-16, random bytes decoded as UTF-8, control
//    characters, quotes, very long fields, mutated real example lines) gives a
//    record or a non-empty skip reason, never an exception; detect stays in 0..1;
// 2. a record printed as ndjson (`anomalog parse`) and read back through the
//    generic JSON reader (`--log-format json`) is the same record;
// 3. the ingest pipeline on any mix of such lines keeps lines = records + skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { LogRecord, ParseOutcome, SourceRef } from '../../src/types.js';
import { formats } from '../../src/ingest/formats/index.js';
import { genericJsonFormat } from '../../src/ingest/formats/json-generic.js';
import { printedRecordJson, toPrintedRecord } from '../../src/cli/record-output.js';

const SOURCE: SourceRef = { file: 'property', line: 7 };
const FORMATS_DIR = '../shared/data/formats';
const EXAMPLES: string[] = readdirSync(FORMATS_DIR)
  .filter((name) => name.endsWith('.log'))
  .flatMap((name) => readFileSync(join(FORMATS_DIR, name), 'utf8').split('\n'))
  .filter((line) => line.trim() !== '');

function assertOutcome(outcome: ParseOutcome, where: string): void {
  if (typeof outcome === 'string') {
    assert.ok(outcome.length > 0, `${where}: a skip has a reason`);
    return;
  }
  assert.equal(typeof outcome, 'object', where);
  assert.notEqual(outcome, null, where);
  assert.equal(typeof outcome.timeMs, 'number', `${where}: timeMs is a number`);
  for (const key of ['status', 'bytesSent', 'bytesReceived', 'durationMs'] as const) {
    const value = outcome[key];
    assert.ok(value === null || (typeof value === 'number' && !Number.isNaN(value)), `${where}: ${key} is a number or null, got ${String(value)}`);
  }
  for (const key of ['client', 'method', 'path', 'query', 'route', 'userAgent', 'referer', 'consumer', 'host', 'requestId', 'upstream'] as const) {
    const value = outcome[key];
    assert.ok(value === null || typeof value === 'string', `${where}: ${key} is a string or null`);
  }
}

const HOSTILE_PIECES = ['"', '\\', '\\"', '""', '\t', '\r', '\u0000', '\u001b[2J', '\u001b]0;x\u0007', '\u2028', '\uFEFF', '%00', '../', '<script>', '=cmd|', '{', '}', '[', ']', '#Fields: date time', ' - - ', ':', ',', '\uD800'];

/** A real example line with hostile pieces inserted, a span cut out, or a field blown up to many KiB. */
const mutatedExample = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...HOSTILE_PIECES), fc.string({ unit: 'binary', maxLength: 8 }))), { maxLength: 6 }), fc.option(fc.tuple(fc.nat(), fc.nat({ max: 40 }))), fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1000, max: 70_000 }))))
  .map(([line, inserts, cut, blowUp]) => {
    let text = line;
    for (const [at, piece] of inserts) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i);
    }
    if (cut !== null) {
      const i = cut[0] % (text.length + 1);
      text = text.slice(0, i) + text.slice(i + cut[1]);
    }
    if (blowUp !== null) {
      const i = blowUp[0] % (text.length + 1);
      text = text.slice(0, i) + 'A'.repeat(blowUp[1]) + text.slice(i);
    }
    return text;
  });

const anyLine = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 300 }),
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes).toString('utf8')),
  fc.array(fc.constantFrom(...HOSTILE_PIECES), { maxLength: 30 }).map((pieces) => pieces.join('')),
  mutatedExample,
  mutatedExample,
);

test('every format: any line gives a record or a counted skip, never an exception; detect stays in 0..1', () => {
  // Stateful parsers (IIS and CloudFront #Fields, CSV headers) see the header lines of the examples first.
  const headers = EXAMPLES.filter((line) => line.startsWith('#') || /^[a-z_]+(,[a-z_]+)+$/i.test(line));
  const parsers = formats.map((format) => {
    const parser = format.createParser({ defaultYear: 2024 });
    for (const header of headers) parser.parse(header, SOURCE);
    return { format, parser };
  });
  fc.assert(
    fc.property(anyLine, (line) => {
      for (const { format, parser } of parsers) {
        const score = format.detect(line);
        assert.ok(score >= 0 && score <= 1, `${format.id}: detect gave ${score}`);
        assertOutcome(parser.parse(line, SOURCE), format.id);
        const all = (parser as { parseAll?: (line: string, source: SourceRef) => ParseOutcome[] }).parseAll?.(line, SOURCE);
        if (all !== undefined) {
          assert.ok(all.length >= 1, `${format.id}: parseAll gives at least one outcome`);
          for (const outcome of all) assertOutcome(outcome, `${format.id} parseAll`);
        }
      }
    }),
    { numRuns: 300, seed: 20240601 },
  );
});

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('-', '', ' ', '"', '%00', '\u001b[31m', '<script>', 'a b', '=1+1'));
const nullableText = fc.option(text, { nil: null });
const count = fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: null });

/** Records as a parser could produce them: a request line (the generic reader needs one), any other field. */
const printableRecord: fc.Arbitrary<LogRecord> = fc.record({
  timeMs: fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2100, 0, 1) }),
  client: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain()), { nil: null }),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND'),
  path: fc.webPath().map((path) => (path.startsWith('/') ? path : `/${path}`)),
  query: fc.option(fc.webQueryParameters(), { nil: null }),
  route: fc.option(fc.constantFrom('/api/items/{id}', '/{other}', '/'), { nil: null }),
  status: fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }),
  bytesSent: count,
  bytesReceived: count,
  durationMs: fc.option(fc.integer({ min: 0, max: 10_000_000 }).map((us) => us / 1000), { nil: null }),
  userAgent: nullableText,
  referer: nullableText,
  consumer: nullableText,
  host: fc.option(fc.domain(), { nil: null }),
  requestId: fc.option(fc.uuid(), { nil: null }),
  upstream: fc.option(fc.constantFrom('10.0.0.1:8080', 'http://backend:80', 'svc-a'), { nil: null }),
  source: fc.constant(SOURCE),
});

// Fields that come back unchanged. `route` is kept only when it was set (the
// generic reader does not invent one; ingest templates it later), `source` is
// where the ndjson line sits, and an empty string may read back as null.
const ROUND_TRIP_FIELDS = ['timeMs', 'client', 'method', 'path', 'query', 'status', 'bytesSent', 'bytesReceived', 'durationMs', 'userAgent', 'referer', 'consumer', 'host', 'requestId', 'upstream'] as const;

function emptyAsNull(value: unknown): unknown {
  return value === '' || value === '-' ? null : value;
}

/** An identity that is only a placeholder (blank, `-`, `null`, `undefined`, `(null)`, `<nil>`) is no identity (issue 16). */
function identityAsRead(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return ['', '-', 'null', 'undefined', '(null)', '<nil>'].includes(value.trim().toLowerCase()) ? null : value;
}

test('a record printed as ndjson and read back with the generic JSON reader is the same record', () => {
  const parser = genericJsonFormat.createParser({});
  fc.assert(
    fc.property(printableRecord, (record) => {
      const line = JSON.stringify(toPrintedRecord(record));
      const back = parser.parse(line, { file: 'records.ndjson', line: 1 });
      assert.equal(typeof back, 'object', `read back: ${String(back)} from ${line}`);
      const read = back as LogRecord;
      for (const field of ROUND_TRIP_FIELDS) {
        const expected = field === 'consumer' ? identityAsRead(record[field]) : emptyAsNull(record[field]);
        assert.deepEqual(emptyAsNull(read[field]), expected, `${field} of ${line}`);
      }
      if (record.route !== null) assert.equal(read.route, record.route);
    }),
    { numRuns: 500, seed: 20240602 },
  );
});

test('the hand-built ndjson line of a record is JSON.stringify of the printed record, byte for byte', () => {
  const oddNumber = fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e21, 0.1 + 0.2, 2 ** 53 + 2);
  const oddRecord = fc.record({
    base: printableRecord,
    // Times from before 1970 and past year 10000, fractions of a millisecond, values no Date can hold.
    timeMs: fc.oneof(fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.double({ noNaN: false }), fc.constantFrom(-1, -999, -1000, -1001, 0.5, 999.999)),
    status: fc.oneof(fc.constant(null), oddNumber, fc.integer()),
    durationMs: fc.oneof(fc.constant(null), oddNumber, fc.double()),
    text: fc.string({ unit: 'binary', maxLength: 40 }),
  });
  fc.assert(
    fc.property(fc.array(oddRecord, { minLength: 1, maxLength: 8 }), (records) => {
      // Several in a row: the per-second cache must never leak one record's second into the next.
      for (const { base, timeMs, status, durationMs, text } of records) {
        const record: LogRecord = { ...base, timeMs, status, durationMs, userAgent: text, source: { file: text, line: 3 } };
        assert.equal(printedRecordJson(record), JSON.stringify(toPrintedRecord(record)));
      }
    }),
    { numRuns: 2000, seed: 20240603 },
  );
  // The strings the fast path must leave to JSON.stringify, and the ones it may copy as they are.
  const base = fc.sample(printableRecord, { numRuns: 1, seed: 1 })[0]!;
  for (const text of ['"', '\\', 'a\u0000b', '\u001f', '\u007f', '\ud800', 'x\udfffy', '\ud83d\ude00', '\u2028\u2029', 'é', '', 'plain /path?q=1']) {
    const record: LogRecord = { ...base, path: text, userAgent: text, source: { file: text, line: 1 } };
    assert.equal(printedRecordJson(record), JSON.stringify(toPrintedRecord(record)), JSON.stringify(text));
  }
});
