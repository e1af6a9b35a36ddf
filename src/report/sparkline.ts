const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One block character per value, scaled to `max` (0 stays a space, so silence is visible
 * and not mistaken for low traffic).
 */
export function sparkline(values: readonly number[], max = Math.max(...values)): string {
  return values
    .map((value) => {
      if (!(value > 0) || !(max > 0)) return ' ';
      return BLOCKS[Math.min(BLOCKS.length - 1, Math.floor((value / max) * (BLOCKS.length - 1) + 0.5))]!;
    })
    .join('');
}
