import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InjectionCollector } from '../../src/detect/injection-incidents.js';
import { InjectionDetector } from '../../src/detect/injection/injection-detector.js';
import type { LogRecord } from '../../src/types.js';
import { mergeCandidates } from '../../src/detect/merge-candidates.js';
import { createIngestStats, readRecords } from '../../src/ingest/read-records.js';

function request(client: string, path: string, query: string | null, line: number): LogRecord {
  return {
    timeMs: Date.UTC(2022, 11, 22, 4, 10) + line * 1000, client, method: 'GET', path, query, route: '/download', status: 404, bytesSent: 200,
    bytesReceived: null, durationMs: 2, userAgent: 'python-requests/2.28', referer: null, consumer: null, host: null, requestId: null, upstream: null,
    source: { file: 'access.log', line },
  };
}

test('a single traversal probe is described in the singular', () => {
  const collector = new InjectionCollector(new InjectionDetector(), 'score');
  collector.observe(request('98.159.226.187', '/download', 'file=../../../../etc/passwd', 7));
  const [candidate] = collector.finish(300_000);
  assert.ok(candidate, 'the probe is a candidate');
  assert.match(candidate.evidence[0]!.text, /^1 request with path traversal in query parameter `file` on 1 distinct target of GET \/download$/);
});

test('several probes are counted in the plural', () => {
  const collector = new InjectionCollector(new InjectionDetector(), 'score');
  collector.observe(request('98.159.226.187', '/download', 'file=../../../../etc/passwd', 7));
  collector.observe(request('98.159.226.187', '/download', 'file=..%2f..%2f..%2fetc%2fshadow', 8));
  const [candidate] = collector.finish(300_000);
  assert.match(candidate!.evidence[0]!.text, /^2 requests with path traversal in query parameter `file` on 2 distinct targets of GET \/download$/);
});

test('past the cap, flagged requests are counted, not kept: memory does not grow with the length of an attack', () => {
  const collector = new InjectionCollector(new InjectionDetector(), 'score', 10);
  // One client's traversal run, 30 probes a second apart; a second client after the cap is reached.
  for (let i = 0; i < 30; i++) collector.observe(request('98.159.226.187', '/download', `file=${'../'.repeat(1 + (i % 5))}etc/passwd&n=${i}`, 100 + i));
  collector.observe(request('203.0.113.9', '/download', 'file=../../etc/shadow', 200));
  const result = collector.result(300_000);
  assert.equal(result.unstoredFlagged, 21);
  assert.equal(result.candidates.length, 1);
  assert.equal(result.candidates[0]!.key, '98.159.226.187');
  assert.equal(result.candidates[0]!.requests, 10);
  // Without a cap the same run is one incident of all 30.
  const uncapped = new InjectionCollector(new InjectionDetector(), 'score');
  for (let i = 0; i < 30; i++) uncapped.observe(request('98.159.226.187', '/download', `file=${'../'.repeat(1 + (i % 5))}etc/passwd&n=${i}`, 100 + i));
  assert.equal(uncapped.result(300_000).candidates[0]!.requests, 30);
});

// iis-webknowit (../shared/data/real/iis-webknowit): `() { :;};` in the User-Agent, 76 requests
// from 10 addresses on 10 days, Jan–May 2016: perl "XSUCCESS!" droppers against /cgi-bin/php*,
// bash and sh droppers against `/`, a reverse shell against /cgi-bin/test-cgi.
const SHELLSHOCK_DAYS = ['160108', '160113', '160114', '160116', '160309', '160427', '160429', '160503', '160514', '160517'];

test('Shellshock in the User-Agent from 10 addresses months apart, whatever path each tried, is one finding with its occurrences', async () => {
  const collector = new InjectionCollector(new InjectionDetector(), 'score');
  const files = SHELLSHOCK_DAYS.map((d) => `../shared/data/real/iis-webknowit/u_ex${d}.log`);
  for await (const r of readRecords(files, {}, createIngestStats())) collector.observe(r);
  const shellshock = mergeCandidates(collector.finish(300_000)).filter((g) => g.members.some((m) => m.evidence.some((e) => /Shellshock in User-Agent/.test(e.text))));
  assert.equal(shellshock.length, 1, shellshock.map((g) => g.members.map((m) => m.key).join(',')).join(' / '));
  const clients = new Set(shellshock[0]!.members.flatMap((m) => m.clients));
  assert.deepEqual([...clients].sort(), ['109.190.105.35', '193.189.117.177', '198.143.180.166', '198.71.90.128', '211.220.63.148', '31.184.195.114', '61.161.130.241', '73.243.176.4', '95.131.69.245', '97.86.146.59']);
  assert.equal(shellshock[0]!.members.reduce((n, m) => n + m.requests, 0), 76);
  // Whichever address's candidate leads the incident, it tells the whole finding, not its own 33 requests.
  for (const m of shellshock[0]!.members) assert.match(m.evidence[0]!.text, /^76 requests from 10 addresses with Shellshock in User-Agent, .* on 39 distinct targets of GET \/, GET \/cgi-bin\/php, GET \/cgi-bin\/php4$/);
});
