// Deterministic train/test split for the injection evaluation.

/** mulberry32: small, seeded, reproducible across platforms. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a fixed seed, then halves: [train, test]. */
export function splitInHalf<T>(items: readonly T[], seed: number): [T[], T[]] {
  const random = seededRandom(seed);
  const shuffled = [...items];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const half = Math.floor(shuffled.length / 2);
  return [shuffled.slice(0, half), shuffled.slice(half)];
}

/** A stand-in for the route templater: numeric, hex and UUID segments become `{id}`. */
export function routeOf(path: string): string {
  return path
    .split('/')
    .map((segment) => (/^(?:\d+|[0-9a-f]{16,}|[0-9a-f]{8}-[0-9a-f-]{27})$/i.test(segment) ? '{id}' : segment))
    .join('/');
}
