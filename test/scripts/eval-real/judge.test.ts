import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMustFind, incidentSignature, loadMustFind, loadVerdicts, type LogIncident, type ParsedRecord } from '../../../scripts/eval-real/judge.js';
import { realLogs } from '../../../scripts/eval-real/real-logs.js';

function incident(overrides: Partial<LogIncident>): LogIncident {
  return {
    rank: 1, kind: 'scanner', severity: 'high', confidence: 0.5, start: '2015-05-18T04:05:00.000Z', end: '2015-05-18T04:10:00.000Z',
    endpoint: 'GET /wp-admin/', clients: [], requests: 1, summary: '', ...overrides,
  };
}

function record(client: string, path: string, extra: Partial<ParsedRecord> = {}): ParsedRecord {
  return { time: '2015-05-18T04:05:00.000Z', client, method: 'GET', path, query: null, userAgent: null, referer: null, status: 404, ...extra };
}

test('a signature does not depend on the order of clients, rank or counts; long client lists are hashed', () => {
  const a = incidentSignature('elastic-apache', incident({ clients: ['2.2.2.2', '1.1.1.1'], rank: 3, requests: 5 }));
  const b = incidentSignature('elastic-apache', incident({ clients: ['1.1.1.1', '2.2.2.2'], rank: 9, requests: 7 }));
  assert.equal(a, b);
  assert.equal(a, 'elastic-apache | scanner | GET /wp-admin/ | 1.1.1.1,2.2.2.2');
  const many = incidentSignature('x', incident({ clients: ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'] }));
  assert.match(many, /^x \| scanner \| GET \/wp-admin\/ \| 4 clients #[0-9a-f]{8}$/);
  // Two outages on one route (no clients) differ by their start.
  const outage1 = incidentSignature('n', incident({ kind: 'error_spike', start: '2015-05-27T10:15:00.000Z' }));
  const outage2 = incidentSignature('n', incident({ kind: 'error_spike', start: '2015-05-28T13:45:00.000Z' }));
  assert.notEqual(outage1, outage2);
});

test('a must-find campaign is found only when one incident holds half of its clients', () => {
  const item = { id: 'wp', what: 'wp-admin discovery', select: { path: '^/(blog/)?wp-admin/$', status: '^404$' } };
  const records = [record('1.1.1.1', '/wp-admin/'), record('2.2.2.2', '/blog/wp-admin/'), record('3.3.3.3', '/wp-admin/'), record('4.4.4.4', '/wp-admin/'), record('5.5.5.5', '/wp-admin/', { status: 200 }), record('6.6.6.6', '/about/')];
  const split = [incident({ rank: 2, clients: ['1.1.1.1'] }), incident({ rank: 4, clients: ['2.2.2.2', '9.9.9.9'] })];
  assert.deepEqual(checkMustFind(item, records, split), {
    id: 'wp', by: 'clients', what: 'wp-admin discovery', clients: 4, requests: 4, rank: 2, bestHeld: 1, covered: 2, spreadOver: 2, found: false, split: true,
  });
  assert.equal(checkMustFind(item, records, split.slice(0, 1)).split, false, 'one client of four in one incident is missed, not split');
  const grouped = [...split, incident({ rank: 7, clients: ['1.1.1.1', '3.3.3.3', '8.8.8.8'] })];
  assert.deepEqual([checkMustFind(item, records, grouped).rank, checkMustFind(item, records, grouped).found], [7, true]);
});

test('an outage item is found by an error or latency incident overlapping its window', () => {
  const item = { id: 'o', what: 'outage', select: { status: '^502$' }, window: ['2015-05-28T13:50:00.000Z', '2015-05-28T14:30:00.000Z'] as [string, string], kinds: ['error_spike'] };
  const records = [record('10.0.0.1', '/x', { status: 502, time: '2015-05-28T14:00:00.000Z' }), record('10.0.0.2', '/x', { status: 502, time: '2015-05-29T14:00:00.000Z' })];
  const before = incident({ rank: 1, kind: 'error_spike', start: '2015-05-28T13:00:00.000Z', end: '2015-05-28T13:45:00.000Z' });
  const volume = incident({ rank: 2, kind: 'volumetric', start: '2015-05-28T14:00:00.000Z', end: '2015-05-28T14:05:00.000Z' });
  const during = incident({ rank: 5, kind: 'error_spike', start: '2015-05-28T14:20:00.000Z', end: '2015-05-28T14:40:00.000Z' });
  const outcome = checkMustFind(item, records, [before, volume, during]);
  assert.deepEqual([outcome.clients, outcome.found, outcome.rank], [1, true, 5]);
});

test('the data files hold only known logs, valid verdicts and patterns that compile', () => {
  const ids = new Set(realLogs().map((l) => l.id));
  for (const [log, items] of Object.entries(loadMustFind())) {
    assert.ok(ids.has(log), `must-find log ${log}`);
    for (const item of items) for (const pattern of Object.values(item.select)) if (typeof pattern === 'string') new RegExp(pattern, 'i');
  }
  for (const [signature, verdict] of Object.entries(loadVerdicts())) {
    assert.ok(ids.has(signature.split(' | ')[0] as string), signature);
    assert.ok(['attack', 'operational', 'benign', 'unsure'].includes(verdict.verdict), signature);
    assert.ok(verdict.reason.length > 10 && !verdict.reason.includes('\n'), signature);
  }
});
