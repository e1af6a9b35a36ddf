import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/types.js';
import { FEATURE_TABLES } from '../../src/features/feature-names.js';

const FIXTURE = 'fixtures/generated/learn-score-apigw';
const dir = mkdtempSync(join(tmpdir(), 'anomalog-learn-'));
const baseline = join(dir, 'baseline.json');

interface Label {
  kind: string;
  start: string;
  end: string;
  clients: string[];
  consumers: string[];
  endpoint: string | null;
}

test('learn writes a baseline, score reports the planted incidents of the next day against it', async () => {
  const learned = await runCli(['learn', join(FIXTURE, 'apigw.learn.log'), '-o', baseline]);
  assert.equal(learned.code, 0, learned.stderr);
  assert.equal(learned.stdout, '');
  assert.match(learned.stderr, /^anomalog: learned \d+ endpoints, \d+ consumers and \d+ clients from \d+ records/m);
  const scored = await runCli(['score', join(FIXTURE, 'apigw.log'), '--baseline', baseline, '--format', 'json', '--top', '50']);
  assert.equal(scored.code, 0, scored.stderr);
  const report = JSON.parse(scored.stdout) as Report;
  assert.deepEqual(validateReport(report), []);
  assert.equal(report.model.mode, 'score');
  const labels = (JSON.parse(readFileSync(join(FIXTURE, 'labels.json'), 'utf8')) as { files: Record<string, { labels: Label[] }> }).files['apigw.log']!.labels;
  const matches = (label: Label): boolean =>
    report.incidents.slice(0, 2 * labels.length).some(
      (i) =>
        Date.parse(i.start) <= Date.parse(label.end) + 300_000 &&
        Date.parse(i.end) >= Date.parse(label.start) - 300_000 &&
        (label.clients.some((c) => i.clients.includes(c)) || label.consumers.some((c) => i.consumers.includes(c)) || (label.endpoint !== null && i.endpoints.includes(label.endpoint))),
    );
  const found = labels.filter(matches);
  assert.ok(found.length >= Math.ceil(0.75 * labels.length), `found ${found.length} of ${labels.length}: missing ${labels.filter((l) => !matches(l)).map((l) => l.kind).join(', ')}`);
});

test('the same input, flags and seed give a byte-identical baseline and report', async () => {
  const again = join(dir, 'again.json');
  await runCli(['learn', join(FIXTURE, 'apigw.learn.log'), '-o', again, '--quiet']);
  assert.equal(readFileSync(again, 'utf8'), readFileSync(baseline, 'utf8'));
  const a = await runCli(['score', join(FIXTURE, 'apigw.log'), '--baseline', baseline, '--format', 'json']);
  const b = await runCli(['score', join(FIXTURE, 'apigw.log'), '--baseline', again, '--format', 'json']);
  assert.equal(a.stdout.replace(/"baseline": "[^"]*"/, ''), b.stdout.replace(/"baseline": "[^"]*"/, ''));
});

test('inspect shows what the baseline holds, merge adds two baselines', async () => {
  const inspected = await runCli(['inspect', baseline, '--format', 'json']);
  assert.equal(inspected.code, 0, inspected.stderr);
  const description = JSON.parse(inspected.stdout) as {
    records: number;
    endpoints: { endpoint: string; requests: number }[];
    consumers: unknown[];
    model: { trees: number; features: Record<string, { name: string; unit: string | null; description: string | null }[]> };
  };
  assert.ok(description.records > 0);
  assert.equal(description.endpoints.reduce((n, e) => n + e.requests, 0), description.records);
  assert.ok(description.consumers.length > 0, 'API Gateway logs carry API keys');
  assert.equal(description.model.trees, 100);
  // The features each forest reads, in the words of the table the vectors and the evidence are built from.
  for (const [kind, table] of Object.entries(FEATURE_TABLES)) {
    assert.deepEqual(
      description.model.features[kind],
      Object.entries(table).map(([name, spec]) => ({ name, unit: spec.unit, description: spec.description })),
    );
  }
  const table = await runCli(['inspect', baseline, '--format', 'table']);
  assert.match(table.stdout, /^Baseline of [\d,]+ records from /);
  assert.match(table.stdout, /\n {2}client +distinct_ids +paths +log2 of distinct paths per route template: the ids a client walks on one route\n/);
  // a second day's baseline (merging a baseline with itself is refused: test/e2e/input-counts.test.ts)
  const nextDay = join(dir, 'next-day.json');
  const learned = await runCli(['learn', join(FIXTURE, 'apigw.log'), '--no-config', '-q', '-o', nextDay]);
  assert.equal(learned.code, 0, learned.stderr);
  const nextDescription = JSON.parse((await runCli(['inspect', nextDay, '--format', 'json'])).stdout) as { records: number };
  const merged = join(dir, 'merged.json');
  const merge = await runCli(['merge', baseline, nextDay, '-o', merged]);
  assert.equal(merge.code, 0, merge.stderr);
  const mergedDescription = JSON.parse((await runCli(['inspect', merged, '--format', 'json'])).stdout) as { records: number };
  assert.equal(mergedDescription.records, description.records + nextDescription.records);
  const scored = await runCli(['score', join(FIXTURE, 'apigw.log'), '--baseline', merged, '--format', 'json']);
  assert.equal(scored.code, 0, scored.stderr);
});

test('a baseline edited by hand, from another version, or not JSON is refused with one sentence and exit 2', async () => {
  const text = readFileSync(baseline, 'utf8');
  const edited = join(dir, 'edited.json');
  writeFileSync(edited, text.replace(/"records":(\d+)/, (_, n: string) => `"records":${Number(n) + 1}`));
  const other = join(dir, 'other.json');
  writeFileSync(other, text.replace('"schemaVersion":1', '"schemaVersion":2'));
  const truncated = join(dir, 'truncated.json');
  writeFileSync(truncated, text.slice(0, text.length / 2));
  for (const [file, reason] of [
    [edited, /fails its checksum/],
    [other, /schema version 2, this anomalog .* reads version 1/],
    [truncated, /is not valid JSON/],
    [join(dir, 'missing.json'), /no such file/],
  ] as const) {
    const result = await runCli(['score', join(FIXTURE, 'apigw.log'), '--baseline', file]);
    assert.equal(result.code, 2, file);
    assert.match(result.stderr, reason);
    assert.equal(result.stderr.trim().split('\n').length, 1, `one sentence: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  }
});

test('learn needs --output and writes nothing on failure', async () => {
  const noOutput = await runCli(['learn', join(FIXTURE, 'apigw.learn.log')]);
  assert.equal(noOutput.code, 2);
  const target = join(dir, 'never.json');
  const failed = await runCli(['learn', join(FIXTURE, 'apigw.learn.log'), 'does-not-exist.log', '-o', target]);
  assert.equal(failed.code, 2);
  assert.ok(!existsSync(target));
});
