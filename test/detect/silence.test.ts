import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTraffic } from '../../src/pipeline/analyze-traffic.js';

const SETTINGS = { seed: 42, trees: 100, sampleSize: 256 };

// Six hours of realistic traffic at 2 requests/s with one busy route silenced (the generator's traffic_drop).
const dir = mkdtempSync(join(tmpdir(), 'anomalog-silence-'));
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-traffic.ts', '--out', dir, '--seed', '11', '--hours', '6', '--rate', '2', '--formats', 'nginx', '--plant', 'traffic_drop', '--quiet']);
const log = join(dir, 'nginx.log');
const label = (JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { files: Record<string, { labels: { start: string; end: string; endpoint: string }[] }> }).files['nginx.log']!.labels[0]!;

test('a busy endpoint that serves nothing for a span its baseline makes improbable is a traffic_drop', async () => {
  const run = await analyzeTraffic({ inputs: [log], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS });
  const drop = run.detection.incidents.find((i) => i.kind === 'traffic_drop');
  assert.ok(drop, 'no traffic_drop reported');
  assert.equal(drop.rank, 1);
  assert.equal(drop.endpoint, label.endpoint);
  assert.ok(Date.parse(drop.start) < Date.parse(label.end) && Date.parse(drop.end) > Date.parse(label.start));
  assert.match(drop.evidence[0]!.text, /^0 requests in \d+ windows/);
  assert.deepEqual(run.detection.gaps, []);
});

test('a span where the whole log is silent is a gap in the data, reported once, and no drop is blamed on it', async () => {
  // Cut 40 minutes out of the whole log, after the planted drop, as a lost rotated file would.
  const cutFrom = Date.parse(label.end) + 60 * 60_000;
  const cutTo = cutFrom + 40 * 60_000;
  const kept = readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => {
      const m = /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) \+0000\]/.exec(line);
      if (!m) return true;
      const t = Date.parse(`${m[3]}-${String('JanFebMarAprMayJunJulAugSepOctNovDec'.indexOf(m[2]!) / 3 + 1).padStart(2, '0')}-${m[1]}T${m[4]}:${m[5]}:${m[6]}Z`);
      return t < cutFrom || t >= cutTo;
    });
  const gapped = join(dir, 'gapped.log');
  writeFileSync(gapped, kept.join('\n'));
  const run = await analyzeTraffic({ inputs: [gapped], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS });
  assert.equal(run.detection.gaps.length, 1);
  const gap = run.detection.gaps[0]!;
  assert.ok(Date.parse(gap.start) <= cutFrom + 300_000 && Date.parse(gap.end) >= cutTo - 300_000, `gap ${gap.start}–${gap.end}`);
  const blamed = run.detection.incidents.filter((i) => i.kind === 'traffic_drop' && Date.parse(i.start) < Date.parse(gap.end) && Date.parse(i.end) > Date.parse(gap.start));
  assert.deepEqual(blamed, []);
  assert.ok(run.detection.incidents.some((i) => i.kind === 'traffic_drop' && i.endpoint === label.endpoint), 'the planted drop is still found');
});

test('iis-webknowit: a small site\'s quiet days (4 requests to / in 40 hours, a crawler now and then) are no traffic_drop of /', async () => {
  const folder = '../shared/data/real/iis-webknowit';
  const { readdirSync } = await import('node:fs');
  const inputs = readdirSync(folder).filter((f) => f.endsWith('.log')).map((f) => join(folder, f));
  const run = await analyzeTraffic({ inputs, ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  const drops = run.detection.incidents.filter((i) => i.kind === 'traffic_drop');
  assert.deepEqual(drops.map((i) => `${i.endpoint} ${i.start}`), []);
});
