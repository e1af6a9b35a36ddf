import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { InputError } from '../../src/errors.js';
import { readInputBytes, resolveInputs } from '../../src/ingest/open-input.js';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-open-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function textOf(path: string): Promise<string> {
  const [source] = await resolveInputs([path]);
  const chunks: Buffer[] = [];
  for await (const chunk of readInputBytes(source!)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

test('gzip is recognised by its magic bytes, whatever the file is called', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'access.log');
  writeFileSync(path, gzipSync('line one\nline two\n'));
  assert.equal(await textOf(path), 'line one\nline two\n');
});

test('concatenated gzip members are all read (cat a.gz b.gz)', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'rotated.gz');
  writeFileSync(path, Buffer.concat([gzipSync('from a\n'), gzipSync('from b\n')]));
  assert.equal(await textOf(path), 'from a\nfrom b\n');
});

test('a plain file named .gz is read as plain text', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'not-really.gz');
  writeFileSync(path, 'plain\n');
  assert.equal(await textOf(path), 'plain\n');
});

test('corrupt gzip data is an InputError naming the file', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'broken.gz');
  const good = gzipSync('x'.repeat(10_000));
  writeFileSync(path, good.subarray(0, good.length - 20));
  await assert.rejects(textOf(path), (error: unknown) => error instanceof InputError && error.message.includes('broken.gz'));
});

test('a directory contributes every regular file below it, sorted, recursively', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'b-sub'));
  mkdirSync(join(dir, 'b-sub', 'deeper'));
  writeFileSync(join(dir, 'c.log'), '');
  writeFileSync(join(dir, 'a.log'), '');
  writeFileSync(join(dir, 'b-sub', 'z.log'), '');
  writeFileSync(join(dir, 'b-sub', 'deeper', 'y.log'), '');
  writeFileSync(join(dir, 'B.log'), '');
  const sources = await resolveInputs([dir, '-']);
  assert.deepEqual(
    sources.map((source) => source.name),
    [
      join(dir, 'B.log'),
      join(dir, 'a.log'),
      join(dir, 'b-sub', 'deeper', 'y.log'),
      join(dir, 'b-sub', 'z.log'),
      join(dir, 'c.log'),
      '(stdin)',
    ],
  );
  assert.equal(sources.at(-1)!.path, null);
});

test('a missing input is one InputError sentence naming it, before anything is read', async () => {
  await assert.rejects(resolveInputs(['fixtures/ingest/nginx-combined.log', 'no/such/file.log']), (error: unknown) => {
    assert.ok(error instanceof InputError);
    assert.equal(error.message, 'cannot read no/such/file.log: no such file or directory');
    return true;
  });
});
