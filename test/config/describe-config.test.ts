import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeConfig } from '../../src/config/describe-config.js';

test('every default and rule becomes one sentence a reviewer can check', () => {
  const lines = describeConfig({
    path: '/repo/anomalog.config.json',
    displayPath: 'anomalog.config.json',
    defaults: { failOn: 'high' },
    suppress: [
      { client: ['198.51.100.0/24', '2001:db8:4::/48'], userAgent: 'Nessus', reason: 'weekly pentest' },
      { consumer: 'loadtest', from: '2026-03-05T14:00:00Z', until: '2026-03-05T15:00:00Z', reason: 'load test' },
    ],
    ignore: [{ feature: 'latency_p95', endpoint: 'GET /api/v1/*', direction: 'increase', within: 25, reason: 'faster is fine' }],
  });
  assert.deepEqual(lines, [
    'anomalog.config.json:',
    '  default failOn: "high"',
    '  suppress[0] ("weekly pentest") hides an incident when every client is in 198.51.100.0/24 or 2001:db8:4::/48, and every user agent contains "Nessus" (any case)',
    '  suppress[1] ("load test") hides an incident when every consumer matches "loadtest", and it lies between 2026-03-05T14:00:00Z and 2026-03-05T15:00:00Z',
    '  ignore[0] ("faster is fine") drops "latency_p95" evidence on incidents whose endpoints all match "GET /api/v1/*" when it does not increase or stays within 25 (its unit) of its baseline',
  ]);
});
