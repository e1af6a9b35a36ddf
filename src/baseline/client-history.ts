/** A client's own normal: how many windows it was seen in and its typical requests per window. */
export interface ClientHistory {
  windows: number;
  /** Median requests per active window. */
  typicalRequests: number;
  /** 90th percentile of requests per active window. */
  highRequests: number;
}

/** Clients remembered by a baseline, most active first; the long tail is judged against the population. */
export const CLIENT_HISTORY_CAP = 20_000;

/** Summarises per-window request counts of one client. */
export function clientHistoryFromCounts(counts: number[]): ClientHistory {
  const sorted = [...counts].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { windows: counts.length, typicalRequests: at(0.5), highRequests: at(0.9) };
}
