import assert from 'node:assert/strict';
import { test } from 'node:test';
import { robustRates } from '../../src/features/robust-rates.js';
import { WindowStats } from '../../src/features/window-stats.js';

function window(requests: number, notFound: number): WindowStats {
  const stats = new WindowStats();
  stats.requests = requests;
  stats.notFound = notFound;
  stats.status2xx = requests - notFound;
  stats.status4xx = notFound;
  return stats;
}

test('a sparse route keeps its usual lone 404s in its normal rate', () => {
  // 100 windows of 3 requests, a lone 404 in every tenth: 10 of 300 requests (3.3%) is what this route does.
  const windows = Array.from({ length: 100 }, (_, i) => window(3, i % 10 === 0 ? 1 : 0));
  const rates = robustRates(windows, 100);
  assert.ok(Math.abs(rates.notFound - 10 / 300) < 1e-9, `notFound ${rates.notFound}`);
});

test('a burst of 404s is still trimmed from what counts as normal', () => {
  // The same route, plus eight windows where someone walked missing ids: 30 404s each.
  const windows = Array.from({ length: 100 }, (_, i) => window(3, i % 10 === 0 ? 1 : 0));
  for (let i = 0; i < 8; i++) windows.push(window(40, 30));
  const rates = robustRates(windows, 108);
  assert.ok(Math.abs(rates.notFound - 10 / 300) < 1e-9, `notFound ${rates.notFound}`);
  const raw = windows.reduce((n, w) => n + w.notFound, 0) / windows.reduce((n, w) => n + w.requests, 0);
  assert.ok(raw > 0.3, `the untrimmed rate would be ${raw}`);
});
