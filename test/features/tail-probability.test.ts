import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomialTailLog10, logGamma, poissonTailLog10, surprise } from '../../src/features/tail-probability.js';

function poissonTailDirect(k: number, lambda: number): number {
  let cdf = 0;
  let term = Math.exp(-lambda);
  for (let j = 0; j < k; j++) {
    cdf += term;
    term *= lambda / (j + 1);
  }
  return 1 - cdf;
}

function binomialTailDirect(k: number, n: number, p: number): number {
  let sum = 0;
  for (let j = k; j <= n; j++) {
    let c = 1;
    for (let i = 0; i < j; i++) c = (c * (n - i)) / (i + 1);
    sum += c * p ** j * (1 - p) ** (n - j);
  }
  return sum;
}

test('logGamma matches factorials', () => {
  for (const n of [1, 2, 5, 10, 20]) {
    let f = 1;
    for (let i = 2; i < n; i++) f *= i;
    assert.ok(Math.abs(logGamma(n) - Math.log(f)) < 1e-9, `Γ(${n})`);
  }
});

test('Poisson tails match direct sums, on both sides of the mean', () => {
  for (const [k, lambda] of [[1, 3], [5, 2], [3, 3], [12, 4], [30, 10]] as const) {
    assert.ok(Math.abs(poissonTailLog10(k, lambda) - Math.log10(poissonTailDirect(k, lambda))) < 1e-9, `P(X≥${k}|${lambda})`);
  }
  assert.equal(poissonTailLog10(0, 5), 0);
  assert.ok(poissonTailLog10(300, 100) < -50, 'far tails stay finite and tiny');
});

test('binomial tails match direct sums', () => {
  for (const [k, n, p] of [[3, 4, 0.05], [1, 10, 0.1], [8, 9, 0.05], [5, 40, 0.02]] as const) {
    assert.ok(Math.abs(binomialTailLog10(k, n, p) - Math.log10(binomialTailDirect(k, n, p))) < 1e-9, `P(X≥${k}|${n},${p})`);
  }
  assert.equal(binomialTailLog10(0, 10, 0.5), 0);
  assert.equal(binomialTailLog10(11, 10, 0.5), -Infinity);
});

test('surprise is 0 for ordinary probabilities and 1 for tiny ones', () => {
  assert.equal(surprise(-1), 0);
  assert.equal(surprise(-2), 0);
  assert.equal(surprise(-4), 0.5);
  assert.equal(surprise(-12), 1);
});
