import { readDigits, readFractionMs, utcMs } from './civil-time.js';

/**
 * Scans ISO 8601 `yyyy-mm-ddTHH:MM:SS[.fff…](Z|±hh:mm|±hhmm)` at `start` (a space
 * instead of `T` is accepted). Returns epoch ms UTC (fraction truncated to ms) and
 * the end index; timeMs NaN when invalid. Without a zone the time is read as UTC
 * and `hasZone` is false.
 */
export function scanIsoTime(s: string, start: number): { timeMs: number; end: number; hasZone: boolean } {
  const invalid = { timeMs: NaN, end: start, hasZone: false };
  const year = readDigits(s, start, 4);
  const month = readDigits(s, start + 5, 2);
  const day = readDigits(s, start + 8, 2);
  if (year < 0 || month < 0 || day < 0) return invalid;
  if (s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45) return invalid;
  const separator = s.charCodeAt(start + 10);
  if (separator !== 84 /* T */ && separator !== 32 /* space */) return invalid;
  const hour = readDigits(s, start + 11, 2);
  const minute = readDigits(s, start + 14, 2);
  const second = readDigits(s, start + 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return invalid;
  if (s.charCodeAt(start + 13) !== 58 || s.charCodeAt(start + 16) !== 58) return invalid;
  const fraction = readFractionMs(s, start + 19);
  const wall = utcMs(year, month, day, hour, minute, second, fraction.ms);
  if (Number.isNaN(wall)) return invalid;
  let i = fraction.end;
  const zone = s.charCodeAt(i);
  if (zone === 90 /* Z */) return { timeMs: wall, end: i + 1, hasZone: true };
  if (zone === 43 || zone === 45) {
    const offsetHours = readDigits(s, i + 1, 2);
    const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
    const offsetMinutes = readDigits(s, i + 3 + colon, 2);
    if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59) return invalid;
    const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (zone === 45 ? -1 : 1);
    i += 5 + colon;
    return { timeMs: wall - offsetMs, end: i, hasZone: true };
  }
  return { timeMs: wall, end: i, hasZone: false };
}

/** A whole ISO 8601 timestamp with a zone → epoch ms UTC; NaN when invalid. */
export function parseIsoTime(s: string): number {
  const scan = scanIsoTime(s, 0);
  if (!scan.hasZone || scan.end !== s.length) return NaN;
  return scan.timeMs;
}

/** W3C `date` `yyyy-mm-dd` plus `time` `HH:MM:SS[.fff]`, both UTC (IIS, CloudFront) → epoch ms; NaN when invalid. */
export function parseW3cDateTime(date: string, time: string): number {
  if (date.length !== 10 || time.length < 8) return NaN;
  const year = readDigits(date, 0, 4);
  const month = readDigits(date, 5, 2);
  const day = readDigits(date, 8, 2);
  const hour = readDigits(time, 0, 2);
  const minute = readDigits(time, 3, 2);
  const second = readDigits(time, 6, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return NaN;
  if (date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
  if (time.charCodeAt(2) !== 58 || time.charCodeAt(5) !== 58) return NaN;
  const fraction = readFractionMs(time, 8);
  if (fraction.end !== time.length) return NaN;
  return utcMs(year, month, day, hour, minute, second, fraction.ms);
}
