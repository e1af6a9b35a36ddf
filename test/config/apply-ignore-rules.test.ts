import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyIgnoreRules } from '../../src/config/apply-ignore-rules.js';
import type { IgnoreRule } from '../../src/config/config-types.js';
import type { Incident } from '../../src/types.js';
import { latencyShift, partnerBulkSync, pentestScan } from './incident-fixtures.js';

// latencyShift(p95) has one evidence item: latency_p95 observed p95 ms against a 240 ms baseline.
function survives(incident: Incident, rule: Omit<IgnoreRule, 'reason'>): boolean {
  const result = applyIgnoreRules([incident], [{ ...rule, reason: 'test rule' }]);
  assert.equal(result.kept.length + result.suppressed.length, 1, 'every incident is kept or suppressed, never lost');
  return result.kept.length === 1;
}

test('direction "increase" drops evidence that went down or stayed put, and keeps increases', () => {
  assert.equal(survives(latencyShift(120), { feature: 'latency_p95', direction: 'increase' }), false);
  assert.equal(survives(latencyShift(240), { feature: 'latency_p95', direction: 'increase' }), false);
  assert.equal(survives(latencyShift(900), { feature: 'latency_p95', direction: 'increase' }), true);
});

test('direction "decrease" is the mirror image', () => {
  assert.equal(survives(latencyShift(120), { feature: 'latency_p95', direction: 'decrease' }), true);
  assert.equal(survives(latencyShift(900), { feature: 'latency_p95', direction: 'decrease' }), false);
});

test('within a percentage of the baseline: dropped inside, kept outside, bound inclusive', () => {
  // 20% of 240 ms is 48 ms.
  assert.equal(survives(latencyShift(280), { feature: 'latency_p95', within: '20%' }), false);
  assert.equal(survives(latencyShift(288), { feature: 'latency_p95', within: '20%' }), false);
  assert.equal(survives(latencyShift(289), { feature: 'latency_p95', within: '20%' }), true);
  assert.equal(survives(latencyShift(191), { feature: 'latency_p95', within: '20%' }), true);
  assert.equal(survives(latencyShift(200), { feature: 'latency_p95', within: '20%' }), false);
  assert.equal(survives(latencyShift(289), { feature: 'latency_p95', within: '20.5%' }), false, '20.5% of 240 is 49.2');
});

test('within an absolute number in the evidence unit', () => {
  assert.equal(survives(latencyShift(300), { feature: 'latency_p95', within: 60 }), false);
  assert.equal(survives(latencyShift(301), { feature: 'latency_p95', within: 60 }), true);
  assert.equal(survives(latencyShift(240), { feature: 'latency_p95', within: 0 }), false);
});

test('direction and tolerance together: either reason drops the item', () => {
  const rule = { feature: 'latency_p95', direction: 'increase' as const, within: '50%' };
  assert.equal(survives(latencyShift(100), rule), false, 'a decrease');
  assert.equal(survives(latencyShift(350), rule), false, 'an increase within 50%');
  assert.equal(survives(latencyShift(400), rule), true, 'an increase beyond 50%');
});

test('a rule with neither direction nor within drops the feature outright; feature takes * wildcards', () => {
  assert.equal(survives(latencyShift(5000), { feature: 'latency_p95' }), false);
  assert.equal(survives(latencyShift(5000), { feature: 'latency_*' }), false);
  assert.equal(survives(latencyShift(5000), { feature: 'latency' }), true, 'names are whole, not prefixes');
});

test('endpoint narrows a rule to incidents whose endpoints it covers', () => {
  assert.equal(survives(latencyShift(120), { feature: 'latency_p95', direction: 'increase', endpoint: 'GET /api/v1/products' }), false);
  assert.equal(survives(latencyShift(120), { feature: 'latency_p95', direction: 'increase', endpoint: '/api/v1/orders*' }), true);
});

test('evidence without two numbers to compare is kept', () => {
  const newClient = latencyShift(120, {
    evidence: [{ feature: 'latency_p95', observed: 120, baseline: null, unit: 'ms', text: 'p95 latency 120 ms (no baseline)' }],
  });
  assert.equal(survives(newClient, { feature: 'latency_p95', direction: 'increase' }), true);
  const numericStrings = latencyShift(120, {
    evidence: [{ feature: 'latency_p95', observed: '120', baseline: '240', unit: 'ms', text: 'p95 latency 120 ms vs 240 ms' }],
  });
  assert.equal(survives(numericStrings, { feature: 'latency_p95', direction: 'increase' }), false, 'numeric strings compare as numbers');
});

test('only the matching items leave; the incident keeps the rest and is not mutated', () => {
  const sync = partnerBulkSync(); // requests 96,210 vs 3,100 and response_bytes 412 MB vs 15 MB
  const rules: IgnoreRule[] = [{ feature: 'response_bytes', reason: 'sizes vary with the catalogue' }];
  const result = applyIgnoreRules([sync], rules);
  assert.equal(result.suppressed.length, 0);
  assert.deepEqual(result.kept[0]!.evidence.map((item) => item.feature), ['requests']);
  assert.equal(sync.evidence.length, 2, 'input incident untouched');
  assert.deepEqual(result.dropped, [{ incidentId: sync.id, feature: 'response_bytes', rule: 0 }]);
});

test('an incident left with no evidence is suppressed, whole, under the first rule that dropped any of it', () => {
  const scan = pentestScan(); // unknown_routes 1530 vs 0, not_found_ratio 0.97 vs 0.03
  const rules: IgnoreRule[] = [
    { feature: 'requests', reason: 'volume is the partner sync' },
    { feature: 'not_found_ratio', within: 1, reason: 'ratios never matter here' },
    { feature: 'unknown_routes', reason: 'path churn is expected' },
  ];
  const result = applyIgnoreRules([scan, latencyShift(900)], rules);
  assert.deepEqual(result.kept.map((incident) => incident.id), ['inc-lat-900']);
  assert.equal(result.suppressed.length, 1);
  assert.equal(result.suppressed[0]!.incident, scan, 'the original incident with its evidence');
  assert.equal(result.suppressed[0]!.rule, 1);
  assert.equal(result.suppressed[0]!.reason, 'ratios never matter here');
  assert.deepEqual(result.unmatchedRules, [{ index: 0, reason: 'volume is the partner sync' }]);
});

test('an incident with no evidence at all is not suppressed by ignore rules', () => {
  const bare = pentestScan({ evidence: [] });
  const result = applyIgnoreRules([bare], [{ feature: '*', reason: 'everything' }]);
  assert.deepEqual(result.kept, [bare]);
  assert.deepEqual(result.unmatchedRules, [{ index: 0, reason: 'everything' }]);
});
