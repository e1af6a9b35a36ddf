import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppression } from '../../src/config/apply-suppression.js';
import type { SuppressRule } from '../../src/config/config-types.js';
import type { Incident } from '../../src/types.js';
import { distributedLoginAttack, loadTestFlood, partnerBulkSync, pentestScan } from './incident-fixtures.js';

const NOW = new Date('2026-03-06T00:00:00Z');

function isSuppressed(incident: Incident, rule: Omit<SuppressRule, 'reason'>): boolean {
  const result = applySuppression([incident], [{ ...rule, reason: 'test rule' }], NOW);
  assert.equal(result.kept.length + result.suppressed.length, 1, 'every incident is kept or suppressed, never lost');
  return result.suppressed.length === 1;
}

test('kind must equal the incident kind', () => {
  assert.equal(isSuppressed(pentestScan(), { kind: 'scanner' }), true);
  assert.equal(isSuppressed(pentestScan(), { kind: 'enumeration' }), false);
});

test('endpoint: a path pattern without a method matches any method; * spans slashes', () => {
  const incident = partnerBulkSync(); // GET /api/v1/orders/{id} and GET /api/v1/orders
  assert.equal(isSuppressed(incident, { endpoint: '/api/v1/orders*' }), true);
  assert.equal(isSuppressed(incident, { endpoint: 'GET /api/v1/*' }), true);
  assert.equal(isSuppressed(incident, { endpoint: '* /api/*' }), true);
  assert.equal(isSuppressed(incident, { endpoint: 'get /api/v1/*' }), true, 'methods compare case-insensitively');
  assert.equal(isSuppressed(incident, { endpoint: 'POST /api/v1/*' }), false, 'method differs');
  assert.equal(isSuppressed(incident, { endpoint: '/API/v1/*' }), false, 'paths are case-sensitive');
});

test('endpoint: template parts are literal, and every endpoint of the incident must be covered', () => {
  const incident = partnerBulkSync();
  assert.equal(isSuppressed(incident, { endpoint: 'GET /api/v1/orders/{id}' }), false, '/api/v1/orders is not covered');
  assert.equal(isSuppressed(partnerBulkSync({ endpoints: ['GET /api/v1/orders/{id}'] }), { endpoint: 'GET /api/v1/orders/{id}' }), true);
  assert.equal(isSuppressed(partnerBulkSync({ endpoints: ['GET /api/v1/orders/{id}'] }), { endpoint: 'GET /api/v1/orders/42' }), false);
  // The main `endpoint` counts even when `endpoints` leaves it out.
  assert.equal(isSuppressed(partnerBulkSync({ endpoints: ['GET /api/v1/orders'] }), { endpoint: 'GET /api/v1/orders' }), false);
});

test('endpoint: an incident on no endpoint is not covered by an endpoint rule', () => {
  assert.equal(isSuppressed(pentestScan({ endpoint: null, endpoints: [] }), { endpoint: '*' }), false);
  assert.equal(isSuppressed(pentestScan(), { endpoint: '*' }), true);
});

test('client: an IPv4 address or CIDR block', () => {
  assert.equal(isSuppressed(pentestScan(), { client: '198.51.100.17' }), true);
  assert.equal(isSuppressed(pentestScan(), { client: '198.51.100.0/24' }), true);
  assert.equal(isSuppressed(pentestScan(), { client: '198.51.100.16/31' }), true);
  assert.equal(isSuppressed(pentestScan(), { client: '198.51.100.18/31' }), false);
  assert.equal(isSuppressed(pentestScan(), { client: '198.51.101.0/24' }), false);
  assert.equal(isSuppressed(pentestScan(), { client: '0.0.0.0/0' }), true);
});

test('client: IPv6 addresses and blocks; v4 rules never match v6 clients', () => {
  const v6 = pentestScan({ clients: ['2001:db8:4::7'] });
  assert.equal(isSuppressed(v6, { client: '2001:db8::/32' }), true);
  assert.equal(isSuppressed(v6, { client: '2001:db8:4::/48' }), true);
  assert.equal(isSuppressed(v6, { client: '2001:0db8:0004:0000:0000:0000:0000:0007' }), true, 'uncompressed spelling is the same address');
  assert.equal(isSuppressed(v6, { client: '2001:db8:5::/48' }), false);
  assert.equal(isSuppressed(v6, { client: '0.0.0.0/0' }), false);
});

test('client: IPv4-mapped IPv6 addresses match IPv4 rules, and mapped rules match IPv4 clients', () => {
  assert.equal(isSuppressed(pentestScan({ clients: ['::ffff:198.51.100.17'] }), { client: '198.51.100.0/24' }), true);
  assert.equal(isSuppressed(pentestScan({ clients: ['::ffff:198.51.100.17'] }), { client: '203.0.113.0/24' }), false);
  assert.equal(isSuppressed(pentestScan(), { client: '::ffff:198.51.100.0/120' }), true);
  assert.equal(isSuppressed(pentestScan(), { client: '::ffff:198.51.100.17' }), true);
});

test('client: host names and odd IPv4 spellings in the log are never inside a range', () => {
  assert.equal(isSuppressed(pentestScan({ clients: ['scanner.example.net'] }), { client: '0.0.0.0/0' }), false);
  // ipaddr.js alone would read these as 198.51.100.17; a forged X-Forwarded-For must not slip under a rule.
  assert.equal(isSuppressed(pentestScan({ clients: ['3325256721'] }), { client: '198.51.100.0/24' }), false);
  assert.equal(isSuppressed(pentestScan({ clients: ['0xc6336411'] }), { client: '198.51.100.0/24' }), false);
});

test('client: an incident with several clients is suppressed only when the rule covers all of them', () => {
  const attack = distributedLoginAttack(); // 198.51.100.23, 198.51.100.99, 2001:db8:4::7
  assert.equal(isSuppressed(attack, { client: '198.51.100.0/24' }), false, 'the IPv6 client is not covered');
  assert.equal(isSuppressed(attack, { client: ['198.51.100.0/24', '2001:db8:4::/48'] }), true);
  assert.equal(isSuppressed(attack, { client: ['198.51.100.0/25', '2001:db8:4::/48'] }), true);
  assert.equal(isSuppressed(attack, { client: ['198.51.100.0/26', '2001:db8:4::/48'] }), false, '198.51.100.99 is outside /26');
  assert.equal(isSuppressed(pentestScan({ clients: [] }), { client: '0.0.0.0/0' }), false, 'no clients: nothing to vouch for');
});

test('consumer: exact, or with * wildcards; every consumer of the incident must match', () => {
  assert.equal(isSuppressed(partnerBulkSync(), { consumer: 'partner-acme-sync' }), true);
  assert.equal(isSuppressed(partnerBulkSync(), { consumer: 'partner-acme' }), false, 'not a substring match');
  assert.equal(isSuppressed(partnerBulkSync(), { consumer: 'Partner-Acme-Sync' }), false, 'case-sensitive');
  assert.equal(isSuppressed(partnerBulkSync(), { consumer: 'partner-*' }), true);
  assert.equal(isSuppressed(partnerBulkSync({ consumers: ['partner-acme-sync', 'mobile-app'] }), { consumer: 'partner-*' }), false);
  assert.equal(isSuppressed(pentestScan(), { consumer: '*' }), false, 'an incident without consumers');
});

test('userAgent: case-insensitive substring of every user agent of the incident', () => {
  assert.equal(isSuppressed(pentestScan(), { userAgent: 'nmap scripting engine' }), true);
  assert.equal(isSuppressed(pentestScan(), { userAgent: 'sqlmap' }), false);
  const mixed = pentestScan({ userAgents: ['Nmap Scripting Engine', 'curl/8.5.0'] });
  assert.equal(isSuppressed(mixed, { userAgent: 'nmap' }), false, 'curl/8.5.0 does not contain it');
  assert.equal(isSuppressed(pentestScan({ userAgents: [] }), { userAgent: 'nmap' }), false);
});

test('from/until: the whole incident must lie inside the window', () => {
  const flood = loadTestFlood(); // 14:05 to 14:50 on 2026-03-05
  assert.equal(isSuppressed(flood, { from: '2026-03-05T14:00:00Z', until: '2026-03-05T15:00:00Z' }), true);
  assert.equal(isSuppressed(flood, { from: '2026-03-05T14:05:00Z', until: '2026-03-05T14:50:00Z' }), true, 'bounds are inclusive');
  assert.equal(isSuppressed(flood, { from: '2026-03-05T14:00:00Z', until: '2026-03-05T14:30:00Z' }), false, 'it goes on after until');
  assert.equal(isSuppressed(flood, { from: '2026-03-05T14:10:00Z' }), false, 'it starts before from');
  assert.equal(isSuppressed(flood, { from: '2026-03-05T15:00:00+01:00', until: '2026-03-05T16:00:00+01:00' }), true, 'offsets are honoured');
  assert.equal(isSuppressed(flood, { from: '2026-03-05', until: '2026-03-06' }), true, 'a date is 00:00 UTC');
  assert.equal(isSuppressed(loadTestFlood({ start: 'garbage' }), { from: '2026-03-05' }), false, 'an unreadable start is never inside');
});

test('all given fields must match', () => {
  const rule = { kind: 'volumetric' as const, consumer: 'loadtest', client: '10.20.0.0/16', from: '2026-03-05T14:00:00Z', until: '2026-03-05T15:00:00Z' };
  assert.equal(isSuppressed(loadTestFlood(), rule), true);
  assert.equal(isSuppressed(loadTestFlood({ kind: 'error_spike' }), rule), false);
  assert.equal(isSuppressed(loadTestFlood({ consumers: ['mobile-app'] }), rule), false);
  assert.equal(isSuppressed(loadTestFlood({ clients: ['10.20.0.11', '192.0.2.1'] }), rule), false);
});

test('the first matching rule wins, kept incidents keep their order, and a shadowed rule still counts as matched', () => {
  const incidents = [distributedLoginAttack(), pentestScan(), partnerBulkSync(), loadTestFlood()];
  const rules: SuppressRule[] = [
    { client: '198.51.100.17', reason: 'weekly pentest' },
    { kind: 'scanner', reason: 'all scanners' },
    { consumer: 'partner-acme-sync', reason: 'nightly partner sync' },
  ];
  const result = applySuppression(incidents, rules, NOW);
  assert.deepEqual(result.kept.map((incident) => incident.id), [incidents[0]!.id, incidents[3]!.id]);
  assert.deepEqual(
    result.suppressed.map(({ incident, rule, reason }) => [incident.id, rule, reason]),
    [
      [incidents[1]!.id, 0, 'weekly pentest'],
      [incidents[2]!.id, 2, 'nightly partner sync'],
    ],
  );
  assert.equal(result.suppressed[0]!.incident, incidents[1], 'the whole incident is kept in the suppressed entry');
  assert.deepEqual(result.unmatchedRules, []);
});

test('rules that matched nothing and rules past their until are reported', () => {
  const rules: SuppressRule[] = [
    { consumer: 'loadtest', from: '2026-02-01T00:00:00Z', until: '2026-02-01T06:00:00Z', reason: 'february load test' },
    { client: '192.0.2.0/24', reason: 'weekly pentest' },
    { consumer: 'loadtest', until: '2026-10-01', reason: 'load test' },
  ];
  const result = applySuppression([loadTestFlood(), pentestScan()], rules, NOW);
  assert.deepEqual(result.unmatchedRules, [
    { index: 0, reason: 'february load test' },
    { index: 1, reason: 'weekly pentest' },
  ]);
  assert.deepEqual(result.expiredRules, [{ index: 0, reason: 'february load test', until: '2026-02-01T06:00:00Z' }]);
  assert.equal(result.suppressed.length, 1);
  assert.equal(result.suppressed[0]!.rule, 2);
  const later = applySuppression([], rules, new Date('2026-10-02T00:00:00Z'));
  assert.deepEqual(later.expiredRules.map((rule) => rule.index), [0, 2]);
});

test('an expired rule still suppresses incidents inside its window (re-reading old logs)', () => {
  const rules: SuppressRule[] = [{ consumer: 'loadtest', from: '2026-03-05T14:00:00Z', until: '2026-03-05T15:00:00Z', reason: 'load test' }];
  const result = applySuppression([loadTestFlood()], rules, new Date('2026-04-01T00:00:00Z'));
  assert.equal(result.suppressed.length, 1);
  assert.deepEqual(result.expiredRules, [{ index: 0, reason: 'load test', until: '2026-03-05T15:00:00Z' }]);
});

test('no rules: everything is kept', () => {
  const incidents = [pentestScan(), partnerBulkSync()];
  const result = applySuppression(incidents, [], NOW);
  assert.deepEqual(result.kept, incidents);
  assert.deepEqual(result.suppressed, []);
});

test('a hand-built invalid rule is a programming error, not a silent non-match', () => {
  assert.throws(() => applySuppression([pentestScan()], [{ client: '10.0.0.0/33', reason: 'x' }], NOW), /suppress\[0\]\.client/);
});
