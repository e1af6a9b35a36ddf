// Bad input through the built CLI (`npx tsc -p .` first; `npm test` builds):
// damaged gzip, binary, NUL bytes, invalid UTF-8, a 100 MB line, blank and
// empty inputs, unreadable directory entries, a growing file, a missing
// input. Never a crash or a hang, and every line is a record or a counted skip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, createWriteStream, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runCli } from '../helpers/run-cli.js';
import { assertAccounted, assertNoCrash, readPrintedStats, runCliMeasured, tempDir } from './cli-accounting.js';

// elastic/examples Apache log (Apache-2.0), 10 000 combined-format lines.
const APACHE_GZ = '../shared/data/real/elastic-apache/apache_logs.gz';
const APACHE_TEXT = gunzipSync(readFileSync(APACHE_GZ)).toString('utf8');
const APACHE_LINES = APACHE_TEXT.split('\n').filter((line) => line.length > 0);

function apacheLines(count: number): string {
  return `${APACHE_LINES.slice(0, count).join('\n')}\n`;
}

async function parseStats(args: string[], input?: string | Buffer) {
  const result = await runCli(['parse', '--stats', '--format', 'ndjson', ...args], input === undefined ? {} : { input });
  assertNoCrash(result);
  return { result, stats: result.code === 0 ? readPrintedStats(result.stderr) : null };
}

test('a gzip file cut mid-stream: the readable part is used, the cut reported with file and byte offset; --strict is exit 2', async (t) => {
  const dir = tempDir(t);
  const whole = gzipSync(apacheLines(2000));
  const cutAt = Math.floor(whole.length * 0.6);
  const path = join(dir, 'cut.log.gz');
  writeFileSync(path, whole.subarray(0, cutAt));
  // What zcat can still recover from the same bytes: the records must be those lines.
  const recoverable = execFileSync('sh', ['-c', `zcat < '${path}' 2>/dev/null; true`]).toString('utf8');
  const completeLines = recoverable.split('\n').length - 1;

  const { result, stats } = await parseStats([path]);
  assert.equal(result.code, 0);
  assert.match(result.stderr, new RegExp(`warning: ${path}: gzip data is damaged at compressed byte ${cutAt} \\(unexpected end of file\\)`));
  assert.equal(stats!.records, completeLines);
  assert.equal(stats!.reasons['damaged-input'], recoverable.endsWith('\n') ? undefined : 1, 'the partial last line is counted, not parsed');
  assertAccounted(stats!, stats!.reasons);
  assert.equal(result.stdout.split('\n').length - 1, completeLines);

  const strict = await runCli(['parse', '--strict', path]);
  assertNoCrash(strict);
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /^anomalog: cannot read .*cut\.log\.gz: gzip data is damaged at compressed byte \d+ .*--strict stops at damaged inputs\n$/);
});

test('a gzip file with a bad CRC and one with trailing garbage: records before the damage are kept, the damage reported', async (t) => {
  const dir = tempDir(t);
  const whole = gzipSync(apacheLines(3000));
  const badCrc = Buffer.from(whole);
  badCrc.writeUInt32LE((badCrc.readUInt32LE(badCrc.length - 8) ^ 0xffffffff) >>> 0, badCrc.length - 8);
  writeFileSync(join(dir, 'crc.gz'), badCrc);
  writeFileSync(join(dir, 'trailing.gz'), Buffer.concat([whole, Buffer.from('garbage after the last member\n')]));
  writeFileSync(join(dir, 'zero-padded.gz'), Buffer.concat([whole, Buffer.alloc(4096)]));

  for (const [name, detail] of [
    ['crc.gz', 'incorrect data check'],
    ['trailing.gz', 'incorrect header check'],
    ['zero-padded.gz', '4096 bytes after the end of the gzip data are not gzip'],
  ] as const) {
    const { result, stats } = await parseStats([join(dir, name)]);
    assert.equal(result.code, 0, name);
    assert.match(result.stderr, new RegExp(`warning: .*${name}: gzip data is damaged at compressed byte \\d+ \\(${detail}\\)`));
    // zlib drops the output of the call that finds the error: at most one 16 KiB chunk, a few dozen lines here.
    assert.ok(stats!.records >= 2900 && stats!.records <= 3000, `${name}: ${stats!.records} records`);
    assertAccounted(stats!, stats!.reasons);
  }
});

test('gzip is recognised by content, not by name: a .gz name on a plain file and gzip data named .log both read in full', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'plain.gz'), apacheLines(100));
  writeFileSync(join(dir, 'packed.log'), gzipSync(apacheLines(100)));
  for (const name of ['plain.gz', 'packed.log']) {
    const { result, stats } = await parseStats([join(dir, name)]);
    assert.equal(result.code, 0);
    assert.doesNotMatch(result.stderr, /warning/);
    assert.equal(stats!.records, 100, name);
    assert.equal(stats!.skipped, 0);
  }
});

test('binary garbage: named alone it is exit 2 (no format), forced through a parser every line is a counted skip', async (t) => {
  const dir = tempDir(t);
  // Deterministic pseudo-random bytes (xorshift), with newlines wherever they fall.
  const bytes = Buffer.alloc(200_000);
  let state = 0x9e3779b9;
  for (let i = 0; i < bytes.length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  const path = join(dir, 'garbage.bin');
  writeFileSync(path, bytes);
  const newlines = bytes.filter((byte) => byte === 0x0a).length;
  const physicalLines = newlines + (bytes.at(-1) === 0x0a ? 0 : 1);

  const named = await runCli(['parse', path]);
  assertNoCrash(named);
  assert.equal(named.code, 2);
  assert.equal(named.stderr, `anomalog: cannot detect the log format of ${path}; use --log-format NAME (see 'anomalog formats')\n`);

  for (const format of ['clf', 'json', 'aws-alb', 'iis-w3c', 'csv']) {
    const { result, stats } = await parseStats(['--log-format', format, path]);
    assert.equal(result.code, 0, format);
    assert.equal(stats!.lines, physicalLines, format);
    assert.equal(stats!.records, 0, format);
    assertAccounted(stats!, stats!.reasons);
  }
});

test('NUL bytes, invalid UTF-8 and control characters inside real lines: each line is a record or a counted skip; ndjson stays valid', async (t) => {
  const dir = tempDir(t);
  const lines = APACHE_LINES.slice(0, 400).map((line) => Buffer.from(line, 'utf8'));
  const damaged = lines.map((line, i) => {
    switch (i % 5) {
      case 0:
        return Buffer.concat([line.subarray(0, 20), Buffer.from([0, 0, 0]), line.subarray(20)]);
      case 1:
        return Buffer.concat([line.subarray(0, 40), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), line.subarray(40)]);
      case 2:
        return Buffer.concat([line, Buffer.from('\x1b]0;owned\x07\x1b[2J\r')]);
      case 3:
        return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), line, Buffer.from('\r')]);
      default:
        return line;
    }
  });
  const path = join(dir, 'damaged.log');
  writeFileSync(path, Buffer.concat(damaged.flatMap((line) => [line, Buffer.from('\n')])));
  const { result, stats } = await parseStats([path]);
  assert.equal(result.code, 0);
  assert.equal(stats!.lines, 400);
  assertAccounted(stats!, stats!.reasons);
  // BOM and CR around an otherwise clean line change nothing: those lines are records.
  assert.ok(stats!.records >= 160, `${stats!.records} records`);
  for (const line of result.stdout.split('\n').filter(Boolean)) JSON.parse(line);
});

test('a 100 MB line without a newline is one line-too-long skip, read without holding it in memory', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'huge.log');
  const out = createWriteStream(path);
  out.write(apacheLines(50));
  const block = Buffer.alloc(1024 * 1024, 'A');
  for (let i = 0; i < 100; i += 1) if (!out.write(block)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');

  const small = join(dir, 'small.log');
  writeFileSync(small, apacheLines(50));
  const baseline = await runCliMeasured(['parse', '--stats', small], { cwd: process.cwd() });
  const result = await runCliMeasured(['parse', '--stats', path], { cwd: process.cwd() });
  assertNoCrash(result);
  assert.equal(result.code, 0);
  const stats = readPrintedStats(result.stderr);
  assert.deepEqual(stats.reasons, { 'line-too-long': 1 });
  assert.equal(stats.records, 50);
  assertAccounted(stats, stats.reasons);
  // Holding the line would cost 100 MB as bytes and 200 MB as a string; reading it costs a few read buffers.
  const extraMiB = (result.maxRssKiB - baseline.maxRssKiB) / 1024;
  assert.ok(extraMiB < 60, `peak RSS grew by ${extraMiB.toFixed(0)} MiB over a 50-line file`);
});

test('only blank lines, an empty file and an empty stdin: parse exits 0, analyze says nothing to judge (exit 2, 0 with --allow-empty), every blank line counted', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'blank.log'), '\n\n   \n\t\n\r\n');
  writeFileSync(join(dir, 'empty.log'), '');
  const blank = await parseStats([join(dir, 'blank.log')]);
  assert.equal(blank.result.code, 0);
  assert.deepEqual(blank.stats!.reasons, { blank: 5 });
  assertAccounted(blank.stats!, blank.stats!.reasons);

  const empty = await parseStats([join(dir, 'empty.log')]);
  assert.equal(empty.result.code, 0);
  assert.equal(empty.stats!.lines, 0);
  assert.equal(empty.result.stdout, '');

  const stdin = await parseStats(['-'], '');
  assert.equal(stdin.result.code, 0);
  assert.equal(stdin.stats!.lines, 0);

  for (const input of [join(dir, 'blank.log'), join(dir, 'empty.log')]) {
    // Nothing to judge is exit 2 with one line, unless the pipeline says quiet days are fine.
    const refused = await runCli(['analyze', '--format', 'json', input]);
    assertNoCrash(refused);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /nothing to judge/);
    const analyzed = await runCli(['analyze', '--format', 'json', '--allow-empty', input]);
    assertNoCrash(analyzed);
    assert.equal(analyzed.code, 0);
    const report = JSON.parse(analyzed.stdout) as { input: { lines: number; records: number; skipped: number; skippedByReason: Record<string, number> }; incidents: unknown[] };
    assertAccounted(report.input, report.input.skippedByReason);
    assert.deepEqual(report.incidents, []);
  }
});

test('a directory with a dangling symlink, a FIFO and an unreadable file: each skipped with a warning naming it, the rest read', async (t) => {
  const dir = tempDir(t);
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  writeFileSync(join(logs, 'a.log'), apacheLines(30));
  symlinkSync(join(dir, 'rotated-away.log'), join(logs, 'b-dangling.log'));
  symlinkSync(join(logs, 'a.log'), join(logs, 'c-current.log'));
  execFileSync('mkfifo', [join(logs, 'd-pipe')]);
  // A FIFO would block forever if opened: the walk must not open it.
  const { result, stats } = await parseStats([logs]);
  assert.equal(result.code, 0);
  assert.match(result.stderr, new RegExp(`^anomalog: warning: skipped ${logs}/b-dangling\\.log: dangling symbolic link$`, 'm'));
  assert.match(result.stderr, new RegExp(`^anomalog: warning: skipped ${logs}/d-pipe: not a regular file$`, 'm'));
  assert.equal(stats!.records, 60, 'a.log and the symlink to it are both read');
  assertAccounted(stats!, stats!.reasons);

  const strict = await runCli(['parse', '--strict', logs]);
  assertNoCrash(strict);
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /b-dangling\.log: dangling symbolic link; --strict stops at unreadable inputs/);
});

test('a file without read permission in a directory is skipped with a warning (only testable when not root)', { skip: process.getuid?.() === 0 ? 'root reads every file' : false }, async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.log'), apacheLines(10));
  writeFileSync(join(dir, 'secret.log'), apacheLines(10), { mode: 0o000 });
  const { result, stats } = await parseStats([dir]);
  assert.equal(result.code, 0);
  assert.match(result.stderr, /warning: skipped .*secret\.log: permission denied/);
  assert.equal(stats!.records, 10);
});

test('a file that grows while it is read: the run ends, and what was read is accounted for', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'growing.log');
  writeFileSync(path, apacheLines(10_000).repeat(5));
  const appender = setInterval(() => appendFileSync(path, apacheLines(200)), 5);
  try {
    const { result, stats } = await parseStats([path]);
    assert.equal(result.code, 0);
    assert.ok(stats!.records >= 50_000, `${stats!.records} records`);
    assertAccounted(stats!, stats!.reasons);
  } finally {
    clearInterval(appender);
  }
});

test('a missing file among several inputs is exit 2 naming it, before any output', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.log'), apacheLines(10));
  const result = await runCli(['parse', join(dir, 'a.log'), join(dir, 'missing.log'), join(dir, 'a.log')]);
  assertNoCrash(result);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, `anomalog: cannot read ${join(dir, 'missing.log')}: no such file or directory\n`);
});
