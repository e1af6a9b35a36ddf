// A tracker keeps, per client and target, the minutes its requests fell in with a count each, up to
// a fixed number of minutes; past that the last slot takes every further request. What each slot
// stands for is a time span, and a selector built from those spans must re-read exactly the
// requests counted (`show` prints `requests` lines), also when the log is not in time order.

export const MINUTE_MS = 60_000;

export interface MinuteTally {
  minutes: number[];
  counts: number[];
  /** Time of the latest request counted. */
  last: number;
}

/**
 * Counts a request of a minute not kept into the last slot (the list is full). A minute earlier
 * than the slot's (a log out of time order: a file of May 21–30 then May 2) moves the slot back,
 * so the span it stands for still holds the request.
 */
export function absorbMinute(tally: Pick<MinuteTally, 'minutes' | 'counts'>, minute: number): void {
  const slot = tally.counts.length - 1;
  tally.counts[slot]! += 1;
  if (minute < tally.minutes[slot]!) tally.minutes[slot] = minute;
}

/**
 * The time span and count of each slot: its minute, and for the last slot of a full list (which
 * absorbed the requests of every minute not kept) up to the latest request counted.
 */
export function minuteSpans(tally: MinuteTally, capacity: number): { startMs: number; endMs: number; requests: number }[] {
  const full = tally.minutes.length >= capacity;
  return tally.minutes.map((minute, i) => {
    const startMs = minute * MINUTE_MS;
    const absorbing = full && i === tally.minutes.length - 1;
    return { startMs, endMs: absorbing ? Math.max(startMs + MINUTE_MS, tally.last + 1) : startMs + MINUTE_MS, requests: tally.counts[i]! };
  });
}
