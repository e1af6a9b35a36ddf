const EULER_MASCHERONI = 0.5772156649015329;

/**
 * c(n) of Liu, Ting and Zhou (2008): the average path length of an unsuccessful
 * search in a binary search tree of n points, used both to normalise path
 * lengths and to account for the unbuilt subtree under a leaf holding n points.
 * c(n) = 2·H(n−1) − 2(n−1)/n with H(i) ≈ ln(i) + γ; c(2) = 1, c(0) = c(1) = 0.
 *
 * ml-isolation-forest 0.1.0 adds γ once instead of twice (2·ln(n−1) + γ − …);
 * we use the paper's formula, so its c is not reused here.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_MASCHERONI) - (2 * (n - 1)) / n;
}
