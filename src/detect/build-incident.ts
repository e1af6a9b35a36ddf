import { createHash } from 'node:crypto';
import type { Evidence, Incident, SampleRef } from '../types.js';
import type { CandidateGroup } from './merge-candidates.js';
import { judgeSeverity } from './severity.js';
import { incidentSignals } from './incident-signals.js';
import { summarize } from './summarize.js';
import { formatCount, round } from './format-values.js';
import { OTHER_ROUTES } from '../features/traffic-aggregator.js';

/** Clients that took part in an endpoint-level incident, looked up in the aggregates. */
export type ClientsOfEndpoint = (endpoint: string, startIndex: number, lastIndex: number) => string[];

/** Requests of the whole log in a span of windows (the site's traffic, for the share a volume change is). */
export type SiteRequests = (startIndex: number, lastIndex: number) => number;

/** Turns a merged group of windows into the incident the report shows (rank is set later). */
export function buildIncident(group: CandidateGroup, windowMs: number, clientsOf: ClientsOfEndpoint, siteRequests: SiteRequests = () => 0): Incident {
  // Evidence comes first from the strongest window of the incident's own kind, then one line from each other reading.
  const top = group.members.find((m) => m.kind === group.kind) ?? group.members[0]!;
  const primary = new Map<string, number>();
  for (const m of group.members) {
    const e = m.entity === 'endpoint' ? m.key : m.endpoints[0];
    if (e !== undefined && e !== OTHER_ROUTES) primary.set(e, (primary.get(e) ?? 0) + m.requests);
  }
  const endpoints = [...primary.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([e]) => e);
  for (const m of group.members) for (const e of m.endpoints.slice(0, 4)) if (e !== OTHER_ROUTES && !endpoints.includes(e)) endpoints.push(e);
  const endpoint = endpoints[0] ?? null;
  let clients = uniqueSorted(group.members.flatMap((m) => m.clients));
  if (clients.length === 0 && endpoint !== null && group.members.every((m) => m.entity === 'endpoint') && group.kind !== 'error_spike' && group.kind !== 'latency_regression' && group.kind !== 'traffic_drop' && group.kind !== 'new_endpoint') {
    clients = clientsOf(endpoint, group.startIndex, group.lastIndex);
  }
  const consumers = uniqueSorted(group.members.flatMap((m) => m.consumers));
  // Client, consumer and endpoint windows of one incident see the same requests: count one kind of them, the most specific present.
  const countedEntity = (['client', 'consumer', 'endpoint'] as const).find((entity) => group.members.some((m) => m.entity === entity))!;
  const requests = group.members.filter((m) => m.entity === countedEntity).reduce((sum, m) => sum + m.requests, 0);
  // Other windows were scored by other forests: their lines add context but no share of this score.
  const extra = group.members.filter((m) => m !== top).flatMap((m) => m.evidence.slice(0, 1).map((e) => ({ ...e, contribution: 0 })));
  const items = [...top.evidence];
  for (const e of extra) if (items.length < 6 && !items.some((i) => i.feature === e.feature)) items.push(e);
  const evidence: Evidence[] = items.map((e) => ({
    feature: e.feature,
    observed: e.observed,
    baseline: e.baseline,
    unit: e.unit,
    text: e.text,
    contribution: round(e.contribution, 3),
  }));
  if (clients.length > 1) {
    evidence.push({ feature: 'clients', observed: clients.length, baseline: null, unit: 'clients', text: `${formatCount(clients.length)} clients took part`, contribution: 0 });
  }
  if (top.baselineNote) {
    evidence.push({ feature: 'baseline', observed: top.historyWindows, baseline: null, unit: 'windows', text: top.baselineNote, contribution: 0 });
  }
  const signals = incidentSignals(group, requests, siteRequests(group.startIndex, group.lastIndex));
  const confidence = round(top.confidence, 2);
  const judged = judgeSeverity({ score: group.score, confidence, attack: signals.attack, operational: signals.operational, volume: signals.volume, benign: signals.benign !== null, backgroundProbing: signals.backgroundProbing });
  if (signals.benign) {
    evidence.push({ feature: 'benign', observed: round(signals.benign.share, 3), baseline: null, unit: 'ratio', text: signals.benign.text, contribution: 0 });
  }
  if (judged.lowered) evidence.push({ feature: 'severity', observed: judged.severity, baseline: null, unit: 'severity', text: judged.lowered, contribution: 0 });
  if (judged.signal) evidence.push({ feature: 'signal', observed: judged.severity, baseline: null, unit: 'severity', text: judged.signal, contribution: 0 });
  const samples: SampleRef[] = [];
  for (const m of group.members) for (const s of m.samples) if (samples.length < 5) samples.push({ file: s.file, line: s.line, ...(('text' in s && typeof s.text === 'string') ? { text: s.text } : {}) });
  const start = new Date(group.startIndex * windowMs).toISOString();
  const end = new Date((group.lastIndex + 1) * windowMs).toISOString();
  const score = round(group.score, 1);
  const id = createHash('sha256')
    .update([group.kind, start, endpoints.slice(0, 3).join(','), clients.slice(0, 20).join(','), consumers.join(',')].join('\n'))
    .digest('hex')
    .slice(0, 12);
  return {
    id,
    rank: 0,
    score,
    confidence,
    severity: judged.severity,
    kind: group.kind,
    start,
    end,
    endpoint,
    endpoints: endpoints.slice(0, 20),
    clients: clients.slice(0, 100),
    consumers: consumers.slice(0, 50),
    userAgents: uniqueSorted(group.members.flatMap((m) => m.userAgents)).slice(0, 5),
    requests,
    summary: summarize(group.kind, endpoint, clients, consumers, requests, evidence[0]?.text ?? null) + (signals.benign ? ` Considered: ${signals.benign.text}.` : ''),
    evidence,
    samples,
  };
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
