import type { ConsumerProfile } from '../baseline/consumer-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance } from './evidence-candidate.js';
import { formatCount } from '../text/format-values.js';

export const CONSUMER_FEATURES = ['new_networks', 'networks', 'new_agents', 'new_endpoints', 'requests', 'writes'] as const;

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
  const values = [
    Math.log2(newNetworks + 1),
    Math.log2(networks.length + 1),
    Math.log2(newAgents + 1),
    Math.log2(newEndpoints + 1),
    Math.log2((stats.requests + 1) / (normalRequests + 1)),
    Math.log2((stats.writesOk + 1) / (normalWrites + 1)),
  ];
  const evidence: EvidenceCandidate[] = [];
  if (seasoned && newNetworks >= 3) {
    const established = profile.establishedNetworks();
    evidence.push({
      feature: 'new_networks',
      observed: networks.length,
      baseline: established,
      unit: 'networks',
      text: `key used from ${networks.length} networks in ${windowLabel}, ${newNetworks} never seen for it; normally ${established}`,
      significance: clamp01((newNetworks - 2) / 8),
      featureIndex: 0,
    });
  }
  if (seasoned && newAgents >= 1 && newNetworks >= 2) {
    evidence.push({
      feature: 'new_agents',
      observed: newAgents,
      baseline: 0,
      unit: 'agents',
      text: `${newAgents} user agent${newAgents === 1 ? '' : 's'} never seen with this key (e.g. ${JSON.stringify(agents.find((a) => !profile.isKnownAgent(a)) ?? '')})`,
      significance: clamp01(newAgents / 3) * 0.6,
      featureIndex: 2,
    });
  }
  if (seasoned && newEndpoints >= 3) {
    evidence.push({
      feature: 'new_endpoints',
      observed: newEndpoints,
      baseline: 0,
      unit: 'endpoints',
      text: `${newEndpoints} endpoints this key never called before`,
      significance: clamp01((newEndpoints - 2) / 6),
      featureIndex: 3,
    });
  }
  const volume = ratioSignificance(stats.requests, normalRequests * 2, 50);
  if (seasoned && volume > 0) {
    evidence.push({
      feature: 'requests',
      observed: stats.requests,
      baseline: Math.round(normalRequests * 10) / 10,
      unit: 'requests',
      text: `${formatCount(stats.requests)} requests in ${windowLabel} vs ${formatCount(normalRequests)} normally for this key`,
      significance: volume,
      featureIndex: 4,
    });
  }
  const writes = ratioSignificance(stats.writesOk, normalWrites * 2 + 2, 30);
  if (seasoned && writes > 0) {
    evidence.push({
      feature: 'writes',
      observed: stats.writesOk,
      baseline: Math.round(normalWrites * 10) / 10,
      unit: 'requests',
      text: `${formatCount(stats.writesOk)} successful writes in ${windowLabel} vs ${formatCount(normalWrites)} normally for this key`,
      significance: writes,
      featureIndex: 5,
    });
  }
  return { values, evidence };
}
