// Attacker-written log fields through the built CLI, in every format: nothing
// reaches a terminal that can act on it, nothing runs in a browser or a
// spreadsheet, and JSON stays valid. See fixtures/e2e/make-hostile-log.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { runCli, REPO_ROOT } from '../helpers/run-cli.js';
import { validateNdjsonLine, validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/types.js';
import { CLEAR_SCREEN, FORMULA, HOSTILE_CLIENT, OSC_TITLE, SCRIPT_TAG } from '../../fixtures/e2e/make-hostile-log.js';

const CLEAN_LOG = 'fixtures/e2e/clean/nginx.log';
const HOSTILE_LOG = 'fixtures/e2e/hostile/hostile.log';
// Anything a terminal acts on: C0 except LF, DEL and C1 (ESC, BEL, CR, the 8-bit CSI …).
const TERMINAL_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
// A spreadsheet runs a cell starting with one of these as a formula.
const FORMULA_START = /^[=+\-@\t\r\n]/;

const scratch = await mkdtemp(join(tmpdir(), 'anomalog-e2e-hostile-'));
test.after(() => rm(scratch, { recursive: true, force: true }));

async function analyze(format: string, options: { cwd?: string; inputs?: string[] } = {}): Promise<{ stdout: string; stderr: string }> {
  // Six of these run at once: a generous limit, so a loaded machine is not mistaken for a hang.
  const result = await runCli(['analyze', ...(options.inputs ?? [CLEAN_LOG, HOSTILE_LOG]), '--format', format], { timeoutMs: 60_000, ...(options.cwd ? { cwd: options.cwd } : {}) });
  assert.equal(result.code, 0, `${format}: ${result.stderr}`);
  return result;
}

const reports = Promise.all(['json', 'ndjson', 'csv', 'markdown', 'html', 'table'].map((format) => analyze(format)));

test('json: valid against the schema, and the hostile strings really reached the report', async () => {
  const [json] = await reports;
  const report = JSON.parse(json!.stdout) as Report;
  assert.deepEqual(validateReport(report), []);
  const hostile = report.incidents.find((incident) => incident.clients.includes(HOSTILE_CLIENT));
  assert.ok(hostile, 'the hostile client is reported');
  // Without these the other tests would pass for the wrong reason.
  const carried = JSON.stringify(hostile);
  for (const raw of [CLEAR_SCREEN, OSC_TITLE, '\r', SCRIPT_TAG, FORMULA]) assert.ok(carried.includes(JSON.stringify(raw).slice(1, -1)), `report carries ${JSON.stringify(raw)}`);
  assert.ok(report.input.skipped >= 4, 'the broken lines are counted');
  const byReason = Object.values(report.input.skippedByReason as Record<string, number>);
  assert.equal(byReason.reduce((sum, count) => sum + count, 0), report.input.skipped, 'each skipped line has a reason');
});

test('ndjson: every line is valid JSON and a schema-valid header or incident line', async () => {
  const [, ndjson] = await reports;
  const lines = ndjson!.stdout.trimEnd().split('\n');
  assert.ok(lines.length > 0);
  for (const line of lines) assert.deepEqual(validateNdjsonLine(JSON.parse(line)), []);
});

test('table and markdown: no raw ESC, BEL, CR or other control character; the sequences are shown inert', async () => {
  const [, , , markdown, , table] = await reports;
  for (const [name, text] of [['table', table!.stdout], ['markdown', markdown!.stdout]] as const) {
    assert.doesNotMatch(text, TERMINAL_CONTROL, name);
    assert.ok(text.includes('␛[2J'), `${name} shows the clear-screen sequence as text`);
  }
  assert.ok(!table!.stderr.includes('\x1b') && !table!.stderr.includes('\x07'), 'stderr diagnostics are escaped too');
});

test('csv: parses back, no control character but the CRLF row ends, no cell a spreadsheet would run', async () => {
  const [, , csv] = await reports;
  const text = csv!.stdout;
  assert.doesNotMatch(text.replace(/\r\n/g, '\n'), TERMINAL_CONTROL);
  const rows = parseCsv(text) as string[][];
  assert.ok(rows.length > 1);
  for (const row of rows) for (const cell of row) assert.doesNotMatch(cell, FORMULA_START, `cell ${JSON.stringify(cell.slice(0, 40))}`);
});

test('html: <script> and markup from the log are escaped and inert', async () => {
  const [, , , , html] = await reports;
  const text = html!.stdout;
  assert.ok(!/<script/i.test(text), 'no script element at all');
  assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the script tag is shown as text');
  assert.doesNotMatch(text, /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/, 'no raw control character');
  assert.doesNotMatch(text, /\son[a-z]+\s*=/i, 'no event-handler attribute');
});

test('hostile file names: escaped in the table and on stderr, neutralised in csv', async () => {
  const directory = await mkdtemp(join(scratch, 'names-'));
  const terminalName = `${OSC_TITLE}${CLEAR_SCREEN}.log`;
  const formulaName = '=1+2.log';
  // The clean traffic gets a formula name too, so every sample cell starts with one, whichever file it cites.
  const formulaClean = '=HYPERLINK(0).log';
  await copyFile(resolve(REPO_ROOT, CLEAN_LOG), join(directory, 'clean.log'));
  await copyFile(resolve(REPO_ROOT, CLEAN_LOG), join(directory, formulaClean));
  await copyFile(resolve(REPO_ROOT, HOSTILE_LOG), join(directory, terminalName));
  await copyFile(resolve(REPO_ROOT, HOSTILE_LOG), join(directory, formulaName));
  const [table, csv] = await Promise.all([
    analyze('table', { cwd: directory, inputs: ['clean.log', terminalName] }),
    analyze('csv', { cwd: directory, inputs: [formulaClean, formulaName] }),
  ]);
  assert.doesNotMatch(table.stdout, TERMINAL_CONTROL);
  assert.doesNotMatch(table.stderr, TERMINAL_CONTROL);
  assert.ok(table.stdout.includes('␛]0;pwned␇'), 'the name is shown, inert');
  assert.match(table.stderr, /skipped \d+ of \d+ lines/, 'the skipped lines of that file are reported');
  const rows = parseCsv(csv.stdout, { columns: true }) as Record<string, string>[];
  const samples = rows.map((row) => row.samples!).filter((cell) => cell !== '');
  assert.ok(samples.some((cell) => cell.includes(formulaName)), 'a sample names the formula file');
  for (const cell of samples) assert.match(cell, /^'=/, cell);
});

test('parse prints the hostile log safely as a table and as csv, counting every bad line', async () => {
  const [table, csv] = await Promise.all([
    runCli(['parse', HOSTILE_LOG, '--format', 'table', '--stats']),
    runCli(['parse', HOSTILE_LOG, '--format', 'csv']),
  ]);
  assert.equal(table.code, 0, table.stderr);
  assert.equal(csv.code, 0, csv.stderr);
  assert.doesNotMatch(table.stdout, TERMINAL_CONTROL);
  assert.doesNotMatch(table.stderr, TERMINAL_CONTROL);
  assert.ok(table.stdout.includes('␛[2J'));
  assert.match(table.stderr, /skipped/i);
  const rows = parseCsv(csv.stdout, { columns: true, relax_column_count: false }) as Record<string, string>[];
  const lines = (await import('node:fs')).readFileSync(resolve(REPO_ROOT, HOSTILE_LOG), 'utf8').trimEnd().split('\n').length;
  assert.ok(rows.length > 100 && rows.length < lines, `${rows.length} records of ${lines} lines`);
  for (const row of rows) for (const cell of Object.values(row)) assert.doesNotMatch(cell, FORMULA_START);
  assert.ok(rows.some((row) => row.userAgent === `'${FORMULA}`), 'the formula user agent is kept, neutralised');
  assert.ok(rows.some((row) => row.userAgent!.length > 10_000), 'the 10 kB user agent is kept whole in csv');
  assert.ok(rows.some((row) => row.path === `/static/${SCRIPT_TAG}`));
});
