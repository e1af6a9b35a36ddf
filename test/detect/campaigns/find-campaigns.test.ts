// Probe campaigns on real lines: one tool's addresses known by the User-Agent they share, which
// few others sent (secrepo-webhawk 2022-12-22), and, over a year of internet background
// (iis-webknowit), scanners of different things that share a plain agent kept apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createIngestStats, readRecords } from '../../../src/ingest/read-records.js';
import { InjectionCollector } from '../../../src/detect/injection-incidents.js';
import { InjectionDetector } from '../../../src/detect/injection/injection-detector.js';
import type { WindowCandidate } from '../../../src/detect/window-candidate.js';

const WINDOW_MS = 5 * 60_000;

async function campaignsOf(files: string[]): Promise<WindowCandidate[]> {
  const collector = new InjectionCollector(new InjectionDetector({ seed: 42 }), 'analyze');
  for await (const r of readRecords(files, {}, createIngestStats())) collector.observe(r);
  return collector.finish(WINDOW_MS).filter((c) => c.campaign !== undefined);
}

test('secrepo-webhawk 2022: six addresses with one Firefox/48 agent fingerprinting DedeCMS/EmpireCMS, one or two 404s each, are one campaign', async () => {
  const campaigns = await campaignsOf(['../shared/data/real/secrepo-webhawk/access.log.2022-12-22']);
  // Lines 121, 264, 296, 302, 305, 1,238, 1,239: nothing else from these addresses.
  const cms = campaigns.filter((c) => c.endpoints.includes('GET /data/admin/allowurl.txt'));
  assert.equal(cms.length, 1, campaigns.map((c) => c.signature).join(' / '));
  assert.deepEqual([...cms[0]!.clients].sort(), ['103.68.62.69', '20.115.54.238', '20.244.39.4', '20.83.166.65', '222.186.180.134', '45.32.109.170']);
  assert.deepEqual([...cms[0]!.endpoints].sort(), ['GET /Office/index.php/login/index.html', 'GET /data/admin/allowurl.txt', 'GET /e/data/js/ajax.js', 'GET /xxxss']);
  assert.equal(cms[0]!.requests, 7);
  const agent = cms[0]!.evidence.find((e) => e.feature === 'campaign_agent');
  assert.equal(agent?.text, '6 of 6 sent the same User-Agent, "Mozilla/5.0 (Windows NT 10.0; WOW64; rv:48.0) Gecko/20100101 Firefox/48.0", which no other address sent: one tool');
  // The backup/secret-file sweep beside it sent no agent: no agent is no signature, and it stays one campaign of its own.
  assert.equal(campaigns.length, 2);
});

test('iis-webknowit: a plain agent shared by scanners of different things over a year glues no campaigns together', async () => {
  const dir = '../shared/data/real/iis-webknowit';
  const campaigns = await campaignsOf(readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => `${dir}/${f}`));
  const holding = (path: string): WindowCandidate[] => campaigns.filter((c) => c.endpoints.some((e) => e.endsWith(` ${path}`)));
  // The phpMyAdmin setup.php campaign, the open-proxy checkers and the Struts login probes stay apart
  // ("Mozilla/5.0" alone is sent by 13 probers of a dozen different paths).
  const setup = holding('/phpmyadmin/scripts/setup.php');
  assert.equal(setup.length, 1);
  for (const other of ['/httptest.php', '/testproxy.php', '/index.action']) {
    assert.equal(holding(other).length, 1, other);
    assert.notEqual(holding(other)[0], setup[0], other);
  }
});

test('secrepo-webhawk 2022: a sweep address\'s probe that only got the http → https redirect is the sweep\'s; a lone redirected /.git/config is not', async () => {
  const collector = new InjectionCollector(new InjectionDetector({ seed: 42 }), 'analyze');
  for await (const r of readRecords(['../shared/data/real/secrepo-webhawk/access.log.2022-12-22'], {}, createIngestStats())) collector.observe(r);
  const candidates = collector.finish(WINDOW_MS);
  // 185.221.132.213: `HEAD /old/bak.rar` (line 490) and `HEAD /old/wallet.zip` (line 566), both 301, no agent.
  const sweep = candidates.find((c) => c.campaign !== undefined && c.endpoints.includes('HEAD /.env'))!;
  const claimed = (client: string, path: string): boolean => sweep.claims!.some((c) => c.terms?.some((t) => t.client === client && t.path === path));
  assert.ok(claimed('185.221.132.213', '/old/wallet.zip'));
  assert.deepEqual(sweep.campaign!.clients.find((m) => m.client === '185.221.132.213')?.requests, 2);
  assert.equal(sweep.requests, 689);
  assert.ok(!candidates.some((c) => c.campaign === undefined && c.key === '185.221.132.213'));
  // 150.136.26.54 asked for `/.git/config` once (line 1,256, 301, a Chrome agent, the next night) and nothing else: its own finding.
  assert.ok(!claimed('150.136.26.54', '/.git/config'));
  assert.ok(candidates.some((c) => c.campaign === undefined && c.key === '150.136.26.54'));
});
