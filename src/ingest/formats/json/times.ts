// Timestamps as JSON logs write them: ISO 8601 / RFC 3339 (ns fractions), CLF,
// epoch numbers in s/ms/µs/ns, numbers as strings.
import { parseClfTime } from '../common/clf-time.js';
import { readDigits } from '../common/civil-time.js';
import { monthFromAbbrev } from '../common/clf-time.js';
import { scanIsoTime } from '../common/iso-time.js';
import { utcMs } from '../common/civil-time.js';
import { toNumber } from './coerce.js';
import type { JsonValue } from './json-value.js';

export type EpochUnit = 's' | 'ms' | 'us' | 'ns';

const MS_PER_EPOCH_UNIT: Readonly<Record<EpochUnit, number>> = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 };

/** Year 10000: anything later is garbage, not a log time. */
const MAX_EPOCH_MS = 253_402_300_800_000;

function plausible(ms: number): number {
  return ms >= 0 && ms < MAX_EPOCH_MS ? Math.floor(ms) : NaN;
}

/**
 * The unit of an epoch number guessed from its magnitude: seconds up to 1e11
 * (year 5138), ms up to 1e14, µs up to 1e17, else ns. Real log times since 1973
 * fall unambiguously in one band.
 */
export function guessEpochUnit(n: number): EpochUnit {
  const magnitude = Math.abs(n);
  if (magnitude < 1e11) return 's';
  if (magnitude < 1e14) return 'ms';
  if (magnitude < 1e17) return 'us';
  return 'ns';
}

/** An epoch number (or numeric string) in `unit` → epoch ms; NaN when not a plausible time. */
export function epochToMs(value: JsonValue | undefined, unit: EpochUnit | 'auto'): number {
  const n = toNumber(value);
  if (!Number.isFinite(n)) return NaN;
  const resolved = unit === 'auto' ? guessEpochUnit(n) : unit;
  return plausible(n * MS_PER_EPOCH_UNIT[resolved]);
}

/** A whole ISO 8601 string → epoch ms; a missing zone means UTC (generic exports often omit it). */
export function isoToMs(s: string): number {
  const scan = scanIsoTime(s, 0);
  return scan.end === s.length ? plausible(scan.timeMs) : NaN;
}

/**
 * Any time value a JSON log may hold: ISO 8601, CLF (`10/Oct/2000:13:55:36 -0700`),
 * or an epoch number / numeric string (`unit` decides, `auto` by magnitude).
 */
export function timeValueToMs(value: JsonValue | undefined, unit: EpochUnit | 'auto' = 'auto'): number {
  if (typeof value === 'number') return epochToMs(value, unit);
  if (typeof value !== 'string' || value.length < 4 || value.length > 64) return NaN;
  const first = value.charCodeAt(0);
  if (first >= 48 && first <= 57) {
    // Digits first: ISO (`2024-`), CLF (`22/Apr`) or a bare epoch number.
    const third = value.charCodeAt(2);
    if (third === 47 /* / */) return plausible(parseClfTime(value));
    if (value.charCodeAt(4) === 45 /* - */) return isoToMs(value);
    return epochToMs(value, unit);
  }
  return NaN;
}

/**
 * logrus / syslog time without a year (`Jan 29 08:27:09`, Tyk) read as UTC in
 * `year`; NaN when invalid.
 */
export function yearlessTimeToMs(s: string, year: number): number {
  if (s.length !== 15 || s.charCodeAt(3) !== 32 || s.charCodeAt(6) !== 32) return NaN;
  const month = monthFromAbbrev(s, 0);
  const dayText = s.charCodeAt(4) === 32 ? readDigits(s, 5, 1) : readDigits(s, 4, 2);
  const hour = readDigits(s, 7, 2);
  const minute = readDigits(s, 10, 2);
  const second = readDigits(s, 13, 2);
  if (month === 0 || dayText < 0 || hour < 0 || minute < 0 || second < 0) return NaN;
  if (s.charCodeAt(9) !== 58 || s.charCodeAt(12) !== 58) return NaN;
  return plausible(utcMs(year, month, dayText, hour, minute, second, 0));
}
