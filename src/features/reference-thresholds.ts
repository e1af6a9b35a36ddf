import type { QuantileSketch } from '../baseline/quantile-sketch.js';

/** What a reference is read from: an endpoint's requests and quantiles so far (EndpointTotals) or learned (EndpointProfile). */
export interface ReferenceCounts {
  readonly requests: number;
  readonly latency: QuantileSketch;
  readonly size: QuantileSketch;
}

/** Per-endpoint lines a request is compared with as it streams by: "slower than normal p95", "far larger than normal". */
export interface Reference {
  /** Latency above which a request counts as slow (the endpoint's p95), or Infinity when unknown. */
  slowMs: number;
  /** Response size above which a response counts as outsized (twice the endpoint's p95), or Infinity. */
  bigBytes: number;
}

export interface ReferenceSource {
  reference(endpoint: string, counts: ReferenceCounts): Reference | null;
}

/** An endpoint needs this many requests behind its quantiles before requests are judged against them. */
const MIN_REFERENCE_REQUESTS = 50;

/**
 * References learned from the traffic being read (analyze and learn): each endpoint's quantiles so
 * far, refreshed as its request count doubles, so the per-record cost stays a map lookup.
 */
export class OnlineReferences implements ReferenceSource {
  private readonly cache = new Map<string, { reference: Reference; refreshAt: number }>();

  reference(endpoint: string, profile: ReferenceCounts): Reference | null {
    const cached = this.cache.get(endpoint);
    if (cached && profile.requests < cached.refreshAt) return cached.reference;
    if (profile.requests < MIN_REFERENCE_REQUESTS) return null;
    const reference = referenceOf(profile);
    this.cache.set(endpoint, { reference, refreshAt: Math.min(profile.requests * 2, profile.requests + 5000) });
    return reference;
  }
}

/** References from a saved baseline (score): fixed, computed once per endpoint. */
export class BaselineReferences implements ReferenceSource {
  private readonly cache = new Map<string, Reference | null>();

  constructor(private readonly profiles: ReadonlyMap<string, ReferenceCounts>) {}

  reference(endpoint: string): Reference | null {
    let reference = this.cache.get(endpoint);
    if (reference === undefined) {
      const profile = this.profiles.get(endpoint);
      reference = profile && profile.requests >= MIN_REFERENCE_REQUESTS ? referenceOf(profile) : null;
      this.cache.set(endpoint, reference);
    }
    return reference;
  }
}

function referenceOf(profile: ReferenceCounts): Reference {
  const latency = profile.latency.count >= MIN_REFERENCE_REQUESTS ? profile.latency.quantile(0.95) : null;
  const size = profile.size.count >= MIN_REFERENCE_REQUESTS ? profile.size.quantile(0.95) : null;
  return { slowMs: latency ?? Infinity, bigBytes: size === null ? Infinity : Math.max(2 * size, 1024) };
}
