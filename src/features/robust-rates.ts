import type { RobustRates } from '../baseline/endpoint-profile.js';
import type { WindowStats } from './window-stats.js';

/** Share of windows, the most eventful for each rate, left out of the robust normal rates. */
const TRIMMED_SHARE = 0.1;

/**
 * Rates over an endpoint's windows with the most eventful tenth left out (for each rate
 * separately): what the endpoint looks like when nothing is going on.
 */
export function robustRates(windows: readonly WindowStats[], coveredWindows: number): RobustRates {
  const rate = (events: (w: WindowStats) => number, total: (w: WindowStats) => number, fallback: number): number => {
    // Most events first: a burst of 25 failures is what must not become normal, not a lone 401 in a quiet window.
    const sorted = [...windows].sort((a, b) => events(b) - events(a) || events(b) / Math.max(1, total(b)) - events(a) / Math.max(1, total(a)));
    // A tenth of all windows of the input, empty ones included: quiet endpoints have few active windows.
    let skip = Math.min(Math.floor(windows.length / 2), coveredWindows >= 5 ? Math.max(1, Math.floor(TRIMMED_SHARE * coveredWindows)) : 0);
    // A lone event in a window is how a sparse endpoint's normal rate shows: trimming those too would call its usual 3% of 404s 0.2%.
    while (skip > 0 && events(sorted[skip - 1]!) <= 1) skip--;
    let e = 0;
    let t = 0;
    for (let i = skip; i < sorted.length; i++) {
      e += events(sorted[i]!);
      t += total(sorted[i]!);
    }
    return t === 0 ? fallback : e / t;
  };
  return {
    status5xx: rate((w) => w.status5xx, (w) => w.requests, 0),
    authFailures: rate((w) => w.authFailures, (w) => w.requests, 0),
    notFound: rate((w) => w.notFound, (w) => w.requests, 0),
    slow: rate((w) => w.slowRequests, (w) => w.referenced, 0.05),
    big: rate((w) => w.bigResponses, (w) => w.referenced, 0.01),
  };
}
