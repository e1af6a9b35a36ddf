/**
 * Tail probabilities for counts, in log10, so tiny probabilities stay exact enough to rank:
 * P(X ≥ k) for Poisson(λ) and Binomial(n, p). Used to judge small counts (3 errors out of 4
 * requests) as fairly as large ones.
 */

const LANCZOS = [676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** log10 P(X ≥ k) for X ~ Poisson(λ). */
export function poissonTailLog10(k: number, lambda: number): number {
  if (k <= 0) return 0;
  if (lambda <= 0) return -Infinity;
  // Sum pmf from k upwards (terms shrink once j > λ); below the mean, use the complement.
  if (k <= lambda) {
    let cdf = 0;
    for (let j = 0; j < k; j++) cdf += Math.exp(j * Math.log(lambda) - lambda - logGamma(j + 1));
    return Math.log10(Math.max(1e-300, 1 - cdf));
  }
  let logSum = -Infinity;
  for (let j = k; j < k + 10_000; j++) {
    const term = j * Math.log(lambda) - lambda - logGamma(j + 1);
    logSum = logAdd(logSum, term);
    if (term - logSum < -40) break;
  }
  return logSum / Math.LN10;
}

/** log10 P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTailLog10(k: number, n: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  if (p <= 0) return -Infinity;
  if (p >= 1) return 0;
  const logP = Math.log(p);
  const logQ = Math.log(1 - p);
  const logNFact = logGamma(n + 1);
  let logSum = -Infinity;
  for (let j = k; j <= n; j++) {
    const term = logNFact - logGamma(j + 1) - logGamma(n - j + 1) + j * logP + (n - j) * logQ;
    logSum = logAdd(logSum, term);
    if (j > n * p && term - logSum < -40) break;
  }
  return Math.min(0, logSum / Math.LN10);
}

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** 0 for p ≥ 10⁻², rising to 1 at p ≤ 10⁻⁶: how surprising a count is, on the scale evidence uses. */
export function surprise(log10p: number): number {
  const x = (-log10p - 2) / 4;
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
