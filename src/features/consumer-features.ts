import type { ConsumerProfile } from '../baseline/consumer-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance } from './evidence-candidate.js';
import { CONSUMER_FEATURE_TABLE as TABLE, type ConsumerFeature } from './consumer-feature-table.js';
import { evidenceOf, featureNames, vectorOf } from './feature-table.js';

export const CONSUMER_FEATURES = featureNames(TABLE);

/** A consumer needs this much history before "never seen for it" means anything. */
export const MIN_CONSUMER_WINDOWS = 6;

/**
 * Features of one consumer (API key, user) window against the consumer's own profile:
 * networks, agents and routes it never used, volume and writes against its normal.
 */
export function consumerWindowFeatures(stats: WindowStats, profile: ConsumerProfile | undefined, windowLabel: string): WindowFeatures {
  const networks = [...(stats.networks ?? [])];
  const agents = [...(stats.agents ?? [])];
  const endpoints = [...(stats.routeKeys ?? [])];
  const seasoned = profile !== undefined && profile.activeWindows >= MIN_CONSUMER_WINDOWS;
  const newNetworks = seasoned ? networks.filter((network) => !profile.isEstablishedNetwork(network)).length : 0;
  const newAgents = seasoned ? agents.filter((agent) => !profile.isKnownAgent(agent)).length : 0;
  const newEndpoints = seasoned ? endpoints.filter((endpoint) => !profile.isKnownEndpoint(endpoint)).length : 0;
  const normalRequests = profile?.meanWindowRequests() ?? 0;
  const normalWrites = profile ? profile.writesOk / Math.max(1, profile.activeWindows) : 0;
  const values: Record<ConsumerFeature, number> = {
    new_networks: Math.log2(newNetworks + 1),
    networks: Math.log2(networks.length + 1),
    new_agents: Math.log2(newAgents + 1),
    new_endpoints: Math.log2(newEndpoints + 1),
    requests: Math.log2((stats.requests + 1) / (normalRequests + 1)),
    writes: Math.log2((stats.writesOk + 1) / (normalWrites + 1)),
  };
  const evidence: EvidenceCandidate[] = [];
  if (seasoned && newNetworks >= 3) {
    const established = profile.establishedNetworks();
    const significance = clamp01((newNetworks - 2) / 8);
    evidence.push(evidenceOf(TABLE, 'new_networks', { observed: networks.length, baseline: established, significance }, { networks: networks.length, fresh: newNetworks, established, window: windowLabel }));
  }
  if (seasoned && newAgents >= 1 && newNetworks >= 2) {
    const example = agents.find((a) => !profile.isKnownAgent(a)) ?? '';
    evidence.push(evidenceOf(TABLE, 'new_agents', { observed: newAgents, baseline: 0, significance: clamp01(newAgents / 3) * 0.6 }, { fresh: newAgents, example }));
  }
  if (seasoned && newEndpoints >= 3) {
    evidence.push(evidenceOf(TABLE, 'new_endpoints', { observed: newEndpoints, baseline: 0, significance: clamp01((newEndpoints - 2) / 6) }, { fresh: newEndpoints }));
  }
  const volume = ratioSignificance(stats.requests, normalRequests * 2, 50);
  if (seasoned && volume > 0) {
    evidence.push(evidenceOf(TABLE, 'requests', { observed: stats.requests, baseline: Math.round(normalRequests * 10) / 10, significance: volume }, { requests: stats.requests, normal: normalRequests, window: windowLabel }));
  }
  const writes = ratioSignificance(stats.writesOk, normalWrites * 2 + 2, 30);
  if (seasoned && writes > 0) {
    evidence.push(evidenceOf(TABLE, 'writes', { observed: stats.writesOk, baseline: Math.round(normalWrites * 10) / 10, significance: writes }, { writes: stats.writesOk, normal: normalWrites, window: windowLabel }));
  }
  return { values: vectorOf(CONSUMER_FEATURES, values), evidence };
}
