// Attack readings besides payloads and probes, on CrowdSec hub attack tests (MIT) spliced into the
// real elastic-apache log the way `npm run eval:real` does: a client posting to a login form again
// and again, and a client sending requests that are not HTTP. Each is an attack signal, at most
// medium while it is a short run from one client, and ranked above the log's unexplained volume.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHubTests } from '../../scripts/eval-real/hub-tests.js';
import { loadBackground, placeInMiddle, spliceLines } from '../../scripts/eval-real/splice.js';
import { analyzeTraffic } from '../../src/pipeline/analyze-traffic.js';
import type { Incident } from '../../src/types.js';

const SETTINGS = { seed: 42, trees: 100, sampleSize: 256 };
const background = loadBackground('../shared/data/real/elastic-apache/apache_logs.gz');
const hub = loadHubTests();

async function splicedIncidents(name: string): Promise<Incident[]> {
  const hubTest = hub.find((t) => t.name === name)!;
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-signals-'));
  try {
    const file = join(dir, `${name}.log`);
    writeFileSync(file, spliceLines(hubTest.lines, placeInMiddle(hubTest.lines, background), background));
    return (await analyzeTraffic({ inputs: [file], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 })).detection.incidents;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function signalOf(incident: Incident): string {
  return incident.evidence.find((e) => e.feature === 'signal')?.text ?? '';
}

test('hub http-bf-wordpress-bf: nine POST /wp-login.php in a second from one address are repeated login attempts, medium, in the top five', async () => {
  const incidents = await splicedIncidents('http-bf-wordpress-bf');
  const found = incidents.find((i) => i.clients.includes('81.150.104.130'))!;
  assert.match(signalOf(found), /^attack: repeated login attempts \(POST \/wp-login\.php the busiest route of one client's 9 requests in a window\): a short run from one client$/);
  assert.equal(found.severity, 'medium');
  assert.ok(found.rank <= 5, `rank ${found.rank}`);
});

test('hub apache2-malformed: TLS handshakes sent to the plain HTTP port are requests that are not HTTP, medium, in the top five', async () => {
  const incidents = await splicedIncidents('apache2-malformed');
  const found = incidents.find((i) => i.clients.includes('1.2.3.4'))!;
  assert.match(signalOf(found), /^attack: 11 requests from one client that are not HTTP \(malformed request lines\): a short run from one client$/);
  assert.equal(found.severity, 'medium');
  assert.ok(found.rank <= 5, `rank ${found.rank}`);
});

test("the elastic-apache readers and crawlers get neither reading: no login form, every request HTTP", async () => {
  const incidents = await splicedIncidents('http-bf-wordpress-bf');
  for (const i of incidents.filter((x) => !x.clients.includes('81.150.104.130'))) assert.doesNotMatch(signalOf(i), /login attempts|not HTTP/, `#${i.rank} ${i.endpoint}`);
});
