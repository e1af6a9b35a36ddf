// A directory input is a forensic "read all of this": a file in it whose format
// cannot be detected costs its own lines (counted as undetected-format, one
// warning), not the run. A file named on the command line is what the user
// asked for, so an undetectable one stays exit 2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { runCli } from '../helpers/run-cli.js';
import { assertAccounted, assertNoCrash, readPrintedStats } from './cli-accounting.js';

// elastic/examples Apache log (Apache-2.0) and its PROVENANCE.md, as the project keeps them.
const DIR = '../shared/data/real/elastic-apache';
const PROVENANCE = `${DIR}/PROVENANCE.md`;

function physicalLines(path: string): number {
  const bytes = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

test('parse DIR: PROVENANCE.md is skipped with one warning and its lines counted as undetected-format; the log is read', async () => {
  const result = await runCli(['parse', '--stats', '--format', 'ndjson', DIR]);
  assertNoCrash(result);
  assert.equal(result.code, 0);
  const warnings = result.stderr.split('\n').filter((line) => line.startsWith('anomalog: warning:'));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^anomalog: warning: skipped \.\.\/shared\/data\/real\/elastic-apache\/PROVENANCE\.md: cannot detect its log format/);
  const stats = readPrintedStats(result.stderr);
  assert.equal(stats.reasons['undetected-format'], physicalLines(PROVENANCE));
  assert.equal(stats.formats[PROVENANCE], '-');
  assert.equal(stats.formats[`${DIR}/apache_logs.gz`], 'clf');
  assert.equal(stats.lines, physicalLines(PROVENANCE) + physicalLines(`${DIR}/apache_logs.gz`));
  assert.ok(stats.records > 9_900, `${stats.records} records`);
  assertAccounted(stats, stats.reasons);
});

test('analyze DIR: the report input section counts the undetected lines too', async () => {
  const result = await runCli(['analyze', '--format', 'json', DIR], { timeoutMs: 60_000 });
  assertNoCrash(result);
  assert.equal(result.code, 0);
  const report = JSON.parse(result.stdout) as { input: { lines: number; records: number; skipped: number; skippedByReason: Record<string, number> } };
  assert.equal(report.input.skippedByReason['undetected-format'], physicalLines(PROVENANCE));
  assertAccounted(report.input, report.input.skippedByReason);
});

test('the same file named explicitly is exit 2, and a directory under --strict is too', async () => {
  const named = await runCli(['parse', PROVENANCE]);
  assertNoCrash(named);
  assert.equal(named.code, 2);
  assert.equal(named.stderr, `anomalog: cannot detect the log format of ${PROVENANCE}; use --log-format NAME (see 'anomalog formats')\n`);

  const strict = await runCli(['parse', '--strict', DIR]);
  assertNoCrash(strict);
  assert.equal(strict.code, 2);
  assert.match(strict.stderr, /cannot detect the log format of .*PROVENANCE\.md/);
});
