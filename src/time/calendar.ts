// Calendar arithmetic on epoch milliseconds, always in UTC (a report must not depend on the
// zone of the machine that wrote it).

const HOUR_MS = 3_600_000;

/** Hours since the epoch as a Date counts them (Date drops the fraction of a ms toward zero). */
function epochHours(timeMs: number): number {
  return Math.floor(Math.trunc(timeMs) / HOUR_MS);
}

/** The UTC hour of day of a time, as `new Date(timeMs).getUTCHours()` without the Date. */
export function utcHour(timeMs: number): number {
  return ((epochHours(timeMs) % 24) + 24) % 24;
}

/** Hour of the week in UTC: weekday (0 = Sunday) × 24 + hour. */
export function hourOfWeek(timeMs: number): number {
  // 1970-01-01 was a Thursday (weekday 4): 96 hours into its week.
  return (((epochHours(timeMs) + 96) % 168) + 168) % 168;
}
