// The selector a report stores per incident makes `show` print exactly the lines behind it, checked
// against what the incident itself says, on elastic-apache (10,000 real Apache lines):
// - a campaign: per address the count, first and last request the campaign lists, per target the
//   requests it lists, and no line twice;
// - a score-mode report (learned on the first two days, scored with --since on the rest): every
//   incident's lines number its `requests`, are distinct, and fall inside --since and the incident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const APACHE = '../shared/data/real/elastic-apache/apache_logs.gz';
const SPLIT = '2015-05-19T00:00:00Z';

interface Printed {
  time: string;
  client: string | null;
  path: string | null;
  source: { file: string; line: number };
}

async function showLines(reference: string, report: string): Promise<Printed[]> {
  const shown = await runCli(['show', reference, '--report', report, '--format', 'ndjson'], { timeoutMs: 120_000 });
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(shown.stderr, '', reference);
  return shown.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Printed);
}

function tally<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function assertDistinct(records: readonly Printed[], what: string): void {
  const lines = new Set(records.map((r) => `${r.source.file}:${r.source.line}`));
  assert.equal(lines.size, records.length, `${what}: no line printed twice`);
}

test('show of an elastic-apache campaign prints, per address and per target, exactly the requests the campaign lists', { timeout: 600_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-show-campaign-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const report = join(dir, 'report.json');
  const analyzed = await runCli(['analyze', APACHE, '--no-config', '-o', report, '--quiet'], { timeoutMs: 300_000 });
  assert.ok(analyzed.code === 0 || analyzed.code === 1, analyzed.stderr);
  const campaigns = (JSON.parse(readFileSync(report, 'utf8')) as Report).incidents.filter((i) => i.campaign !== undefined);
  assert.ok(campaigns.length >= 1, 'elastic-apache has a campaign (WordPress/Joomla probes from many addresses)');
  for (const incident of campaigns) {
    const campaign = incident.campaign!;
    const records = await showLines(incident.id, report);
    const what = `campaign #${incident.rank} (${campaign.signature})`;
    assert.equal(records.length, incident.requests, `${what}: lines printed vs requests`);
    assertDistinct(records, what);
    // Every address the campaign lists, with its own count and first and last request; no other address.
    assert.equal(campaign.clients.length, campaign.clientCount, `${what} lists every address`);
    const byClient = tally(records, (r) => r.client ?? '(unknown)');
    assert.deepEqual(new Set(byClient.keys()), new Set(campaign.clients.map((c) => c.client)), `${what}: the addresses printed`);
    for (const listed of campaign.clients) {
      const own = records.filter((r) => r.client === listed.client).map((r) => r.time).sort();
      assert.equal(own.length, listed.requests, `${what}: requests of ${listed.client}`);
      assert.equal(own[0], listed.first, `${what}: first request of ${listed.client}`);
      assert.equal(own.at(-1), listed.last, `${what}: last request of ${listed.client}`);
    }
    // The targets it names, each as often as it says (they add up to the whole campaign here).
    const byTarget = tally(records, (r) => r.path ?? '');
    const listedTotal = campaign.targets.reduce((sum, target) => sum + target.requests, 0);
    if (listedTotal === incident.requests) {
      assert.deepEqual(Object.fromEntries(byTarget), Object.fromEntries(campaign.targets.map((target) => [target.target, target.requests])), `${what}: requests per target`);
    } else for (const target of campaign.targets) assert.equal(byTarget.get(target.target), target.requests, `${what}: requests for ${target.target}`);
  }
});

test('a score-mode report (learned on the first two days, --since on the rest): show prints exactly each incident\'s requests, inside --since and the incident', { timeout: 900_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-show-score-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const baseline = join(dir, 'baseline.json');
  const report = join(dir, 'report.json');
  const learned = await runCli(['learn', APACHE, '--until', SPLIT, '-o', baseline, '--quiet'], { timeoutMs: 300_000 });
  assert.equal(learned.code, 0, learned.stderr);
  const scored = await runCli(['score', APACHE, '--since', SPLIT, '--baseline', baseline, '--no-config', '-o', report, '--quiet'], { timeoutMs: 300_000 });
  assert.ok(scored.code === 0 || scored.code === 1, scored.stderr);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as Report;
  assert.equal(parsed.model.mode, 'score');
  assert.ok(parsed.incidents.length >= 5, `score finds incidents in the last two days (${parsed.incidents.length})`);
  const kinds = new Set<string>();
  for (const incident of parsed.incidents) {
    const records = await showLines(`#${incident.rank}`, report);
    const what = `score #${incident.rank} ${incident.kind}`;
    kinds.add(incident.kind);
    assert.equal(records.length, incident.requests, `${what}: lines printed vs requests`);
    assertDistinct(records, what);
    for (const record of records) {
      assert.ok(record.time >= new Date(SPLIT).toISOString(), `${what}: ${record.time} is inside --since`);
      assert.ok(record.time >= incident.start && record.time < incident.end, `${what}: ${record.time} inside ${incident.start}–${incident.end}`);
    }
    // Every client the incident names sent some of its lines. (Not the converse: an endpoint
    // incident names the clients found in their own windows, and a client window of more than
    // 32 routes (ROUTES_PER_WINDOW) counts the rest as "(other routes)", so a browsing client can be missing.)
    const printedClients = new Set(records.map((r) => r.client ?? '(unknown)'));
    for (const client of incident.clients) assert.ok(printedClients.has(client), `${what}: ${client}, which it names, is in its lines`);
  }
  assert.ok(kinds.size >= 2, `incidents of several kinds: ${[...kinds].join(', ')}`);
});
