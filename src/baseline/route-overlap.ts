/**
 * How much of the scored traffic a baseline knows: the share of requests whose
 * endpoint (method + route) the baseline has a profile for. A baseline learned
 * on another site shares almost no route with the traffic, judges every request
 * as new, and finds less: a wrong baseline must not make CI greener.
 */
export interface BaselineOverlap {
  /** Requests scored (after filters). */
  requests: number;
  /** Of those, requests on an endpoint the baseline knows. */
  knownRequests: number;
  /** knownRequests / requests, rounded to 4 decimals (1 when nothing was scored). */
  share: number;
  /** Distinct endpoints scored, and how many of them the baseline knows. */
  endpoints: number;
  knownEndpoints: number;
}

/**
 * Below this share of requests on known endpoints, `score` warns (and fails with --strict).
 * Measured on six shared real logs (`npm run measure:overlap`, table in docs/ci.md): a log
 * scored against a baseline learned on its own earlier half shares 0.78 or more of its
 * requests with it; against a baseline of another site, 0.48 or less.
 */
export const MIN_BASELINE_OVERLAP = 0.5;

export function baselineOverlap(known: { has(endpoint: string): boolean }, scored: ReadonlyMap<string, { requests: number }>): BaselineOverlap {
  let requests = 0;
  let knownRequests = 0;
  let knownEndpoints = 0;
  for (const [endpoint, profile] of scored) {
    requests += profile.requests;
    if (known.has(endpoint)) {
      knownRequests += profile.requests;
      knownEndpoints += 1;
    }
  }
  const share = requests === 0 ? 1 : Math.round((knownRequests / requests) * 1e4) / 1e4;
  return { requests, knownRequests, share, endpoints: scored.size, knownEndpoints };
}
