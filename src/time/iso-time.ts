// The one time grammar of anomalog: --since/--until, config rules (from/until) and every other
// place a person writes a time. ISO 8601: a date (YYYY-MM-DD), optionally THH:MM[:SS[.fraction]],
// optionally a zone (Z or ±HH:MM).
// Zone rule: a time without a zone is UTC, as a bare date is 00:00 UTC. Reports print UTC, and
// "2026-03-01T02:00" must mean the same instant on every CI runner (it never means local time).

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** Epoch milliseconds of a strict ISO 8601 time; null when it is not one or names no real instant (2026-02-30). */
export function parseIsoTime(text: string): number | null {
  const match = ISO_TIME.exec(text);
  if (!match) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone = 'Z'] = match;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  // Date.UTC rolls 2026-02-30 over to March: compare the day back to catch it.
  const dayStart = Date.UTC(y, mo - 1, d);
  if (new Date(dayStart).getUTCDate() !== d) return null;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return null;
    offsetMinutes = sign * (zh * 60 + zm);
  }
  const milliseconds = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  return dayStart + ((h * 60 + mi - offsetMinutes) * 60 + s) * 1000 + milliseconds;
}

export const ISO_TIME_HINT = 'write an ISO 8601 time, e.g. 2026-03-01T02:00:00Z (without a zone it is UTC), or a date, e.g. 2026-03-01';
