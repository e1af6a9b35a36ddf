import { InvalidArgumentError } from 'commander';
import { DURATION_HINT, parseDuration } from '../time/duration.js';
import { ISO_TIME_HINT, parseIsoTime } from '../time/iso-time.js';

/** Shortest and longest window: a window holds at least a second and at most a week of traffic. */
const MIN_WINDOW_MS = 1000;
const MAX_WINDOW_MS = 7 * 86_400_000;

/** `5m`, `30s`, `1h`, `1d` → milliseconds (commander argument parser; the grammar of time/duration.ts). */
export function parseDurationFlag(value: string): number {
  const ms = parseDuration(value.trim());
  if (ms === null) throw new InvalidArgumentError(`"${value}" is not a duration; ${DURATION_HINT}.`);
  if (ms < MIN_WINDOW_MS || ms > MAX_WINDOW_MS) throw new InvalidArgumentError(`the window must be between 1s and 7d, got "${value}".`);
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

/** An ISO 8601 time (`2026-10-05T12:00:00Z`, a date, or a time without a zone: UTC) → epoch ms. */
export function parseTimeFlag(value: string): number {
  const ms = parseIsoTime(value.trim());
  if (ms === null) throw new InvalidArgumentError(`"${value}" is not an ISO 8601 time; ${ISO_TIME_HINT}.`);
  return ms;
}
