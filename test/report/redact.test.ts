import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { redactionToken, redactReport } from '../../src/report/redact.js';
import { renderers } from '../../src/report/renderers.js';
import { validateReport } from '../../src/report/validate-report.js';
import { UsageError } from '../../src/errors.js';
import { hostileReport } from './fixtures.js';

const KEY = 'team-secret';
const ADDRESSES = ['203.0.113.9', '198.51.100.23', '2001:db8::7', '192.0.2.44', '10.0.0.12'];

test('token is the first 12 hex digits of HMAC-SHA256 under the key', () => {
  const expected = createHmac('sha256', KEY).update('203.0.113.9').digest('hex').slice(0, 12);
  assert.equal(redactionToken('client', '203.0.113.9', KEY), `client-${expected}`);
  assert.match(redactionToken('consumer', 'mobile-app', KEY), /^consumer-[0-9a-f]{12}$/);
});

test('same input and key give the same report; another key gives other tokens', () => {
  const a = redactReport(hostileReport(), KEY);
  const b = redactReport(hostileReport(), KEY);
  assert.deepEqual(a, b);
  const c = redactReport(hostileReport(), 'other-key');
  assert.notEqual(a.incidents[0]?.clients[0], c.incidents[0]?.clients[0]);
});

test('no client address or consumer id survives in any output format', () => {
  const report = redactReport(hostileReport(), KEY);
  assert.deepEqual(validateReport(JSON.parse(renderers.json(report, { color: false }))), []);
  for (const format of ['table', 'json', 'ndjson', 'csv', 'markdown', 'html'] as const) {
    const out = renderers[format](report, { color: false, showSuppressed: true });
    for (const address of ADDRESSES) assert.ok(!out.includes(address), `${format} leaks ${address}`);
    assert.ok(!out.includes('mobile-app'), `${format} leaks a consumer id`);
  }
});

test('ids inside free text are replaced, longer ids are not cut by shorter ones', () => {
  const report = hostileReport();
  const incident = report.incidents[0]!;
  incident.clients = ['10.0.0.1', '10.0.0.12'];
  incident.summary = 'From 10.0.0.12 and 10.0.0.1. Also 172.16.5.4, version 1.2.3.4.5 is not an address.';
  incident.consumers = ['api'];
  const redacted = redactReport(report, KEY).incidents[0]!;
  const token = (ip: string): string => redactionToken('client', ip, KEY);
  assert.equal(
    redacted.summary,
    `From ${token('10.0.0.12')} and ${token('10.0.0.1')}. Also ${token('172.16.5.4')}, version 1.2.3.4.5 is not an address.`,
  );
  // a consumer called "api" does not rewrite the route
  assert.equal(redacted.endpoint, 'POST /api/v1/login');
  assert.deepEqual(redacted.consumers, [redactionToken('consumer', 'api', KEY)]);
});

test('the original report is left untouched', () => {
  const report = hostileReport();
  const before = JSON.stringify(report);
  redactReport(report, KEY);
  assert.equal(JSON.stringify(report), before);
});

test('an empty key is refused', () => {
  assert.throws(() => redactReport(hostileReport(), ''), UsageError);
});
