import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countHighOrCritical, incidentMatchesLabel, matchIncidents, normalizeEndpoint, parseWindowMs, sameEndpoint,
  type PlantedLabel, type ReportedIncident,
} from '../../../scripts/eval/match.js';

const WINDOW = 5 * 60_000;

function label(overrides: Partial<PlantedLabel> & Pick<PlantedLabel, 'kind'>): PlantedLabel {
  return { start: '2026-03-03T10:00:00.000Z', end: '2026-03-03T10:30:00.000Z', clients: [], consumers: [], endpoint: null, ...overrides };
}

function incident(overrides: Partial<ReportedIncident> & Pick<ReportedIncident, 'kind'>): ReportedIncident {
  return { start: '2026-03-03T10:05:00.000Z', end: '2026-03-03T10:20:00.000Z', endpoint: null, endpoints: [], clients: [], consumers: [], ...overrides };
}

test('endpoint templates compare by shape, whatever the placeholder syntax', () => {
  assert.equal(normalizeEndpoint('GET /api/v1/users/{id}'), normalizeEndpoint('get /api/v1/users/:userId'));
  assert.equal(normalizeEndpoint('GET /api/v1/users/{id}'), normalizeEndpoint('GET /api/v1/users/<num>/'));
  assert.notEqual(normalizeEndpoint('GET /api/v1/users/{id}'), normalizeEndpoint('PUT /api/v1/users/{id}'));
  assert.notEqual(normalizeEndpoint('GET /api/v1/users/{id}'), normalizeEndpoint('GET /api/v1/orders/{id}'));
});

test('a placeholder on either side stands for one path segment', () => {
  assert.ok(sameEndpoint('GET /api/{param}/users/me', 'GET /api/v1/users/me'));
  assert.ok(sameEndpoint('GET /images/products/{param}', 'GET /images/products/{id}.jpg'));
  assert.ok(sameEndpoint('GET /static/js/app.3f9c2d1e.js', 'GET /static/js/app.{hash}.js'));
  assert.ok(!sameEndpoint('GET /static/js/vendor.js', 'GET /static/js/app.{hash}.js'));
  assert.ok(!sameEndpoint('GET /api/{param}/users/me', 'GET /api/v1/users'));
  assert.ok(!sameEndpoint('POST /api/{param}/users/{id}', 'GET /api/v1/users/{id}'));
});

test('a match needs overlapping spans (one window of tolerance) and a shared client, consumer or endpoint', () => {
  const planted = label({ kind: 'enumeration', clients: ['203.0.113.9'], endpoint: 'GET /api/v1/users/{id}' });
  assert.ok(incidentMatchesLabel(incident({ kind: 'enumeration', clients: ['203.0.113.9'] }), planted, WINDOW));
  assert.ok(incidentMatchesLabel(incident({ kind: 'other', endpoints: ['GET /api/v1/users/{num}'] }), planted, WINDOW));
  // Shares nothing.
  assert.ok(!incidentMatchesLabel(incident({ kind: 'enumeration', clients: ['198.51.100.1'], endpoints: ['GET /api/v1/orders/{id}'] }), planted, WINDOW));
  // Starts 4 minutes after the label ends: inside the tolerance; 6 minutes: outside.
  const late = (minutes: number) => incident({ kind: 'enumeration', clients: ['203.0.113.9'], start: new Date(Date.parse(planted.end) + minutes * 60_000).toISOString(), end: '2026-03-03T11:30:00.000Z' });
  assert.ok(incidentMatchesLabel(late(4), planted, WINDOW));
  assert.ok(!incidentMatchesLabel(late(6), planted, WINDOW));
  const keyLabel = label({ kind: 'key_misuse', consumers: ['k3y1d'] });
  assert.ok(incidentMatchesLabel(incident({ kind: 'key_misuse', consumers: ['k3y1d'] }), keyLabel, WINDOW));
  assert.ok(!incidentMatchesLabel(incident({ kind: 'key_misuse', consumers: ['other'] }), keyLabel, WINDOW));
});

test('recall counts labels found in the top 2L, precision the matched share of the top L', () => {
  const labels = [
    label({ kind: 'scanner', clients: ['192.0.2.10'] }),
    label({ kind: 'error_spike', endpoint: 'POST /api/v1/orders', start: '2026-03-03T12:00:00.000Z', end: '2026-03-03T12:20:00.000Z' }),
  ];
  const reported = [
    incident({ kind: 'scanner', clients: ['192.0.2.10'] }), // matches label 0
    incident({ kind: 'volumetric', clients: ['198.51.100.7'] }), // false positive inside the top L
    incident({ kind: 'latency_regression', endpoint: 'POST /api/v1/orders', start: '2026-03-03T12:05:00.000Z', end: '2026-03-03T12:10:00.000Z' }), // label 1, wrong kind, rank 3
    incident({ kind: 'error_spike', endpoint: 'POST /api/v1/orders', start: '2026-03-03T12:00:00.000Z', end: '2026-03-03T12:10:00.000Z' }), // rank 4 = 2L
    incident({ kind: 'scanner', clients: ['192.0.2.10'] }), // rank 5: beyond 2L, ignored
  ];
  const result = matchIncidents(labels, reported, WINDOW);
  assert.deepEqual(result.assignment, [0, null, 1, 1]);
  assert.equal(result.recall, 1);
  assert.equal(result.precision, 0.5);
  assert.equal(result.matched, 3);
  assert.equal(result.kindRight, 2);
  assert.deepEqual(result.perKind.error_spike?.ranks, [3]);
  assert.deepEqual(result.perKind.error_spike?.reportedKinds, ['latency_regression', 'error_spike']);
  assert.deepEqual(result.perKind.scanner?.ranks, [1]);
});

test('an incident matches one label: an unmatched one first, then the one of its kind', () => {
  const labels = [
    label({ kind: 'credential_attack', clients: ['203.0.113.5'], endpoint: 'POST /api/v1/login' }),
    label({ kind: 'volumetric', clients: ['203.0.113.5'], endpoint: 'GET /api/v1/products' }),
  ];
  const reported = [
    incident({ kind: 'volumetric', clients: ['203.0.113.5'] }),
    incident({ kind: 'volumetric', clients: ['203.0.113.5'] }),
  ];
  const result = matchIncidents(labels, reported, WINDOW);
  assert.deepEqual(result.assignment, [1, 0]);
  assert.equal(result.recall, 1);
  assert.equal(result.kindRight, 1);
});

test('a label missing from the top 2L lowers recall; nothing reported leaves precision undefined', () => {
  const labels = [label({ kind: 'traffic_drop', endpoint: 'GET /api/v1/products' }), label({ kind: 'injection', clients: ['192.0.2.66'] })];
  const partial = matchIncidents(labels, [incident({ kind: 'traffic_drop', endpoint: 'GET /api/v1/products' })], WINDOW);
  assert.equal(partial.recall, 0.5);
  assert.equal(partial.precision, 1);
  assert.deepEqual(partial.perKind.injection?.ranks, [null]);
  const none = matchIncidents(labels, [], WINDOW);
  assert.equal(none.recall, 0);
  assert.equal(none.precision, null);
  assert.equal(none.kindAccuracy, null);
});

test('clean-day count and window parsing', () => {
  assert.equal(countHighOrCritical([incident({ kind: 'other', severity: 'high' }), incident({ kind: 'other', severity: 'medium' }), incident({ kind: 'other', severity: 'critical' })]), 2);
  assert.equal(parseWindowMs('5m'), 300_000);
  assert.equal(parseWindowMs('90s'), 90_000);
  assert.equal(parseWindowMs('1h'), 3_600_000);
  assert.equal(parseWindowMs('soon'), null);
});
