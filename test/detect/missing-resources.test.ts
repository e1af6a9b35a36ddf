// Files the site does not have, asked for again and again by clients that otherwise get what they
// ask for, or by one job on a schedule: an operational finding, on the shared real logs where an
// analyst called them out (docs/real-logs.md), and never a probe campaign.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { analyzeTraffic } from '../../src/pipeline/analyze-traffic.js';
import { severityAtLeast } from '../../src/detect/severity.js';
import type { Incident } from '../../src/types.js';

const SETTINGS = { seed: 42, trees: 100, sampleSize: 256 };
const incidentsOf = async (inputs: string[]): Promise<Incident[]> => (await analyzeTraffic({ inputs, ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 })).detection.incidents;
const missing = (incidents: readonly Incident[]): Incident[] => incidents.filter((i) => i.evidence.some((e) => e.feature === 'missing_resource'));

test('elastic-apache: the Chef client fetching a missing jar every hour (60 × 404, lines 178–9,941) is one operational finding, medium', async () => {
  const incidents = await incidentsOf(['../shared/data/real/elastic-apache/apache_logs.gz']);
  const chef = missing(incidents).find((i) => i.endpoint === 'GET /files/logstash/logstash-1.3.2-monolithic.jar');
  assert.ok(chef, missing(incidents).map((i) => i.endpoint).join(', '));
  assert.equal(chef.requests, 61);
  assert.equal(chef.clients[0], '208.91.156.11');
  assert.equal(chef.severity, 'medium');
  assert.match(chef.evidence.find((e) => e.feature === 'missing_resource')!.text, /answered 404 61 times to 2 clients over \d+ hours, never served: the same request on a schedule/);
  assert.match(chef.evidence.find((e) => e.feature === 'signal')!.text, /^operational impact: /);
  // The admin/login discovery of the same log is a campaign, not a missing file.
  assert.ok(!missing(incidents).some((i) => i.endpoints.some((e) => /wp-admin|wp-login/.test(e))));
  // Ranked above the small unexplained volume changes (medium without a signal).
  for (const i of incidents.filter((x) => x.severity === 'medium' && !x.evidence.some((e) => e.feature === 'signal'))) assert.ok(i.rank > chef.rank, `#${i.rank} ${i.endpoint}`);
});

test('iis-waikolai: four files every page view asks for (314 × 404 for 19 visitors) are one finding with every visitor', async () => {
  const dir = '../shared/data/real/iis-waikolai';
  const incidents = await incidentsOf(readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => `${dir}/${f}`));
  const found = missing(incidents);
  assert.equal(found.length, 1, found.map((i) => i.endpoints.join(' ')).join(' / '));
  assert.deepEqual([...found[0]!.endpoints].sort(), ['GET /NoIEActivate.js', 'GET /images/pages/com_about/images/body_photo.jpg', 'GET /images/pages/com_about/images/nav_roll.jpg', 'GET /images/pages/com_about/images/subnav_roll.jpg']);
  assert.equal(found[0]!.requests, 314);
  assert.equal(found[0]!.clients.length, 19);
  assert.ok(!severityAtLeast(found[0]!.severity, 'high'));
  // Busiest visitor first: 67.168.162.87 reloaded the page 31 times on 21 Dec (124 of the 404s).
  assert.equal(found[0]!.clients[0], '67.168.162.87');
  // Its burst and two other visitors' (75.132.178.142 on 14 Dec, 198.95.226.224 on 30 Dec: pages with
  // their images, the four gone files asked again on every view) are the finding's, not floods.
  assert.deepEqual(incidents.filter((i) => i.kind === 'volumetric').map((i) => i.clients.join(',')), []);
  assert.match(found[0]!.evidence.find((e) => e.feature === 'missing_visits')!.text, /^3 bursts of 3 visitors \(175, 61, 57 requests in a window\) were page views asking for these files again, not floods$/);
});

test('iis-webknowit: a year of probing for files the site lacks (/testproxy.php, setup.php) is no missing resource; robots.txt is asked for by every crawler', async () => {
  const dir = '../shared/data/real/iis-webknowit';
  const incidents = await incidentsOf(readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => `${dir}/${f}`));
  assert.deepEqual(missing(incidents).map((i) => i.endpoint), []);
});
