/** A source of uniform doubles in [0, 1), with the signature of `Math.random`. */
export type RandomSource = () => number;

/**
 * mulberry32 (Tommy Ettinger): a 32-bit state generator, small, fast and good
 * enough for choosing split features and split points. Same seed, same stream.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs `grow` with `Math.random` replaced by `random`, and always puts the
 * original back, also when `grow` throws. ml-isolation-forest draws from the
 * global `Math.random` and offers no seed, so this is the only way to make its
 * trees reproducible. `grow` must be synchronous: nothing else may run while the
 * global is swapped.
 */
export function withSeededRandom<T>(random: RandomSource, grow: () => T): T {
  const original = Math.random;
  Math.random = random;
  try {
    return grow();
  } finally {
    Math.random = original;
  }
}
