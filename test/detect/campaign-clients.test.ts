// logparser-hackers (../shared/data/real/logparser-hackers): every line is one registration/login
// spam script run from 520 addresses (page → GET /join_form → POST /join_form → GET
// require_login → GET /login_form → POST /login_form). The report is one campaign incident:
// its bots loading the script's pages are the campaign, not a flood beside it (28 Oct 12:05 +0100,
// lines 2,053–2,068: six require_login requests of four of its addresses were one), and its
// client list leads with the heaviest bot, 216.244.81.34 (150 lines, 42 of them posts, 629–1,998).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeTraffic } from '../../src/pipeline/analyze-traffic.js';

const SETTINGS = { seed: 42, trees: 100, sampleSize: 256 };
const LOG = '../shared/data/real/logparser-hackers/hackers-access.log';

test('logparser-hackers: the spam script\'s page loads are its campaign\'s, and the campaign lists its busiest bots first', async () => {
  const incidents = (await analyzeTraffic({ inputs: [LOG], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 })).detection.incidents;
  const campaign = incidents.find((i) => i.campaign !== undefined);
  assert.ok(campaign);
  // No second incident counts the script's steps again.
  const others = incidents.filter((i) => i !== campaign);
  assert.deepEqual(others.map((i) => `${i.kind} ${i.endpoints.join(' ')}`), []);
  // Posts per address, from the raw lines.
  const posts = new Map<string, number>();
  for (const line of readFileSync(LOG, 'utf8').split('\n')) {
    const m = /^(\S+) .*"POST \S*\/(join|login)_form /.exec(line);
    if (m) posts.set(m[1]!, (posts.get(m[1]!) ?? 0) + 1);
  }
  const listed = campaign.campaign!.clients;
  assert.equal(listed[0]!.client, '216.244.81.34');
  assert.equal(listed[0]!.requests, posts.get('216.244.81.34'));
  assert.equal(posts.get('216.244.81.34'), 42);
  // Busiest first, ties by address: the same order in the campaign and in the incident's client list (the first 100).
  for (let i = 1; i < listed.length; i++) {
    const [a, b] = [listed[i - 1]!, listed[i]!];
    assert.ok(a.requests > b.requests || (a.requests === b.requests && a.client < b.client), `${a.client} ${a.requests} before ${b.client} ${b.requests}`);
  }
  assert.deepEqual(campaign.clients, listed.slice(0, 100).map((c) => c.client));
  for (const c of listed.slice(0, 20)) assert.equal(c.requests, posts.get(c.client), c.client);
});
