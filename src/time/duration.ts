// The one duration grammar of anomalog: `--window`, the config's `defaults.window`, and the
// window a baseline file names. A whole number and one unit (s, m, h, d). No fractions, no
// compound forms ("1h30m"): a reviewer should read the value at a glance.

const DURATION = /^([1-9][0-9]{0,8})(s|m|h|d)$/;

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds of `30s`, `5m`, `1h` or `1d`; null for anything else (including `0m`). */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  const [, amount, unit] = match;
  return Number(amount) * UNIT_MS[unit as string]!;
}

export const DURATION_HINT = 'use a whole number and a unit, e.g. 30s, 5m, 1h, 1d';

/** Shortest spelling of a duration in that grammar: `5m`, `90s`, `1h` (ms only when not whole seconds). */
export function formatDuration(ms: number): string {
  if (ms % 3600_000 === 0) return `${ms / 3600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
