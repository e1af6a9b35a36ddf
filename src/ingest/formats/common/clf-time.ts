import { readDigits, readFractionMs, utcMs } from './civil-time.js';

/** Month number 1..12 of an English three-letter abbreviation at `start` (any case), else 0. */
export function monthFromAbbrev(s: string, start: number): number {
  // Lower-casing by OR 0x20 keeps the scanner allocation-free; logs are English regardless of locale.
  const a = s.charCodeAt(start) | 0x20;
  const b = s.charCodeAt(start + 1) | 0x20;
  const c = s.charCodeAt(start + 2) | 0x20;
  switch (a) {
    case 106: // j
      if (b === 97 && c === 110) return 1; // jan
      if (b === 117 && c === 110) return 6; // jun
      if (b === 117 && c === 108) return 7; // jul
      return 0;
    case 102: // f
      return b === 101 && c === 98 ? 2 : 0; // feb
    case 109: // m
      if (b === 97 && c === 114) return 3; // mar
      if (b === 97 && c === 121) return 5; // may
      return 0;
    case 97: // a
      if (b === 112 && c === 114) return 4; // apr
      if (b === 117 && c === 103) return 8; // aug
      return 0;
    case 115: // s
      return b === 101 && c === 112 ? 9 : 0; // sep
    case 111: // o
      return b === 99 && c === 116 ? 10 : 0; // oct
    case 110: // n
      return b === 111 && c === 118 ? 11 : 0; // nov
    case 100: // d
      return b === 101 && c === 99 ? 12 : 0; // dec
    default:
      return 0;
  }
}

/** Result of scanning a CLF time inside a longer line. */
export interface ClfTimeScan {
  /** Epoch ms UTC; NaN when invalid. */
  timeMs: number;
  /** Index just after the last character consumed. */
  end: number;
  /** Whether a `±hhmm` offset was present (HAProxy logs local time without one). */
  hasOffset: boolean;
}

/**
 * Scans `dd/Mon/yyyy:HH:MM:SS[.fff][ ±hhmm]` at `start`. Without an offset the
 * wall-clock time is taken as UTC and `hasOffset` is false, so the caller decides.
 */
export function scanClfTime(s: string, start: number): ClfTimeScan {
  const invalid: ClfTimeScan = { timeMs: NaN, end: start, hasOffset: false };
  const day = readDigits(s, start, 2);
  if (day < 0 || s.charCodeAt(start + 2) !== 47 /* / */) return invalid;
  const month = monthFromAbbrev(s, start + 3);
  if (month === 0 || s.charCodeAt(start + 6) !== 47) return invalid;
  const year = readDigits(s, start + 7, 4);
  if (year < 0 || s.charCodeAt(start + 11) !== 58 /* : */) return invalid;
  const hour = readDigits(s, start + 12, 2);
  const minute = readDigits(s, start + 15, 2);
  const second = readDigits(s, start + 18, 2);
  if (hour < 0 || minute < 0 || second < 0) return invalid;
  if (s.charCodeAt(start + 14) !== 58 || s.charCodeAt(start + 17) !== 58) return invalid;
  const fraction = readFractionMs(s, start + 20);
  let i = fraction.end;
  const local = utcMs(year, month, day, hour, minute, second, fraction.ms);
  if (Number.isNaN(local)) return invalid;
  if (s.charCodeAt(i) !== 32 /* space */) return { timeMs: local, end: i, hasOffset: false };
  const sign = s.charCodeAt(i + 1);
  if (sign !== 43 /* + */ && sign !== 45 /* - */) return { timeMs: local, end: i, hasOffset: false };
  const offsetHours = readDigits(s, i + 2, 2);
  const offsetMinutes = readDigits(s, i + 4, 2);
  if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) return invalid;
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 45 ? -1 : 1);
  i += 6;
  // Local time = UTC + offset, so UTC = local - offset.
  return { timeMs: local - offsetMs, end: i, hasOffset: true };
}

/**
 * `10/Oct/2000:13:55:36 -0700` (also `13:55:36.123 -0700`) → epoch ms UTC; NaN
 * when invalid or when anything but the time is in `s`. The offset is required.
 */
export function parseClfTime(s: string): number {
  const scan = scanClfTime(s, 0);
  if (!scan.hasOffset || scan.end !== s.length) return NaN;
  return scan.timeMs;
}
