// One address doing something within a minute that no person or ordinary client does: the lines
// behind it, when and how strongly, and the incident candidate it makes. Shared by the behaviour
// trackers (agent-rotation.ts, auth-failure-bursts.ts), which decide what "something" is.
import type { SourceRef } from '../../types.js';
import type { IncidentKind } from '../../types.js';
import { claimKey, type RequestClaim, type WindowCandidate } from '../window-candidate.js';

/** The sliding span the trackers count in (CrowdSec's leaky buckets for the same behaviours drain in about this). */
export const BURST_SPAN_MS = 60_000;
/** Lines a burst keeps (and claims); a flood past it is the volume detectors' to count. */
export const MAX_BURST_LINES = 2_000;

/** One request of a burst. */
export interface BurstLine {
  timeMs: number;
  source: SourceRef;
  /** Null for a request the tracker kept only its time and line of. */
  endpoint: string | null;
  userAgent: string | null;
  /** Already in the client's burst (a line stays in the sliding span after the span first overflowed). */
  noted: boolean;
}

/** One address's burst: its lines (up to MAX_BURST_LINES), and the most the behaviour reached in one span. */
export interface ClientBurst {
  client: string;
  lines: BurstLine[];
  /** The most distinct agents (or failures) in one span. */
  peak: number;
  /** Epoch ms of the first and last request of the span in which the peak was reached. */
  peakFirst: number;
  peakLast: number;
}

/** Adds the span's lines not yet noted to the client's burst (one burst per client, growing). */
export function noteBurst(bursts: Map<string, ClientBurst>, client: string, span: readonly BurstLine[], peak: number): void {
  let burst = bursts.get(client);
  if (burst === undefined) {
    burst = { client, lines: [], peak: 0, peakFirst: 0, peakLast: 0 };
    bursts.set(client, burst);
  }
  for (const line of span) {
    if (line.noted || burst.lines.length >= MAX_BURST_LINES) continue;
    line.noted = true;
    burst.lines.push(line);
  }
  if (peak > burst.peak) {
    burst.peak = peak;
    burst.peakFirst = span[0]!.timeMs;
    burst.peakLast = span[span.length - 1]!.timeMs;
  }
}

export interface BurstReading {
  kind: IncidentKind;
  /** Evidence feature (incident-signals.ts reads it as an attack signal). */
  feature: string;
  /** The attack in words, with its numbers ("12 different User-Agents in 11 s from one address"). */
  text: string;
  unit: string;
  score: number;
}

/** The incident candidate of one burst: exactly its lines, per window. */
export function burstCandidate(burst: ClientBurst, reading: BurstReading, windowMs: number): WindowCandidate {
  const lines = [...burst.lines].sort((a, b) => a.timeMs - b.timeMs || a.source.line - b.source.line);
  const perWindow = new Map<number, SourceRef[]>();
  for (const l of lines) {
    const index = Math.floor(l.timeMs / windowMs);
    const list = perWindow.get(index);
    if (list === undefined) perWindow.set(index, [l.source]);
    else list.push(l.source);
  }
  const actor = claimKey('client', burst.client);
  const claims: RequestClaim[] = [...perWindow].map(([index, sources]) => ({ actor, index, requests: sources.length, lines: sources }));
  const endpoints = counted(lines.map((l) => l.endpoint).filter((e): e is string => e !== null));
  const agents = counted(lines.map((l) => l.userAgent).filter((a): a is string => a !== null && a !== '' && a !== '-'));
  return {
    entity: 'client',
    key: burst.client,
    index: Math.floor(lines[0]!.timeMs / windowMs),
    lastIndex: Math.floor(lines[lines.length - 1]!.timeMs / windowMs),
    score: reading.score,
    rawScore: 0,
    kind: reading.kind,
    evidence: [{ feature: reading.feature, observed: burst.peak, baseline: 0, unit: reading.unit, text: reading.text, significance: 0.8, contribution: 0 }],
    endpoints: endpoints.slice(0, 20),
    clients: [burst.client],
    consumers: [],
    userAgents: agents.slice(0, 3),
    leadClient: null,
    requests: lines.length,
    samples: lines.slice(0, 5).map((l) => l.source),
    historyWindows: 0,
    confidence: 0.9,
    baselineNote: null,
    claims,
    active: [...perWindow.keys()],
  };
}

/** Seconds between two epoch ms, as evidence shows them ("in 11 s", "in under 1 s"). */
export function spanText(firstMs: number, lastMs: number): string {
  const seconds = Math.round((lastMs - firstMs) / 1000);
  return seconds < 1 ? 'in under 1 s' : `in ${seconds} s`;
}

function counted(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}
