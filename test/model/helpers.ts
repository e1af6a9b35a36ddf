// Shared data makers for the model tests: seeded, so every run sees the same rows.
import { mulberry32 } from '../../src/model/prng.js';

/** n rows of `width` independent standard normals (Box–Muller over mulberry32). */
export function gaussianRows(n: number, width: number, seed: number): number[][] {
  const random = mulberry32(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: n }, () => Array.from({ length: width }, normal));
}
