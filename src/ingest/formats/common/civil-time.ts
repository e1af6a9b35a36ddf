// Calendar arithmetic shared by every timestamp scanner: numbers in, epoch ms out,
// so no parser has to build a string for Date.parse on the hot path.

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Epoch ms UTC of a wall-clock time, or NaN when a component is out of range
 * (a day 31 in April is an invalid log line, not 1 May).
 */
export function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day > monthDays) return NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000 + millis;
}

/** Value of `count` ASCII digits at `start`, or -1 when any of them is not a digit. */
export function readDigits(s: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Milliseconds of a fraction `.ddd…` starting at `start` (the dot), truncated to
 * whole ms. Returns the ms and the index after the last digit; end === start when
 * there is no fraction.
 */
export function readFractionMs(s: string, start: number): { ms: number; end: number } {
  if (s.charCodeAt(start) !== 46 /* . */) return { ms: 0, end: start };
  let i = start + 1;
  let ms = 0;
  let digits = 0;
  for (;;) {
    const digit = s.charCodeAt(i) - 48;
    if (!(digit >= 0 && digit <= 9)) break;
    if (digits < 3) ms = ms * 10 + digit;
    digits++;
    i++;
  }
  if (digits === 0) return { ms: 0, end: start };
  for (let d = digits; d < 3; d++) ms *= 10;
  return { ms, end: i };
}
