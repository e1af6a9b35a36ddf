import type { EntityKind } from '../baseline/baseline.js';
import type { IncidentKind, SourceRef } from '../types.js';
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
  /** Endpoint windows: distinct clients that got a 5xx or a slow response (operational impact). */
  affectedClients?: number;
  /** Endpoint windows: distinct clients of the window. */
  routeClients?: number;
}
