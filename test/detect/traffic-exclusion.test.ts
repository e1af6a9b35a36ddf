// analyze does not learn attacks as normal: a flagged client's traffic is kept out of the baseline,
// so an exploit that ran for a day and stopped is no traffic_drop; nor is one client going quiet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTraffic } from '../../src/pipeline/analyze-traffic.js';

const SETTINGS = { seed: 42, trees: 100, sampleSize: 256 };
const START = Date.parse('2026-03-02T00:00:00Z');
const HOURS = 60;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clf(timeMs: number, client: string, request: string, status: number, agent: string): string {
  const d = new Date(timeMs);
  const p = (n: number): string => String(n).padStart(2, '0');
  const time = `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  return `${client} - - [${time}] "${request} HTTP/1.1" ${status} 512 "-" "${agent}"`;
}

/** 60 hours of a small site: 40 readers on a few pages, plus what each test adds. */
function siteLog(extra: (lines: [number, string][]) => void): string {
  const lines: [number, string][] = [];
  const pages = ['/', '/products', '/products/42', '/about', '/search?q=shoes'];
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let t = START; t < START + HOURS * 3_600_000; t += 20_000) {
    const client = `198.51.100.${1 + Math.floor(next() * 40)}`;
    lines.push([t, clf(t, client, `GET ${pages[Math.floor(next() * pages.length)]}`, 200, 'Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0')]);
  }
  extra(lines);
  lines.sort((a, b) => a[0] - b[0]);
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-exclusion-'));
  const file = join(dir, 'access.log');
  writeFileSync(file, `${lines.map(([, line]) => line).join('\n')}\n`);
  return file;
}

test('an injection campaign that ran two days with a pause is an incident, and its pause is no traffic_drop', async () => {
  const log = siteLog((lines) => {
    // Every 15 s from ten rotating addresses, SQL injection on a login route no reader uses, for two
    // days with a four-hour pause: the pause is the attack going quiet, not the route losing traffic.
    for (let t = START + 60_000, k = 0; t < START + 50 * 3_600_000; t += 15_000, k++) {
      if (t >= START + 24 * 3_600_000 && t < START + 28 * 3_600_000) continue;
      lines.push([t, clf(t, `203.0.113.${50 + (k % 10)}`, "GET /login.php?user=admin'+OR+'1'='1'--+", 200, 'Mozilla/5.0 (Windows NT 10.0) Chrome/120.0')]);
    }
  });
  const run = await analyzeTraffic({ inputs: [log], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  const incidents = run.detection.incidents;
  const attack = incidents.find((i) => i.clients.some((c) => c.startsWith('203.0.113.')) && i.evidence.some((e) => e.feature === 'signal' && e.text.startsWith('attack: ')));
  assert.ok(attack, 'the injection is reported with its attack signal');
  assert.deepEqual(incidents.filter((i) => i.kind === 'traffic_drop').map((i) => `${i.endpoint} ${i.start}`), []);
});

test("one client going quiet is not a route's traffic_drop", async () => {
  const log = siteLog((lines) => {
    // A partner's sync job every 20 s on a route only it uses, paused for 14 hours on the second day.
    for (let t = START; t < START + HOURS * 3_600_000; t += 20_000) {
      if (t >= START + 30 * 3_600_000 && t < START + 44 * 3_600_000) continue;
      lines.push([t, clf(t, '192.0.2.10', 'POST /api/sync', 200, 'partner-sync/2.1')]);
    }
  });
  const run = await analyzeTraffic({ inputs: [log], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  assert.deepEqual(run.detection.incidents.filter((i) => i.kind === 'traffic_drop').map((i) => `${i.endpoint} ${i.start}`), []);
});

test('a route many clients use going silent is still a traffic_drop', async () => {
  const log = siteLog((lines) => {
    // 30 clients each calling /api/prices every few minutes, silenced for 2 hours in the middle of the second day.
    const silentFrom = START + 34 * 3_600_000;
    const silentTo = silentFrom + 2 * 3_600_000;
    for (let t = START; t < START + HOURS * 3_600_000; t += 10_000) {
      if (t >= silentFrom && t < silentTo) continue;
      lines.push([t, clf(t, `203.0.113.${(t / 10_000) % 30}`, 'GET /api/prices', 200, 'shop-app/3.2')]);
    }
  });
  const run = await analyzeTraffic({ inputs: [log], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  const drop = run.detection.incidents.find((i) => i.kind === 'traffic_drop' && i.endpoint === 'GET /api/prices');
  assert.ok(drop, 'the silence of a route 30 clients use is found');
});

test("secrepo-webhawk 2022: the backup-file campaign's HEAD requests are one campaign, not also floods of /backup/ and /restore/", async () => {
  // 709 HEAD probes from 395 addresses (lines 344–1,144): kept out of the routes' normal, they are the campaign's
  // lines, and a route window made mostly of them is no flood of its own (11 such floods were split off before).
  const run = await analyzeTraffic({ inputs: ['../shared/data/real/secrepo-webhawk/access.log.2022-12-22'], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  const incidents = run.detection.incidents;
  const campaign = incidents.find((i) => i.campaign !== undefined && i.campaign.clientCount > 300)!;
  assert.ok(campaign, 'the campaign is found');
  const members = new Set(campaign.campaign!.clients.map((c) => c.client));
  const floods = incidents.filter((i) => i.kind === 'volumetric' && i.endpoint?.startsWith('HEAD ') && i.clients.every((c) => members.has(c)));
  assert.deepEqual(floods.map((i) => `${i.endpoint} ${i.clients.length}`), []);
});
