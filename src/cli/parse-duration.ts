import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** `5m`, `30s`, `1h`, `1d` → milliseconds (commander argument parser). */
export function parseDurationFlag(value: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError(`expected a duration such as 30s, 5m or 1h, got "${value}".`);
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  if (ms < 1000 || ms > 7 * 86_400_000) throw new InvalidArgumentError(`the window must be between 1s and 7d, got "${value}".`);
  return ms;
}

export function parseIntegerFlag(min: number, max: number): (value: string) => number {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}".`);
    const n = Number(value);
    if (n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got ${value}.`);
    return n;
  };
}

export function parseFractionFlag(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`expected a number from 0 to 1, got "${value}".`);
  return n;
}

/** An ISO 8601 time (`2026-10-05T12:00:00Z`, or a date) → epoch ms. */
export function parseTimeFlag(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\d/.test(value) || Number.isNaN(ms)) throw new InvalidArgumentError(`expected an ISO 8601 time such as 2026-10-05T12:00:00Z, got "${value}".`);
  return ms;
}
