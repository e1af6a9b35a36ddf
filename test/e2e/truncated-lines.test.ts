// A line cut inside its trailing user agent is a record, and every summary of the
// input says so with its reason, as it says how many lines were skipped and why:
// elastic-apache line 8899 ends inside its User-Agent (the file was cut there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const APACHE = '../shared/data/real/elastic-apache/apache_logs.gz';
const SLOW = { timeoutMs: 180_000 };

test('elastic-apache: the cut line is counted as truncated, per reason, in parse --stats, the JSON input and the human input summary', async () => {
  const [stats, json, markdown] = await Promise.all([
    runCli(['parse', APACHE, '--stats', '--format', 'ndjson'], SLOW),
    runCli(['analyze', APACHE, '--no-config', '--format', 'json', '-q'], SLOW),
    runCli(['analyze', APACHE, '--no-config', '--format', 'markdown', '-q'], SLOW),
  ]);
  for (const run of [stats, json, markdown]) assert.equal(run.code, 0, run.stderr);

  assert.match(stats.stderr, /^records: 10000\nskipped: 0\ntruncated: 1 \(records kept from lines cut inside a trailing field\)\n {2}user-agent-cut: 1 \(\.\.\/shared\/data\/real\/elastic-apache\/apache_logs\.gz:8899\)$/m);
  const cut = stats.stdout.trimEnd().split('\n')[8898]!;
  assert.deepEqual(JSON.parse(cut), {
    ...JSON.parse(cut),
    path: '/scripts/grok-py-test/configlib.py',
    status: 200,
    bytesSent: 235,
    userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html',
    source: { file: APACHE, line: 8899 },
  });

  const { input } = JSON.parse(json.stdout) as Report;
  assert.deepEqual(
    { lines: input.lines, records: input.records, skipped: input.skipped, truncated: input.truncated, truncatedByReason: input.truncatedByReason },
    { lines: 10000, records: 10000, skipped: 0, truncated: 1, truncatedByReason: { 'user-agent-cut': 1 } },
  );

  assert.match(markdown.stdout, /: 10,000 lines → 10,000 records, 0 skipped, 1 truncated \(user-agent-cut 1\)\. Time range/);
});

test('a log with no cut line says nothing about truncation (nasa-http: its cut last line has no status, so it is skipped)', async () => {
  const run = await runCli(['analyze', '../shared/data/real/nasa-http/NASA_access_log_Aug95', '--no-config', '--format', 'json', '-q'], SLOW);
  assert.equal(run.code, 0, run.stderr);
  const { input } = JSON.parse(run.stdout) as Report;
  assert.equal('truncated' in input, false);
  assert.deepEqual(input.skippedByReason, { 'not-clf': 1 });
});
