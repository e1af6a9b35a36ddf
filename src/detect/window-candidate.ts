import type { EntityKind } from '../baseline/baseline.js';
import type { IncidentKind, SelectorTerm, SourceRef } from '../types.js';
import type { EvidenceCandidate } from '../features/evidence-candidate.js';
import type { BenignExplanation } from './benign/explain-window.js';

/** One entity window the detector found unusual, with its evidence and the kind it points to. */
export interface WindowCandidate {
  entity: EntityKind;
  key: string;
  /** Window index (start = index × windowMs). */
  index: number;
  /** Last window index covered (candidates of adjacent windows merge into one). */
  lastIndex: number;
  score: number;
  rawScore: number;
  kind: IncidentKind;
  evidence: (EvidenceCandidate & { contribution: number })[];
  endpoints: string[];
  clients: string[];
  consumers: string[];
  userAgents: string[];
  requests: number;
  /** Endpoint windows: the client that sent at least half of the window's requests, if one did. */
  leadClient: string | null;
  samples: SourceRef[];
  /** Windows of history behind the judgement, and how many records the window had. */
  historyWindows: number;
  confidence: number;
  /** Short note about the baseline when it is thin, e.g. "client first seen in this window". */
  baselineNote: string | null;
  /** The benign explanation that fits the window, if one does (see benign/explain-window.ts). */
  benign?: BenignExplanation | null;
  /** Endpoint windows: distinct clients that got a 5xx, and that got a response slower than the route's p95 (operational impact). */
  erroredClients?: number;
  slowClients?: number;
  /** Endpoint windows: distinct clients of the window. */
  routeClients?: number;
  /** Endpoint windows: the one client every 5xx of the window went to (null when none or several), and the 5xx count. */
  erroredClient?: string | null;
  errors5xx?: number;
  /** 401/403 answers in the candidate's windows, counted (windows read by the forest). */
  authFailures?: number;
  /** Client windows: responses over twice their endpoint's normal p95 size. */
  outsizedResponses?: number;
  /**
   * The lines behind the candidate, per actor and window, when they are not simply `requests`
   * of this entity in `index` (runs, injection findings, campaigns, a new route's life). An
   * incident counts each (actor, window) once, so a request two readings saw is one request.
   */
  claims?: RequestClaim[];
  /**
   * Windows in which the candidate meets others in time (sorted), when not every window of
   * `index`..`lastIndex`: a finding repeated over months meets others only where it happened,
   * a new route only at its onset.
   */
  active?: number[];
  /** Findings with the same signature are one incident whatever their time or client (a campaign, a repeated probe). */
  signature?: string;
  /** Campaigns: what the clients were after and who they were (see campaigns/). */
  campaign?: CampaignFacts;
}

/** `requests` lines of one actor (`entity key`, see claimKey) in one window. */
export interface RequestClaim {
  actor: string;
  index: number;
  requests: number;
  /** Of them, answered 401/403, when counted (a client's window, a burst of 401s). */
  authFailures?: number;
  /** Request-level claims (injection findings): exactly these lines, `requests` of them. */
  lines?: SourceRef[];
  /** Claims on part of a window that are not lines (a campaign's probes: a path in a minute): the records these select. */
  terms?: SelectorTerm[];
}

/** What a campaign candidate knows of its members and targets. */
export interface CampaignFacts {
  signature: string;
  targets: { target: string; requests: number; clients: number }[];
  clients: { client: string; requests: number; first: number; last: number }[];
}

/** The actor key of a candidate's claims. */
export function claimKey(entity: string, key: string): string {
  return `${entity}\u0000${key}`;
}

/** The candidate's claims, or its own requests in its first window. */
export function claimsOf(c: WindowCandidate): RequestClaim[] {
  return c.claims ?? [{ actor: claimKey(c.entity, c.key), index: c.index, requests: c.requests, ...(c.authFailures !== undefined ? { authFailures: c.authFailures } : {}) }];
}

/** The windows the candidate is active in, sorted. */
export function activeOf(c: WindowCandidate): number[] {
  if (c.active) return c.active;
  const out: number[] = [];
  for (let i = c.index; i <= c.lastIndex; i++) out.push(i);
  return out;
}
