import type { BaselineProfiles } from '../baseline/baseline.js';
import { INVALID_ENDPOINT } from '../normalize/endpoint-key.js';

/** An endpoint with fewer requests than this in the baseline is "never seen" for the purpose of scanning. */
export const MIN_ROUTE_SUPPORT = 5;

export function isKnownEndpoint(baseline: BaselineProfiles, endpoint: string): boolean {
  if (endpoint === INVALID_ENDPOINT || endpoint.includes('{other}')) return false;
  const profile = baseline.endpoints.get(endpoint);
  return profile !== undefined && profile.requests >= MIN_ROUTE_SUPPORT && profile.distinctClients >= 2;
}

/** What a client window's features read of one endpoint's normal. */
export interface RouteNormal {
  /** Seen often enough, by enough clients, to judge a window against (isKnownEndpoint). */
  readonly known: boolean;
  /** Robust normal rates of 401/403 and 404. */
  readonly authFailures: number;
  readonly notFound: number;
  /** Mean response size (0 when no size was logged). */
  readonly meanBytes: number;
  /** Median and third quartile of response sizes, or null. */
  readonly p50: number | null;
  readonly p75: number | null;
}

const UNKNOWN: RouteNormal = { known: false, authFailures: 0, notFound: 0, meanBytes: 0, p50: null, p75: null };

/**
 * Each endpoint's normal as client window features read it, computed once per endpoint: a
 * long log has hundreds of thousands of client windows over a few hundred endpoints, and
 * quantiles are read from sketches.
 */
export class RouteNormals {
  private readonly normals = new Map<string, RouteNormal>();

  constructor(private readonly baseline: BaselineProfiles) {}

  of(endpoint: string): RouteNormal {
    let normal = this.normals.get(endpoint);
    if (normal === undefined) {
      normal = this.compute(endpoint);
      this.normals.set(endpoint, normal);
    }
    return normal;
  }

  private compute(endpoint: string): RouteNormal {
    const profile = this.baseline.endpoints.get(endpoint);
    if (profile === undefined) return UNKNOWN;
    return {
      known: isKnownEndpoint(this.baseline, endpoint),
      authFailures: profile.robust.authFailures,
      notFound: profile.robust.notFound,
      meanBytes: profile.size.mean() ?? 0,
      p50: profile.size.quantile(0.5),
      p75: profile.size.quantile(0.75),
    };
  }
}
