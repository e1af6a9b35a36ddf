import type { EntityKind } from '../baseline/baseline.js';
import type { EvidenceCandidate } from '../features/evidence-candidate.js';
import type { IncidentKind } from '../types.js';
import { isAuthEndpoint } from '../normalize/endpoint-key.js';

// Significances are 0..1 (evidence-candidate.ts): 0 within normal, 1 as far from it as a reading goes.
/** A login route's window is read for guessing once its failures and volume together move this much. */
const LOGIN_ROUTE_MIN_SIGNIFICANCE = 0.2;
/** A strong rise in volume (at least this) overloads the backend: the errors beside it are its consequence… */
const FLOOD_MIN_SIGNIFICANCE = 0.5;
/** …unless the errors moved clearly more than the volume did (by more than this). */
const FLOOD_ERROR_MARGIN = 0.2;
/** 5xx that moved this much, and more than latency did, are an error spike even beside other readings. */
const ERROR_SPIKE_MIN_SIGNIFICANCE = 0.3;
/** A client reading more specific than volume (ids walked, writes, bytes…) names the kind from this weight. */
const SPECIFIC_MIN_SIGNIFICANCE = 0.15;

/**
 * The kind of incident a window's evidence points to. Each entity kind has its own reading:
 * on an endpoint a 5xx rise is an error spike; on a client, many never-seen routes with 404s
 * is a scanner, many ids of one route an enumeration, and so on.
 */
export function classifyWindow(entity: EntityKind, evidence: readonly EvidenceCandidate[], topEndpoint: string | null): IncidentKind {
  const sig = (feature: string): number => evidence.find((e) => e.feature === feature)?.significance ?? 0;
  const auth = topEndpoint !== null && isAuthEndpoint(topEndpoint);
  if (entity === 'endpoint') {
    if (auth && (sig('auth_failure_ratio') > 0 || sig('volume') > 0) && sig('auth_failure_ratio') + sig('volume') > LOGIN_ROUTE_MIN_SIGNIFICANCE) {
      if (sig('auth_failure_ratio') > 0) return 'credential_attack';
    }
    // A flood overloads the backend: with a strong rise in volume, the errors are its consequence.
    if (sig('volume') >= FLOOD_MIN_SIGNIFICANCE && sig('volume') >= sig('error_5xx_ratio') - FLOOD_ERROR_MARGIN) return 'volumetric';
    if (sig('error_5xx_ratio') >= ERROR_SPIKE_MIN_SIGNIFICANCE && sig('error_5xx_ratio') >= sig('latency')) return 'error_spike';
    return strongest(evidence, {
      error_5xx_ratio: 'error_spike',
      latency: 'latency_regression',
      response_size: 'data_exfiltration',
      auth_failure_ratio: auth ? 'credential_attack' : 'other',
      not_found_ratio: 'other',
      volume: 'volumetric',
    });
  }
  if (entity === 'client') {
    if (auth && sig('auth_failure_ratio') > 0) return 'credential_attack';
    if (sig('unknown_routes') > 0 && sig('unknown_routes') >= sig('distinct_ids')) return 'scanner';
    // Volume alone is the least specific reading: any specific evidence of weight names the kind.
    const specific = strongest(evidence, {
      distinct_ids: 'enumeration',
      writes: 'tampering',
      response_bytes: 'data_exfiltration',
      auth_failure_ratio: 'credential_attack',
      not_found_ratio: 'enumeration',
      unknown_routes: 'scanner',
    });
    const specificWeight = Math.max(sig('distinct_ids'), sig('writes'), sig('response_bytes'), sig('auth_failure_ratio'), sig('not_found_ratio'), sig('unknown_routes'));
    if (specific !== 'other' && specificWeight >= SPECIFIC_MIN_SIGNIFICANCE) return specific;
    return strongest(evidence, {
      distinct_ids: 'enumeration',
      writes: 'tampering',
      response_bytes: 'data_exfiltration',
      auth_failure_ratio: 'credential_attack',
      not_found_ratio: 'enumeration',
      unknown_routes: 'scanner',
      requests: 'volumetric',
    });
  }
  if (sig('new_networks') > 0 || sig('new_agents') > 0 || sig('new_endpoints') > 0) {
    if (sig('writes') > Math.max(sig('new_networks'), sig('new_endpoints'))) return 'tampering';
    return 'key_misuse';
  }
  return strongest(evidence, { writes: 'tampering', requests: 'volumetric' });
}

/** The kind of the most significant evidence (ties: the order of `kinds`). */
function strongest(evidence: readonly EvidenceCandidate[], kinds: Record<string, IncidentKind>): IncidentKind {
  let best: IncidentKind = 'other';
  let bestSignificance = 0;
  for (const [feature, kind] of Object.entries(kinds)) {
    const significance = evidence.find((e) => e.feature === feature)?.significance ?? 0;
    if (significance > bestSignificance + 1e-9) {
      best = kind;
      bestSignificance = significance;
    }
  }
  return best;
}
