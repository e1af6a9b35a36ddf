import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_LINE_BYTES, readLineRuns } from '../../src/ingest/line-reader.js';

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
}

/** Every line with its number, flattened from the runs. */
async function linesOf(chunks: AsyncIterable<Buffer>, max?: number): Promise<[number, string | null][]> {
  const out: [number, string | null][] = [];
  for await (const run of readLineRuns(chunks, max)) run.lines.forEach((line, i) => out.push([run.firstLine + i, line]));
  return out;
}

test('CRLF, LF and mixed endings give the same lines; a lone CR stays in the text', async () => {
  assert.deepEqual(await linesOf(chunksOf('a\r\nb\nc\r\n')), [
    [1, 'a'],
    [2, 'b'],
    [3, 'c'],
  ]);
  assert.deepEqual(await linesOf(chunksOf('x\ry\n')), [[1, 'x\ry']]);
});

test('a CRLF split across two chunks is still one line ending', async () => {
  assert.deepEqual(await linesOf(chunksOf('first\r', '\nsecond\n')), [
    [1, 'first'],
    [2, 'second'],
  ]);
});

test('a UTF-8 BOM at the start is dropped, one later on is kept', async () => {
  assert.deepEqual(await linesOf(chunksOf('\uFEFFhead\n\uFEFFbody\n')), [
    [1, 'head'],
    [2, '\uFEFFbody'],
  ]);
});

test('the last line without a newline is a line; a final newline adds none; blank lines stay as empty strings', async () => {
  assert.deepEqual(await linesOf(chunksOf('one\n\ntwo')), [
    [1, 'one'],
    [2, ''],
    [3, 'two'],
  ]);
  assert.deepEqual(await linesOf(chunksOf('one\n')), [[1, 'one']]);
  assert.deepEqual(await linesOf(chunksOf('')), []);
});

test('lines split over many small chunks are joined, multi-byte characters included', async () => {
  const text = 'GET /caf\u00e9 \u2603\n';
  const bytes = Buffer.from(text, 'utf8');
  const oneByteChunks = [...bytes].map((byte) => Buffer.from([byte]));
  assert.deepEqual(await linesOf(chunksOf(...oneByteChunks)), [[1, 'GET /caf\u00e9 \u2603']]);
});

test('invalid UTF-8 becomes U+FFFD and never throws', async () => {
  const bytes = Buffer.concat([Buffer.from('ok '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' end\n')]);
  const [[line, text]] = (await linesOf(chunksOf(bytes))) as [[number, string]];
  assert.equal(line, 1);
  assert.equal(text, 'ok \uFFFD\uFFFD\uFFFD end');
});

test('a line over 64 KiB is reported as null and the following lines keep their numbers', async () => {
  const long = 'x'.repeat(MAX_LINE_BYTES + 1);
  const exact = 'y'.repeat(MAX_LINE_BYTES);
  const lines = await linesOf(chunksOf(`a\n${long}\n${exact}\nb\n`));
  assert.deepEqual(
    lines.map(([n, t]) => [n, t === null ? null : t.length]),
    [
      [1, 1],
      [2, null],
      [3, MAX_LINE_BYTES],
      [4, 1],
    ],
  );
});

test('a 100 MB line without a newline is skipped without being held in memory', async () => {
  const mib = Buffer.alloc(1024 * 1024, 0x61);
  let handedOut = 0;
  async function* hundredMegabytes(): AsyncGenerator<Buffer> {
    yield Buffer.from('before\n');
    for (let i = 0; i < 100; i += 1) {
      handedOut += mib.length;
      yield mib;
    }
    yield Buffer.from('\nafter');
  }
  const heapBefore = process.memoryUsage().heapUsed;
  let maxHeapGrowth = 0;
  const out: [number, string | null][] = [];
  for await (const run of readLineRuns(hundredMegabytes())) {
    maxHeapGrowth = Math.max(maxHeapGrowth, process.memoryUsage().heapUsed - heapBefore);
    run.lines.forEach((line, i) => out.push([run.firstLine + i, line]));
  }
  assert.equal(handedOut, 100 * 1024 * 1024);
  assert.deepEqual(out, [
    [1, 'before'],
    [2, null],
    [3, 'after'],
  ]);
  // Generous bound: the reader may keep one 64 KiB partial line, never the 100 MB.
  assert.ok(maxHeapGrowth < 32 * 1024 * 1024, `heap grew by ${maxHeapGrowth} bytes`);
});

test('the limit is configurable (used to test the boundary cheaply)', async () => {
  assert.deepEqual(await linesOf(chunksOf('1234\n12345\n123'), 4), [
    [1, '1234'],
    [2, null],
    [3, '123'],
  ]);
  // Split across chunks, the partial part alone already exceeds the limit.
  assert.deepEqual(await linesOf(chunksOf('12', '345', '67\nok\n'), 4), [
    [1, null],
    [2, 'ok'],
  ]);
});
