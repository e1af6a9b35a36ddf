// A CI gate cannot go green by accident: a run that analysed no record says so
// in one line and exits 2; --allow-empty turns that into an empty report, exit 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const CLEAN = 'fixtures/e2e/clean/nginx.log';

async function inputs(): Promise<{ directory: string; cases: Record<string, string> }> {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-nothing-'));
  const binaries = join(directory, 'binaries');
  await mkdir(binaries);
  // Random bytes with no newline and no gzip magic: no line of any format.
  for (const name of ['core.1', 'blob.bin']) await writeFile(join(binaries, name), Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), randomBytes(4096)]));
  await writeFile(join(directory, 'empty.log'), '');
  await mkdir(join(directory, 'empty-dir'));
  await writeFile(join(directory, 'one-line.log'), 'A'.repeat(30 * 1024 * 1024));
  await writeFile(join(directory, 'garbage.log.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0x00]), randomBytes(2048)]));
  return {
    directory,
    cases: {
      'a directory of binary files': binaries,
      'an empty file': join(directory, 'empty.log'),
      'an empty directory': join(directory, 'empty-dir'),
      'a 30 MB single line': join(directory, 'one-line.log'),
      'a garbage .gz': join(directory, 'garbage.log.gz'),
    },
  };
}

test('score of inputs holding no record, or --since past the data: one line, exit 2; --allow-empty: an empty report, exit 0', async () => {
  const { directory, cases } = await inputs();
  const baseline = join(directory, 'baseline.json');
  const learned = await runCli(['learn', CLEAN, '--no-config', '-o', baseline], { timeoutMs: 120_000 });
  assert.equal(learned.code, 0, learned.stderr);
  const runs: [string, string[]][] = [
    ...Object.entries(cases).map(([name, input]): [string, string[]] => [name, [input]]),
    ['--since past the end of the data', [CLEAN, '--since', '2030-01-01']],
  ];
  for (const [name, args] of runs) {
    const [refused, allowed] = await Promise.all([
      runCli(['score', ...args, '--baseline', baseline, '--no-config', '--format', 'json'], { timeoutMs: 120_000 }),
      runCli(['score', ...args, '--baseline', baseline, '--no-config', '--format', 'json', '--allow-empty', '-q'], { timeoutMs: 120_000 }),
    ]);
    assert.equal(refused.code, 2, `${name}: exit 2; stderr: ${refused.stderr}`);
    assert.equal(refused.stdout, '', `${name}: no report`);
    // Warnings about skipped directory files may come first; the verdict is the last line, and the only one with -q.
    assert.match(refused.stderr.trimEnd().split('\n').at(-1)!, /^anomalog: nothing to judge: .+; pass --allow-empty to accept an empty input$/, name);
    assert.doesNotMatch(refused.stderr, /\b1 lines\b|1 input and not one line in them/, `${name}: a count of one reads as one`);
    assert.equal(allowed.code, 0, `${name}: --allow-empty exits 0; stderr: ${allowed.stderr}`);
    assert.equal(allowed.stderr, '', `${name}: -q leaves stderr empty`);
    const report = JSON.parse(allowed.stdout) as { input: { records: number }; total: number; incidents: unknown[] };
    assert.deepEqual([report.input.records, report.total, report.incidents], [0, 0, []], name);
  }
});

test('analyze of an empty file exits 2 too; learn of one refuses to write a baseline', async () => {
  const { directory, cases } = await inputs();
  const [analyzed, learned] = await Promise.all([
    runCli(['analyze', cases['an empty file']!, '--no-config']),
    runCli(['learn', cases['an empty file']!, '--no-config', '-o', join(directory, 'b.json')]),
  ]);
  assert.equal(analyzed.code, 2);
  assert.match(analyzed.stderr, /^anomalog: nothing to judge: 1 input and not one line in it; pass --allow-empty/);
  assert.equal(learned.code, 2);
  assert.match(learned.stderr, /^anomalog: nothing to learn from: /);
});
