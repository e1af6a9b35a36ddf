// The counts behind two signals of incident-signals.ts, on the cases where they misfired.
//
// An operational impact is what many clients felt of what the evidence names: the clients that got
// a 5xx when errors rose, the clients that got a slow response when latency rose. On the eval's
// generated nginx day an injection attacker's own four 500s on GET /api/v1/products, beside three
// ordinary clients whose requests fell in the route's p95 tail, read as "5xx or slow responses
// reached 4 of the route's 32 clients": an operational signal for one attacker's errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import { incidentSignals } from '../../src/detect/incident-signals.js';
import type { WindowCandidate } from '../../src/detect/window-candidate.js';
import type { LogRecord } from '../../src/types.js';

const WINDOW = 5 * 60_000;
const START = Date.parse('2026-03-03T02:00:00Z');

/** A busy listing route: 40 clients, a request every few seconds, latencies with a tail. */
function day(aggregator: TrafficAggregator, windows: number, failing: (window: number, client: number, i: number) => boolean): void {
  let line = 0;
  for (let window = 0; window < windows; window += 1) {
    for (let i = 0; i < 80; i += 1) {
      const client = (i * 7 + window) % 40;
      line += 1;
      const failed = failing(window, client, i);
      // One request in twenty is in the slow tail, whoever sends it.
      const durationMs = i % 20 === 7 ? 900 + i : 40 + ((i * 13) % 30);
      aggregator.add({
        timeMs: START + window * WINDOW + i * 3_000, client: `198.51.100.${client + 1}`, method: 'GET', path: '/api/v1/products', query: `page=${1 + (i % 5)}`,
        route: '/api/v1/products', status: failed ? 500 : 200, bytesSent: 2400, bytesReceived: null, durationMs, userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
        referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: 'nginx.log', line },
      } satisfies LogRecord);
    }
  }
  aggregator.finish();
}

function candidate(aggregator: TrafficAggregator, window: number): WindowCandidate {
  const stats = aggregator.endpoints.entities.get('GET /api/v1/products')!.windows.get(Math.floor(START / WINDOW) + window)!;
  const errors = stats.status5xx;
  return {
    entity: 'endpoint', key: 'GET /api/v1/products', index: Math.floor(START / WINDOW) + window, lastIndex: Math.floor(START / WINDOW) + window, score: 50, rawScore: 0.6,
    kind: 'error_spike', endpoints: ['GET /api/v1/products'], clients: [], consumers: [], userAgents: [], requests: stats.requests, leadClient: null, samples: [],
    historyWindows: 24, confidence: 0.9, baselineNote: null,
    evidence: [{ feature: 'error_5xx_ratio', observed: errors / stats.requests, baseline: 0.002, unit: 'ratio', text: `5xx ratio (${errors} of ${stats.requests})`, significance: 0.5, featureIndex: 1, contribution: 0.4 }],
    erroredClients: stats.erroredClientsCount(), slowClients: stats.slowClientsCount(), routeClients: stats.clientCount(),
  };
}

const signalOf = (c: WindowCandidate): string | null => incidentSignals({ members: [c], kind: c.kind, score: c.score, startIndex: c.index, lastIndex: c.lastIndex }, c.requests, 1000).operational;

test('one client\'s own 500s beside the route\'s slow tail are no operational impact', () => {
  const aggregator = new TrafficAggregator(WINDOW);
  // In window 12 one client (the attacker, 198.51.100.8) gets 500s.
  day(aggregator, 24, (window, client, i) => window === 12 && client === 7 && i < 60);
  const c = candidate(aggregator, 12);
  assert.equal(c.erroredClients, 1);
  assert.ok(c.slowClients! >= 3, `the slow tail reached ${c.slowClients} clients, as in every busy window`);
  assert.equal(signalOf(c), null);
});

test('500s that a dozen clients got are an operational impact, and the signal counts them', () => {
  const aggregator = new TrafficAggregator(WINDOW);
  day(aggregator, 24, (window, _client, i) => window === 12 && i % 3 === 0);
  const c = candidate(aggregator, 12);
  assert.ok(c.erroredClients! >= 12, `${c.erroredClients}`);
  assert.equal(signalOf(c), `5xx responses reached ${c.erroredClients} of the route's ${c.routeClients} clients`);
});

/** A login route's window judged as a credential attack: `failures` 401/403 of `requests`, `normal` the route's usual share. */
function loginCandidate(entity: 'endpoint' | 'client', requests: number, observed: number, normal: number): WindowCandidate {
  return {
    entity, key: entity === 'endpoint' ? 'POST /api/v1/login' : '90.183.233.107', index: 100, lastIndex: 102, score: 40, rawScore: 0.6, kind: 'credential_attack',
    endpoints: ['POST /api/v1/login'], clients: [], consumers: [], userAgents: [], requests, leadClient: null, samples: [], historyWindows: 200, confidence: 0.9, baselineNote: null,
    evidence: [{ feature: 'auth_failure_ratio', observed, baseline: normal, unit: 'ratio', text: '401/403 ratio', significance: 0.3, featureIndex: 2, contribution: 0.2 }],
  };
}
const attackOf = (c: WindowCandidate): string | null => incidentSignals({ members: [c], kind: c.kind, score: c.score, startIndex: c.index, lastIndex: c.lastIndex }, c.requests, 1000).attack;

test('typos on a busy login route are no repeated auth failures; a brute force is', () => {
  // The eval's API Gateway day: 5 of 30 logins failed in one window where 4% is normal, 73 requests
  // over the incident: about 9 failures more than normal among 94 clients. It read "repeated auth failures (12 401/403)".
  assert.equal(attackOf(loginCandidate('endpoint', 73, 0.1667, 0.04)), null);
  // README's brute force: 75% of one client's 40 login attempts failed, 180 requests over the incident.
  assert.equal(attackOf(loginCandidate('client', 180, 0.75, 0.0388)), 'repeated auth failures (135 401/403)');
});

test('repeated auth failures are counted in the lines the incident counts, not estimated from one window\'s ratio', async () => {
  const { analyzeTraffic } = await import('../../src/pipeline/analyze-traffic.js');
  const { readFileSync } = await import('node:fs');
  const file = 'fixtures/generated/kinds/credential_attack/nginx.log';
  const incidents = (await analyzeTraffic({ inputs: [file], ingest: {}, windowMs: 300_000, filter: {}, model: { seed: 42, trees: 100, sampleSize: 256 } }, { threads: 1 })).detection.incidents;
  const attack = incidents.find((i) => i.kind === 'credential_attack')!;
  const terms = attack.selector.terms;
  assert.ok(terms.length > 0 && terms.every((t) => t.client !== undefined && t.endpoint === undefined));
  // Lines named one by one (a burst of 401s within a minute), as `331-332,334-336,339`.
  const named = new Set<number>();
  for (const part of (attack.selector.lines?.[file] ?? '').split(',').filter(Boolean)) {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined];
    for (let n = from; n <= (to ?? from); n++) named.add(n);
  }
  // The incident's lines, from the raw file: its client's requests inside its selector's spans, and the named ones.
  let lines = 0;
  let failures = 0;
  let number = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    number++;
    const m = /^(\S+) \S+ \S+ \[(\d+)\/(\w+)\/(\d+):(\d+:\d+:\d+) \+0000\] "[^"]*" (\d{3})/.exec(line);
    if (!m) continue;
    const ms = Date.parse(`${m[3]} ${m[2]} ${m[4]} ${m[5]} UTC`);
    if (!named.has(number) && !terms.some((t) => t.client === m[1] && ms >= Date.parse(t.start) && ms < Date.parse(t.end))) continue;
    lines++;
    if (m[6] === '401' || m[6] === '403') failures++;
  }
  assert.equal(lines, attack.requests);
  assert.ok(failures > 100);
  assert.match(attack.evidence.find((e) => e.feature === 'signal')!.text, new RegExp(`^attack: repeated auth failures \\(${failures} 401/403\\)$`));
});

test('a run that joins two readings of one window judges failures beyond normal on the lines it keeps, not on both readings', async () => {
  const { mergeCandidates } = await import('../../src/detect/merge-candidates.js');
  const { claimKey } = await import('../../src/detect/window-candidate.js');
  // One client's window on a login route read twice (its forest window and its burst of 401s): 40
  // requests, 25 of them failed, where 30% failing is the route's normal. 25 − 0.3 × 40 = 13 beyond
  // normal is a brute force; adding both readings (80 requests) left 25 − 24 = 1.
  const reading = (score: number): WindowCandidate => {
    const c = loginCandidate('client', 40, 25 / 40, 0.3);
    return { ...c, index: 100, lastIndex: 100, score, authFailures: 25, claims: [{ actor: claimKey('client', c.key), index: 100, requests: 40, authFailures: 25 }] };
  };
  const [group] = mergeCandidates([reading(40), reading(45)]);
  assert.equal(group!.members.length, 1);
  assert.equal(group!.members[0]!.requests, 40);
  assert.equal(attackOf(group!.members[0]!), 'repeated auth failures (25 401/403)');
});
