// Durations in the config are written the way the command line takes them
// (`--window 5m`): a whole number and one unit. No fractions, no compound forms
// ("1h30m"): a reviewer should read the value at a glance.

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
