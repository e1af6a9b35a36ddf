// Counts tell the truth: what the filters kept and left out, header lines apart
// from skipped ones, distinct samples, no baseline counted twice by merge, and a
// baseline of another site said out loud.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/types.js';

const REAL = '../shared/data/real';
const APACHE = `${REAL}/elastic-apache/apache_logs.gz`;
const CLEAN = 'fixtures/e2e/clean/nginx.log';
const SLOW = { timeoutMs: 180_000 };

interface InputJson {
  lines: number;
  records: number;
  filtered: number;
  skipped: number;
  headerLines: number;
  skippedByReason: Record<string, number>;
  timeRange: { start: string; end: string } | null;
}

async function analyzeJson(...args: string[]): Promise<Report & { input: InputJson }> {
  const result = await runCli(['analyze', ...args, '--no-config', '--format', 'json', '-q'], SLOW);
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout) as Report & { input: InputJson };
  assert.deepEqual(validateReport(report), []);
  return report;
}

test('--since/--until: records and time range are those in the window, filtered says how many were left out', async () => {
  const since = '2015-05-18T00:00:00.000Z';
  const until = '2015-05-19T00:00:00.000Z';
  const [parsed, whole, windowed] = await Promise.all([
    runCli(['parse', APACHE, '--format', 'ndjson'], SLOW),
    analyzeJson(APACHE),
    analyzeJson(APACHE, '--since', since, '--until', until),
  ]);
  const times = parsed.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as { time: string }).time);
  const inWindow = times.filter((time) => time >= since && time < until).sort();
  assert.ok(inWindow.length > 1000 && inWindow.length < times.length - 1000, 'the window cuts the log');
  const input = windowed.input;
  assert.equal(input.records, inWindow.length);
  assert.equal(input.filtered, times.length - inWindow.length);
  assert.deepEqual(input.timeRange, { start: inWindow[0], end: inWindow.at(-1) });
  assert.equal(input.lines, whole.input.lines, 'every line was still read');
  assert.equal(input.lines, input.records + input.filtered + input.skipped + input.headerLines);
  assert.equal(whole.input.filtered, 0);
  assert.equal(whole.input.records, times.length);
});

test('IIS #Fields/#Date header lines are counted apart from skipped lines (iis-waikolai: 880 header lines of 2,034)', async () => {
  const { input } = await analyzeJson(`${REAL}/iis-waikolai`);
  assert.deepEqual(
    { lines: input.lines, records: input.records, headerLines: input.headerLines, skipped: input.skipped, skippedByReason: input.skippedByReason },
    // the 15 skipped lines are PROVENANCE.md, read from the directory and not a log
    { lines: 2034, records: 1139, headerLines: 880, skipped: 15, skippedByReason: { 'undetected-format': 15 } },
  );
});

test('incident samples are distinct lines (iis-webknowit: merged windows named the same lines twice)', async () => {
  const report = await analyzeJson(`${REAL}/iis-webknowit`);
  const withSamples = report.incidents.filter((incident) => incident.samples.length >= 3);
  assert.ok(withSamples.length >= 5, `incidents with several samples: ${withSamples.length}`);
  for (const incident of report.incidents) {
    const keys = incident.samples.map((sample) => `${sample.file}:${sample.line}`);
    assert.equal(new Set(keys).size, keys.length, `${incident.id}: ${keys.join(', ')}`);
  }
});

test('merge refuses a baseline merged with itself, a copy of it, or a merge that already holds it', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-merge-twice-'));
  const a = join(directory, 'a.json');
  const b = join(directory, 'b.json');
  const [learnedA, learnedB] = await Promise.all([
    runCli(['learn', CLEAN, '--no-config', '-q', '-o', a], SLOW),
    runCli(['learn', 'fixtures/generated/clean-nginx/nginx.log', '--no-config', '-q', '-o', b], SLOW),
  ]);
  assert.equal(learnedA.code, 0, learnedA.stderr);
  assert.equal(learnedB.code, 0, learnedB.stderr);
  await copyFile(a, join(directory, 'a-copy.json'));
  const merged = await runCli(['merge', a, b, '-o', join(directory, 'ab.json')], SLOW);
  assert.equal(merged.code, 0, merged.stderr);
  const refusals: [string[], RegExp][] = [
    [[a, a], /a\.json is given twice/],
    [[a, join(directory, 'a-copy.json')], /hold the same learned traffic/],
    [[join(directory, 'ab.json'), a], /hold the same learned traffic/],
  ];
  for (const [inputs, reason] of refusals) {
    const result = await runCli(['merge', ...inputs, '-o', join(directory, 'twice.json')], SLOW);
    assert.equal(result.code, 2, `${inputs.join(' + ')}: ${result.stderr}`);
    assert.match(result.stderr, /^anomalog: cannot merge: .+; merging it would count that traffic twice\n$/);
    assert.match(result.stderr, reason);
  }
  assert.deepEqual((await readdir(directory)).sort(), ['a-copy.json', 'a.json', 'ab.json', 'b.json'], 'no output and no temporary file');
  const sources = (JSON.parse(await readFile(join(directory, 'ab.json'), 'utf8')) as { sources: string[] }).sources;
  assert.equal(sources.length, 2, 'a merged baseline records the fingerprint of each learned part');
});

test('a baseline of another site: a warning and model.baselineOverlap; exit 2 with --strict', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-overlap-'));
  const baseline = join(directory, 'nginx.json');
  const learned = await runCli(['learn', CLEAN, '--no-config', '-q', '-o', baseline], SLOW);
  assert.equal(learned.code, 0, learned.stderr);
  // another site's real log, with no line --strict would stop at first
  const site = `${REAL}/secrepo-webhawk/access.log.2021-10-22`;
  const [own, other, strict] = await Promise.all([
    runCli(['score', CLEAN, '--baseline', baseline, '--no-config', '--format', 'json'], SLOW),
    runCli(['score', site, '--baseline', baseline, '--no-config', '--format', 'json'], SLOW),
    runCli(['score', site, '--baseline', baseline, '--no-config', '--format', 'json', '--strict'], SLOW),
  ]);
  assert.equal(own.code, 0, own.stderr);
  assert.doesNotMatch(own.stderr, /knows the endpoints/);
  assert.equal((JSON.parse(own.stdout) as { model: { baselineOverlap: { share: number } } }).model.baselineOverlap.share, 1);
  assert.equal(other.code, 0, other.stderr);
  assert.match(other.stderr, /^anomalog: the baseline .*nginx\.json knows the endpoints of only \d+% of the scored requests/m);
  const overlap = (JSON.parse(other.stdout) as { model: { baselineOverlap: { share: number; requests: number } } }).model.baselineOverlap;
  assert.ok(overlap.share < 0.5 && overlap.requests === 644, JSON.stringify(overlap));
  assert.equal(strict.code, 2);
  assert.equal(strict.stdout, '');
  assert.match(strict.stderr, /knows the endpoints of only \d+% .*; --strict stops here\n$/);
});
