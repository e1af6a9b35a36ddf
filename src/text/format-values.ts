// Plain-words formatting of numbers, shared by every stage (evidence texts, reports, inspect,
// progress): one behaviour per kind of value, so a figure reads the same wherever it is shown.

/**
 * A count or a measured amount: whole numbers from 100 on with thousands separators
 * ("1,234"), one decimal below 10 ("2.5"), two below 1 ("0.25"). Counts (integers) read the
 * same as `Math.round(n).toLocaleString('en-US')`.
 */
export function formatCount(n: number): string {
  if (n >= 100) return Math.round(n).toLocaleString('en-US');
  if (n >= 10) return n.toFixed(0);
  if (n >= 1) return n.toFixed(1).replace(/\.0$/, '');
  return n === 0 ? '0' : n.toFixed(2);
}

/** A count with its noun, singular for exactly one: "1 request", "1,234 requests". */
export function formatCountOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

export function formatPercent(ratio: number): string {
  const p = ratio * 100;
  if (p === 0) return '0%';
  if (p < 1) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

export function formatMs(ms: number): string {
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s`;
  return `${ms >= 10 ? Math.round(ms) : ms.toFixed(1)} ms`;
}

/** A long stretch in hours: "40 h", "1,234 h", one decimal below 10 ("2.5 h"). */
export function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 10 ? `${formatCount(Math.round(hours))} h` : `${Number(hours.toFixed(1))} h`;
}

const BYTE_UNITS = ['B', 'kB', 'MB', 'GB', 'TB'] as const;

/** "512 B", "1.5 kB", "2.3 GB": decimal units, one decimal above bytes. */
export function formatBytes(bytes: number): string {
  let unit = 0;
  while (unit < BYTE_UNITS.length - 1 && bytes >= 1000 ** (unit + 1)) unit++;
  // Divided once by the exact power (1e6, not 1e3 twice) so the rounding is the same on every path.
  return unit === 0 ? `${Math.round(bytes)} B` : `${(bytes / 1000 ** unit).toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** Rounds a number for the report: figures are stable across runs and readable in JSON. */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return 0;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
