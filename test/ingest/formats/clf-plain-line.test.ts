import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { clfFormat, parseClfLineGeneral } from '../../../src/ingest/formats/clf.js';
import { scanPlainCombinedLine } from '../../../src/ingest/formats/common/clf-plain-line.js';
import { FORMATS_DIR, REAL_DIR, readLines } from './parse-file.js';

// The fast path must be invisible: on every line it accepts, the record equals
// what the general scanner makes of the same line.
const source = { file: 't.log', line: 7 };
const parse = (line: string) => clfFormat.createParser({}).parse(line, source);

function assertSameAsGeneral(line: string): boolean {
  const fast = scanPlainCombinedLine(line, source);
  assert.deepEqual(parse(line), parseClfLineGeneral(line, source), line);
  return fast !== null;
}

function clfLogFiles(): string[] {
  const files = [join(FORMATS_DIR, 'nginx-combined.log'), join(FORMATS_DIR, 'apache-access.log')];
  for (const dir of ['nasa-http', 'elastic-apache', 'logparser-hackers', 'secrepo-webhawk', 'netnea-labor07']) {
    const path = join(REAL_DIR, dir);
    for (const name of readdirSync(path)) {
      if (name.endsWith('.md')) continue;
      const file = join(path, name);
      if (statSync(file).isFile()) files.push(file);
    }
  }
  return files;
}

test('the fast path gives the general record on every line of the real CLF logs (and takes most of them)', () => {
  let lines = 0;
  let fast = 0;
  for (const file of clfLogFiles()) {
    // A few thousand lines per file keep the test quick; the logs are uniform within a file.
    for (const line of readLines(file).slice(0, 4000)) {
      lines++;
      if (assertSameAsGeneral(line)) fast++;
    }
  }
  assert.ok(lines > 10_000, `read ${lines} lines`);
  assert.ok(fast / lines > 0.5, `fast path took ${fast} of ${lines} lines`);
});

test('the fast path takes the generator-style nginx line, with every field right', () => {
  const line = '157.55.39.252 - alice [03/Mar/2026:00:00:01 +0100] "GET /api/v1/products?page=1 HTTP/1.1" 200 2436 "-" "bingbot/2.0" 0.009';
  assert.notEqual(scanPlainCombinedLine(line, source), null);
  const record = parse(line);
  assert.equal(typeof record, 'object');
  assert.deepEqual(record, parseClfLineGeneral(line, source));
  assert.deepEqual(
    { ...(record as object) },
    {
      timeMs: Date.UTC(2026, 2, 2, 23, 0, 1), client: '157.55.39.252', method: 'GET', path: '/api/v1/products', query: 'page=1', route: null,
      status: 200, bytesSent: 2436, bytesReceived: null, durationMs: 9, userAgent: 'bingbot/2.0', referer: null, consumer: 'alice',
      host: null, requestId: null, upstream: null, source,
    },
  );
});

test('lines off the plain shape fall back to the general scanner', () => {
  const fallbacks = [
    'example.com 1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET / HTTP/1.1" 200 1 "-" "-"', // vhost
    '1.2.3.4 - - [03/Mar/2026:00:00:01.123 +0000] "GET / HTTP/1.1" 200 1', // fraction
    '1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "get / HTTP/1.1" 200 1', // lower-case method
    '1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET http://h/x HTTP/1.1" 200 1', // absolute form
    '1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET /a\\"b HTTP/1.1" 200 1', // escaped quote
    '1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET /a HTTP/1.1" 200 +12', // signed bytes
    '1.2.3.4 - - [31/Apr/2026:00:00:01 +0000] "GET /a HTTP/1.1" 200 1', // no such day
    '1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET /a HTTP/1.1" 200 1 "-', // unterminated referer
    '1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET / HTTP/1.2" 400 1', // a version that does not exist
  ];
  for (const line of fallbacks) assert.equal(assertSameAsGeneral(line), false, line);
  // The general scanner notes a version that does not exist (a DoS tool's signature), and only that.
  const noted = (line: string): string | undefined => (parse(line) as { invalidProtocol?: string }).invalidProtocol;
  assert.equal(noted('1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET / HTTP/2.1" 400 1'), 'HTTP/2.1');
  for (const version of ['HTTP/1.0', 'HTTP/1.1', 'HTTP/2.0', 'HTTP/2', 'HTTP/3.0', 'HTTP/0.9']) {
    assert.equal(noted(`1.2.3.4 - - [03/Mar/2026:00:00:01 +0000] "GET / ${version}" 200 1`), undefined, version);
  }
});

test('property: mutated lines parse the same through the fast path and the general scanner', () => {
  const base = '10.0.3.122 - bob [03/Mar/2026:13:45:07 -0530] "POST /api/v1/orders/42?x=1&y=%20 HTTP/2.0" 201 17 "https://r.example/" "curl/8.0" 0.250';
  const alphabet = [' ', '"', '\\', '[', ']', '-', '?', '/', ':', '.', '+', '0', '9', 'A', 'z', '\t', '\u00a0', 'é'];
  const mutation = fc.record({
    at: fc.nat(base.length),
    remove: fc.nat(3),
    insert: fc.array(fc.constantFrom(...alphabet), { maxLength: 3 }).map((chars) => chars.join('')),
  });
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
      let line = base;
      for (const m of mutations) {
        const at = Math.min(m.at, line.length);
        line = line.slice(0, at) + m.insert + line.slice(at + m.remove);
      }
      assertSameAsGeneral(line);
    }),
    { numRuns: 3000, seed: 5 },
  );
});
