import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppression } from '../../src/config/apply-suppression.js';
import { applyIgnoreRules } from '../../src/config/apply-ignore-rules.js';
import { applyConfigRules } from '../../src/config/apply-config-rules.js';
import { describeRuleWarnings } from '../../src/config/rule-warnings.js';
import type { IgnoreRule, SuppressRule } from '../../src/config/config-types.js';
import { latencyShift, loadTestFlood, partnerBulkSync, pentestScan } from './incident-fixtures.js';

const suppressRules: SuppressRule[] = [
  { consumer: 'loadtest', until: '2026-03-01', reason: 'load test' },
  { client: '192.0.2.0/24', userAgent: 'nessus', reason: 'weekly pentest' },
  { consumer: 'partner-acme-sync', reason: 'nightly "acme" sync' },
];

test('stale and expired suppress rules become one sentence each, by index', () => {
  const result = applySuppression([partnerBulkSync()], suppressRules, new Date('2026-03-06T00:00:00Z'));
  assert.deepEqual(describeRuleWarnings(result), [
    'suppress[0] ("load test") expired on 2026-03-01',
    'suppress[1] ("weekly pentest") matched nothing in this run',
  ]);
});

test('quotes inside a reason are escaped so the sentence stays readable', () => {
  const result = applySuppression([], suppressRules, new Date('2026-01-01T00:00:00Z'));
  assert.equal(describeRuleWarnings(result)[2], 'suppress[2] ("nightly \\"acme\\" sync") matched nothing in this run');
});

test('ignore rules are named as ignore[i], after the suppress rules', () => {
  const ignoreRules: IgnoreRule[] = [
    { feature: 'latency_p95', direction: 'increase', reason: 'faster is fine' },
    { feature: 'writes', reason: 'batch jobs write' },
  ];
  const ignored = applyIgnoreRules([latencyShift(120)], ignoreRules);
  const suppressed = applySuppression([], [{ kind: 'scanner', reason: 'scanners' }], new Date('2026-03-06T00:00:00Z'));
  assert.deepEqual(describeRuleWarnings(ignored, suppressed), [
    'suppress[0] ("scanners") matched nothing in this run',
    'ignore[1] ("batch jobs write") matched nothing in this run',
  ]);
});

test('nothing stale, nothing said', () => {
  const result = applySuppression([pentestScan()], [{ kind: 'scanner', reason: 'scanners' }], new Date('2026-03-06T00:00:00Z'));
  assert.deepEqual(describeRuleWarnings(result), []);
});

test('applyConfigRules runs ignore rules first, then suppress rules on what is left', () => {
  const incidents = [latencyShift(120), pentestScan(), loadTestFlood()];
  const result = applyConfigRules(
    incidents,
    {
      ignore: [{ feature: 'latency_p95', direction: 'increase', reason: 'faster is fine' }],
      suppress: [
        { kind: 'latency_regression', reason: 'never reached: the ignore rule took it' },
        { kind: 'scanner', reason: 'weekly pentest' },
      ],
    },
    new Date('2026-03-06T00:00:00Z'),
  );
  assert.deepEqual(result.kept.map((incident) => incident.id), [incidents[2]!.id]);
  assert.deepEqual(result.suppressed.map(({ incident, reason }) => [incident.id, reason]), [
    ['inc-lat-120', 'faster is fine'],
    [incidents[1]!.id, 'weekly pentest'],
  ]);
  assert.deepEqual(result.warnings, ['suppress[0] ("never reached: the ignore rule took it") matched nothing in this run']);
});
