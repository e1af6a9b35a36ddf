// Form-abuse campaigns on real lines: the registration/login spam of logparser-hackers (every
// client a bot, one or two posts per address) against netnea-labor07's webmail login, used by
// real people who load the page's assets and take their time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord } from '../../../src/types.js';
import { createIngestStats, readRecords } from '../../../src/ingest/read-records.js';
import { endpointKey } from '../../../src/normalize/endpoint-key.js';
import { FormSubmissionTracker, isAssetPath } from '../../../src/detect/campaigns/form-tracker.js';
import { findFormCampaigns } from '../../../src/detect/campaigns/find-form-campaigns.js';

const REAL = '../shared/data/real';
const WINDOW_MS = 5 * 60_000;

async function records(file: string): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of readRecords([file], {}, createIngestStats())) out.push(r);
  return out;
}

function track(rs: readonly LogRecord[]): FormSubmissionTracker {
  const tracker = new FormSubmissionTracker();
  for (const r of rs) {
    const { client, method, path, referer, userAgent, status, timeMs, source } = r;
    tracker.observe({ client, method, path, endpoint: method === 'POST' ? endpointKey(r) : '', referer, userAgent, status, timeMs, source });
  }
  return tracker;
}

test('logparser-hackers: 439 addresses posting the join and login forms a second after loading them are one campaign', async () => {
  const rs = await records(`${REAL}/logparser-hackers/hackers-access.log`);
  const posts = rs.filter((r) => r.method === 'POST' && (r.path === '/join_form' || r.path === '/login_form'));
  const posters = new Set(posts.map((r) => r.client));
  assert.equal(posts.length, 1_079);
  const found = findFormCampaigns(track(rs).summary(), WINDOW_MS);
  assert.equal(found.length, 1);
  const [campaign] = found;
  assert.equal(campaign!.kind, 'credential_attack');
  assert.deepEqual(campaign!.campaign!.targets.map((t) => t.target), ['POST /join_form', 'POST /login_form']);
  assert.deepEqual(new Set(campaign!.clients), posters);
  assert.equal(campaign!.requests, posts.length);
  // Most addresses posted once or twice: they surface because many did the same thing.
  const single = campaign!.campaign!.clients.filter((c) => c.requests <= 2).length;
  assert.ok(single >= 250, `${single} addresses with one or two submissions`);
  // Each address with its own count, read from the raw lines.
  for (const c of campaign!.campaign!.clients.slice(0, 20)) assert.equal(c.requests, posts.filter((r) => r.client === c.client).length, c.client);
  assert.equal(campaign!.campaign!.clients[0]!.client, '216.244.81.34');
  assert.match(campaign!.evidence[1]!.text, /^383 of these forms' 439 submitters posted within 2 s of loading the page/);
  // The claims select exactly the posts (client, endpoint, minute), so `show` prints these lines.
  assert.equal(campaign!.claims!.reduce((n, c) => n + c.requests, 0), posts.length);
  assert.ok(campaign!.claims!.every((c) => c.terms!.every((t) => t.endpoint === 'POST /join_form' || t.endpoint === 'POST /login_form')));
});

test('netnea-labor07: a real webmail login used by real people is not a campaign (they load its assets and take their time)', async () => {
  const rs = await records(`${REAL}/netnea-labor07/labor-07-example-access.log.gz`);
  const summary = track(rs).summary();
  const handler = summary.targets.find((t) => t.endpoint === 'POST /EMail/MailHandler');
  assert.ok(handler && handler.submitters.size >= 50, 'the login form is posted by many people');
  // Some of them do post within two seconds (a saved password): a few among many, each of whom ran the page.
  const quick = [...handler.submitters.values()].filter((t) => t.quick > 0);
  assert.ok(quick.length >= 3 && quick.length < handler.submitters.size / 2, `${quick.length} quick submitters`);
  assert.ok(quick.every((t) => summary.assetClients.has(t.client)));
  assert.deepEqual(findFormCampaigns(summary, WINDOW_MS), []);
});

test('submissions without a page as Referer (API clients) are never scripted, however many and fast', () => {
  const tracker = new FormSubmissionTracker();
  for (let i = 0; i < 40; i++) {
    const client = `198.51.100.${i}`;
    const source = { file: 'api.log', line: 2 * i + 1 };
    tracker.observe({ client, method: 'GET', path: '/v1/orders', endpoint: '', referer: null, userAgent: 'okhttp/4.9.0', status: 200, timeMs: 1_000 * i, source });
    tracker.observe({ client, method: 'POST', path: '/v1/orders', endpoint: 'POST /v1/orders', referer: null, userAgent: 'okhttp/4.9.0', status: 201, timeMs: 1_000 * i + 200, source: { ...source, line: source.line + 1 } });
  }
  assert.deepEqual(findFormCampaigns(tracker.summary(), WINDOW_MS), []);
});

test('asset paths: what a browser fetches for a page, by extension, in any case', () => {
  for (const p of ['/EMail/css/basic.css', '/EMail/scripts/shost.js', '/images/logo.GIF', '/favicon.ico', '/f/a.woff2']) assert.ok(isAssetPath(p), p);
  for (const p of ['/join_form', '/index.php', '/css/', '/a.b/c', '/download.zip', '/']) assert.ok(!isAssetPath(p), p);
});
