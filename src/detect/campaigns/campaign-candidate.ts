// What every campaign incident has in common, whatever its signature (404 probes, scripted form posts):
// one candidate per campaign, its members listed with their own counts and times.
import type { SourceRef } from '../../types.js';
import type { IncidentKind } from '../../types.js';
import type { RequestClaim, WindowCandidate } from '../window-candidate.js';

/** One address of a campaign, as the report's `campaign.clients` lists it. */
export interface CampaignMember {
  client: string;
  requests: number;
  /** Epoch ms of its first and last request in the campaign. */
  first: number;
  last: number;
}

export interface CampaignParts {
  signature: string;
  /** log2 of how many times the minimum number of addresses took part: the score grows with it. */
  strength: number;
  kind: IncidentKind;
  evidence: WindowCandidate['evidence'];
  endpoints: string[];
  members: readonly CampaignMember[];
  userAgents: string[];
  requests: number;
  samples: SourceRef[];
  claims: RequestClaim[];
  windows: number[];
  targets: NonNullable<WindowCandidate['campaign']>['targets'];
}

export function campaignCandidate(parts: CampaignParts): WindowCandidate {
  const { signature, windows, members } = parts;
  return {
    entity: 'client',
    key: `(campaign) ${signature}`,
    index: windows[0]!,
    lastIndex: windows[windows.length - 1]!,
    score: Math.min(80, 50 + 7 * parts.strength),
    rawScore: 0,
    kind: parts.kind,
    evidence: parts.evidence,
    endpoints: parts.endpoints.slice(0, 20),
    clients: members.map((m) => m.client),
    consumers: [],
    userAgents: parts.userAgents,
    requests: parts.requests,
    leadClient: null,
    samples: parts.samples,
    historyWindows: 0,
    // Confidence grows with the number of addresses: 5 give 0.46, 20 give 0.92.
    confidence: Math.round((1 - Math.exp(-members.length / 8)) * 100) / 100,
    baselineNote: null,
    claims: parts.claims,
    active: windows,
    signature,
    campaign: {
      signature,
      targets: parts.targets,
      clients: members.map((m) => ({ client: m.client, requests: m.requests, first: m.first, last: m.last })),
    },
  };
}

/** The `n` most frequent keys, most frequent first, ties in text order (the same on every run). */
export function mostFrequent(counts: ReadonlyMap<string, number>, n = 3): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([key]) => key);
}

/** "3" when every member sent the same number, else "1–12" (sorted ascending). */
export function countRange(sortedCounts: readonly number[]): string {
  const low = sortedCounts[0]!;
  const high = sortedCounts[sortedCounts.length - 1]!;
  return low === high ? `${low}` : `${low}–${high}`;
}
