// Where the report goes: --output and its extension, `-` for stdout, atomic
// replacement of the file, and byte-identical output for identical runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { validateReport } from '../../src/report/validate-report.js';

const INCIDENTS_LOG = 'fixtures/e2e/incidents/apigw.log';

const scratch = await mkdtemp(join(tmpdir(), 'anomalog-e2e-output-'));
test.after(() => rm(scratch, { recursive: true, force: true }));

async function freshDirectory(name: string): Promise<string> {
  const directory = join(scratch, name);
  await mkdir(directory);
  return directory;
}

function analyze(...args: string[]): Promise<CliResult> {
  return runCli(['analyze', INCIDENTS_LOG, ...args]);
}

function assertOneLineError(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit 2; stderr: ${result.stderr}`);
  assert.match(result.stderr, /^anomalog: [^\n]+\n$/, 'exactly one line on stderr');
  assert.match(result.stderr, pattern);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
}

test('the format follows the --output extension, and --format wins over it', async () => {
  const directory = await freshDirectory('extensions');
  const names = ['r.json', 'r.ndjson', 'r.csv', 'r.md', 'r.html', 'r.txt', 'r.unknown', 'forced.csv'];
  const results = await Promise.all(
    names.map((name) => analyze('--output', join(directory, name), ...(name === 'forced.csv' ? ['--format', 'json'] : []))),
  );
  for (const [i, result] of results.entries()) {
    assert.equal(result.code, 0, `${names[i]}: ${result.stderr}`);
    assert.equal(result.stdout, '', `${names[i]}: nothing on stdout when writing a file`);
  }
  const read = (name: string): Promise<string> => readFile(join(directory, name), 'utf8');
  assert.deepEqual(validateReport(JSON.parse(await read('r.json'))), []);
  const ndjson = (await read('r.ndjson')).trimEnd().split('\n');
  assert.ok(ndjson.length >= 3 && ndjson.slice(1).every((line) => 'incident' in JSON.parse(line)));
  assert.equal((parseCsv(await read('r.csv'), { columns: true }) as unknown[]).length, ndjson.length - 1);
  assert.match(await read('r.md'), /^## anomalog: /);
  assert.match(await read('r.html'), /^<!DOCTYPE html>/i);
  assert.match(await read('r.txt'), /^anomalog \S+: 1 file read\n[\s\S]*┌/);
  // an unknown extension gets the default for non-terminals, and so does a forced format
  assert.deepEqual(validateReport(JSON.parse(await read('r.unknown'))), []);
  assert.deepEqual(validateReport(JSON.parse(await read('forced.csv'))), []);
  assert.deepEqual((await readdir(directory)).sort(), [...names].sort(), 'no temporary file is left');
});

test('--output - is stdout, in the format asked for or json when piped', async () => {
  const [dashJson, dashCsv, file] = await Promise.all([
    analyze('--output', '-'),
    analyze('--output', '-', '--format', 'csv'),
    freshDirectory('dash').then(async (directory) => {
      const path = join(directory, 'r.json');
      const result = await analyze('--output', path);
      assert.equal(result.code, 0, result.stderr);
      return readFile(path, 'utf8');
    }),
  ]);
  assert.equal(dashJson.code, 0, dashJson.stderr);
  assert.equal(dashJson.stdout, file, 'stdout and --output FILE carry the same bytes');
  assert.match(dashCsv.stdout, /^rank,id,severity,/);
});

test('a failing run leaves the previous report untouched and no temporary file', async () => {
  const directory = await freshDirectory('atomic');
  const target = join(directory, 'report.json');
  const previous = '{"previous": "report"}\n';
  await writeFile(target, previous);
  // one missing input among several fails the run before anything is written
  const missing = await analyze(join(directory, 'missing.log'), '--output', target);
  assertOneLineError(missing, /cannot read .*missing\.log: no such file or directory/);
  assert.equal(await readFile(target, 'utf8'), previous);
  assert.deepEqual(await readdir(directory), ['report.json']);
});

test('a report that cannot be moved into place fails with one line and cleans up its temporary file', async () => {
  const directory = await freshDirectory('rename');
  // a directory where the report should go: the write succeeds, the final rename cannot
  await mkdir(join(directory, 'report.json'));
  const result = await analyze('--output', join(directory, 'report.json'));
  assertOneLineError(result, /cannot write .*report\.json/);
  assert.deepEqual(await readdir(directory), ['report.json']);
  const missingDirectory = await analyze('--output', join(directory, 'no-such-dir', 'report.json'));
  assertOneLineError(missingDirectory, /cannot write .*no-such-dir.*report\.json: no such directory/);
});

test('the same input, flags and seed give byte-identical reports, on a pipe or in a file (no timing, fixed width)', async () => {
  const directory = await freshDirectory('same-bytes');
  const seed = ['--seed', '7'];
  const [json1, json2, htmlPiped, htmlWritten, tablePiped, tableWritten] = await Promise.all([
    analyze('--format', 'json', ...seed),
    analyze('--format', 'json', ...seed),
    analyze('--format', 'html', ...seed),
    analyze('--output', join(directory, 'r.html'), ...seed),
    analyze('--format', 'table', ...seed),
    analyze('--output', join(directory, 'r.txt'), ...seed),
  ]);
  for (const result of [json1, json2, htmlPiped, htmlWritten, tablePiped, tableWritten]) assert.equal(result.code, 0, result.stderr);
  assert.ok(json1.stdout.length > 0 && json1.stdout === json2.stdout, 'json: two runs differ');
  assert.equal((JSON.parse(json1.stdout) as { model: { seed: number } }).model.seed, 7);
  // The page names the JSON report beside it in its `show` commands; piped, it has no name to give.
  const htmlFile = (await readFile(join(directory, 'r.html'), 'utf8')).replaceAll(`--report ${join(directory, 'r.json')}`, '--report REPORT.json');
  assert.ok(htmlPiped.stdout === htmlFile, 'html: two runs differ');
  assert.ok(tablePiped.stdout === (await readFile(join(directory, 'r.txt'), 'utf8')), 'table: two runs differ');
  for (const text of [htmlPiped.stdout, tablePiped.stdout]) assert.doesNotMatch(text, /Done in|took \d/, 'no wall-clock time in a reproducible report');
});
