import type { ConsumerProfile } from '../baseline/consumer-profile.js';
import type { WindowStats } from './window-stats.js';
import { type WindowFeatures, type EvidenceCandidate, clamp01, ratioSignificance } from './evidence-candidate.js';
import { CONSUMER_FEATURE_TABLE as TABLE, type ConsumerFeature } from './consumer-feature-table.js';
import { evidenceOf, featureNames, vectorOf } from './feature-table.js';

export const CONSUMER_FEATURES = featureNames(TABLE);

/** A consumer needs this much history before "never seen for it" means anything. */
export const MIN_CONSUMER_WINDOWS = 6;

// The thresholds of a consumer window, each with the reason for its value. Significances are
// 0..1 ramps: "from A over B" means 0 at A, 1 at A + B.

/** New networks: a credential used from three or more never-seen networks at once; two is a phone and a laptop. */
const MIN_NEW_NETWORKS = 3;
/** …counted from two over eight more (full at ten new networks in one window). */
const NEW_NETWORKS_FROM = 2;
const NEW_NETWORKS_SPAN = 8;
/** A new agent counts only together with at least two new networks: an upgrade alone is not news. */
const NEW_AGENT_WITH_NETWORKS = 2;
/** New agents, full at three; they weigh 60% (agents change more innocently than networks). */
const NEW_AGENTS_FULL = 3;
const NEW_AGENTS_WEIGHT = 0.6;
/** New endpoints: from three, counted from two over six more (full at eight). */
const MIN_NEW_ENDPOINTS = 3;
const NEW_ENDPOINTS_FROM = 2;
const NEW_ENDPOINTS_SPAN = 6;
/** Volume and writes are judged against twice the consumer's mean: its ordinary peaks are no news. */
const NORMAL_PEAK_FACTOR = 2;
/** Fewer requests than this in a window are never a volume incident of a consumer. */
const MIN_VOLUME_REQUESTS = 50;
/** Writes: a pseudo-count of two over the consumer's normal, and at least this many writes. */
const WRITES_PRIOR = 2;
const MIN_WRITES = 30;

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
  if (seasoned && newNetworks >= MIN_NEW_NETWORKS) {
    const established = profile.establishedNetworks();
    const significance = clamp01((newNetworks - NEW_NETWORKS_FROM) / NEW_NETWORKS_SPAN);
    evidence.push(evidenceOf(TABLE, 'new_networks', { observed: networks.length, baseline: established, significance }, { networks: networks.length, fresh: newNetworks, established, window: windowLabel }));
  }
  if (seasoned && newAgents >= 1 && newNetworks >= NEW_AGENT_WITH_NETWORKS) {
    const example = agents.find((a) => !profile.isKnownAgent(a)) ?? '';
    evidence.push(evidenceOf(TABLE, 'new_agents', { observed: newAgents, baseline: 0, significance: clamp01(newAgents / NEW_AGENTS_FULL) * NEW_AGENTS_WEIGHT }, { fresh: newAgents, example }));
  }
  if (seasoned && newEndpoints >= MIN_NEW_ENDPOINTS) {
    evidence.push(evidenceOf(TABLE, 'new_endpoints', { observed: newEndpoints, baseline: 0, significance: clamp01((newEndpoints - NEW_ENDPOINTS_FROM) / NEW_ENDPOINTS_SPAN) }, { fresh: newEndpoints }));
  }
  const volume = ratioSignificance(stats.requests, normalRequests * NORMAL_PEAK_FACTOR, MIN_VOLUME_REQUESTS);
  if (seasoned && volume > 0) {
    evidence.push(evidenceOf(TABLE, 'requests', { observed: stats.requests, baseline: Math.round(normalRequests * 10) / 10, significance: volume }, { requests: stats.requests, normal: normalRequests, window: windowLabel }));
  }
  const writes = ratioSignificance(stats.writesOk, normalWrites * NORMAL_PEAK_FACTOR + WRITES_PRIOR, MIN_WRITES);
  if (seasoned && writes > 0) {
    evidence.push(evidenceOf(TABLE, 'writes', { observed: stats.writesOk, baseline: Math.round(normalWrites * 10) / 10, significance: writes }, { writes: stats.writesOk, normal: normalWrites, window: windowLabel }));
  }
  return { values: vectorOf(CONSUMER_FEATURES, values), evidence };
}
