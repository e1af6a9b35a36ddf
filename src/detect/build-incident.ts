import { createHash } from 'node:crypto';
import type { Campaign, Evidence, Incident, Occurrence, SampleRef } from '../types.js';
import type { CandidateGroup } from './merge-candidates.js';
import { claimKey, claimsOf, type CampaignFacts } from './window-candidate.js';
import { selectorOf } from './incident-selector.js';
import { networkOf } from '../normalize/network.js';
import { judgeSeverity } from './severity.js';
import { incidentSignals } from './incident-signals.js';
import { summarize } from './summarize.js';
import { formatCount, formatCountOf, round } from '../text/format-values.js';
import { OTHER_ROUTES } from '../features/traffic-aggregator.js';
import { detectToolAgent } from './injection/table-rules.js';

/** Requests per client on the given endpoint windows (endpoint → window indexes), looked up in the aggregates. */
export type ClientsOfEndpoint = (windows: ReadonlyMap<string, ReadonlySet<number>>) => Map<string, number>;

/** Activity this far apart is two occurrences: an incident never spans such a silence without saying so. */
export const OCCURRENCE_GAP_MS = 6 * 3_600_000;
const MAX_OCCURRENCES = 100;
/** Kinds of endpoint-only incidents whose clients are the ones the failure hit. */
/** The claim actor prefix of a client (see claimKey). */
const CLIENT_ACTOR = claimKey('client', '');

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
  for (const m of group.members) for (const e of m.endpoints.slice(0, m.campaign ? 20 : 4)) if (e !== OTHER_ROUTES && !endpoints.includes(e)) endpoints.push(e);
  const endpoint = endpoints[0] ?? null;
  const endpointOnly = group.members.every((m) => m.entity === 'endpoint');
  const consumers = uniqueSorted(group.members.flatMap((m) => m.consumers));
  // Client, consumer and endpoint windows of one incident see the same requests: count one kind of them, the most
  // specific present, and each (actor, window) once: a scanner's window and its injection findings are the same lines.
  const countedEntity = (['client', 'consumer', 'endpoint'] as const).find((entity) => group.members.some((m) => m.entity === entity))!;
  const counted = group.members.filter((m) => m.entity === countedEntity);
  const { perWindow, perActor } = countedClaims(counted);
  let requests = 0;
  for (const n of perWindow.values()) requests += n;
  const active = [...perWindow.keys()].sort((a, b) => a - b);
  const startIndex = Math.min(group.startIndex, active[0] ?? Infinity);
  const lastIndex = Math.max(group.lastIndex, active[active.length - 1] ?? -Infinity);
  // Who sent the lines the incident counts, busiest first (ties by address): a campaign's heaviest bot leads its list.
  const byClient = new Map<string, number>();
  for (const m of group.members) for (const c of m.clients) byClient.set(c, 0);
  for (const [actor, n] of perActor) if (actor.startsWith(CLIENT_ACTOR)) byClient.set(actor.slice(CLIENT_ACTOR.length), n);
  if (byClient.size === 0 && endpoint !== null && endpointOnly && group.kind !== 'traffic_drop' && group.kind !== 'new_endpoint') {
    // An endpoint's incident names the clients of the windows it counts (an outage's: those it hit).
    const windows = new Map<string, Set<number>>();
    for (const m of counted) {
      for (const claim of claimsOf(m)) {
        const route = claim.actor.slice(claim.actor.indexOf('\u0000') + 1);
        let set = windows.get(route);
        if (!set) windows.set(route, (set = new Set()));
        set.add(claim.index);
      }
    }
    for (const [client, n] of clientsOf(windows)) byClient.set(client, n);
  }
  const clients = [...byClient].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([client]) => client);
  const occurrences = occurrencesOf(active, perWindow, windowMs);
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
  const judged = judgeSeverity({ score: group.score, confidence, attack: signals.attack, operational: signals.operational, volume: signals.volume, benign: signals.benign !== null, backgroundProbing: signals.backgroundProbing, campaignClients: signals.campaignClients, volumeOnly: group.kind === 'volumetric' });
  if (signals.benign) {
    evidence.push({ feature: 'benign', observed: round(signals.benign.share, 3), baseline: null, unit: 'ratio', text: signals.benign.text, contribution: 0 });
  }
  const adjusted = judged.lowered ?? judged.raised;
  if (adjusted) evidence.push({ feature: 'severity', observed: judged.severity, baseline: null, unit: 'severity', text: adjusted, contribution: 0 });
  if (judged.signal) evidence.push({ feature: 'signal', observed: judged.severity, baseline: null, unit: 'severity', text: judged.signal, contribution: 0 });
  // Members of a group share windows and clients, so their samples overlap: each line is listed once.
  const samples: SampleRef[] = [];
  const listed = new Set<string>();
  for (const m of group.members) {
    for (const s of m.samples) {
      const key = `${s.line}:${s.file}`;
      if (samples.length >= 5 || listed.has(key)) continue;
      listed.add(key);
      samples.push({ file: s.file, line: s.line, ...(('text' in s && typeof s.text === 'string') ? { text: s.text } : {}) });
    }
  }
  const start = new Date(startIndex * windowMs).toISOString();
  const end = new Date((lastIndex + 1) * windowMs).toISOString();
  if (occurrences.length > 1) {
    evidence.push({ feature: 'occurrences', observed: occurrences.length, baseline: null, unit: 'occurrences', text: `${formatCount(occurrences.length)} separate occurrences between ${start.slice(0, 10)} and ${end.slice(0, 10)}`, contribution: 0 });
  }
  const campaignFacts = group.members.find((m) => m.campaign)?.campaign;
  const campaign = campaignFacts ? campaignOf(campaignFacts) : undefined;
  const score = round(group.score, 1);
  const id = createHash('sha256')
    .update([group.kind, start, endpoints.slice(0, 3).join(','), clients.slice(0, 20).join(','), consumers.join(',')].join('\n'))
    .digest('hex')
    .slice(0, 12);
  // A payload is what an analyst acts on: when rules matched one, it leads the summary, not the 404 share beside it.
  const userAgents = uniqueSorted(group.members.flatMap((m) => m.userAgents)).slice(0, 5);
  const payload = signals.attack ? evidence.find((e) => e.feature === 'injection_requests') : undefined;
  // A scan whose requests went to a campaign's paths is told by the campaign's rules, not its own:
  // the tool its agent names is still what an analyst wants to read first.
  const tools = payload === undefined && !campaignFacts ? toolsNamedBy(userAgents) : [];
  const toolText = tools.length > 0 ? `attack tool ${tools.join(', ')} in User-Agent` : null;
  if (toolText !== null) evidence.push({ feature: 'tool_agent', observed: tools.join(', '), baseline: null, unit: 'tools', text: toolText, contribution: 0 });
  const lead = payload ?? evidence[0];
  // The forest read one stretch of windows: when the incident counts more lines than that stretch,
  // its figures are said to be the busiest stretch's, not the incident's total.
  const stretch = lead === undefined ? null : payload === undefined && top.entity === 'client' && requests > top.requests && !campaignFacts ? `busiest stretch: ${lead.text}` : lead.text;
  const leadText = toolText === null ? stretch : stretch === null ? toolText : `${toolText}; ${stretch}`;
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
    userAgents,
    requests,
    summary:
      (campaign ? `Campaign (${formatCountOf(requests, 'request')}): ${evidence[0]?.text ?? campaign.signature}.` : summarize(group.kind, endpoint, clients, consumers, requests, leadText)) +
      (signals.benign ? ` Considered: ${signals.benign.text}.` : ''),
    evidence,
    samples,
    selector: selectorOf(counted.map(claimsOf), windowMs),
    occurrences: occurrences.length > 1 ? occurrences.slice(0, MAX_OCCURRENCES) : [],
    ...(campaign ? { campaign } : {}),
  };
}

/**
 * Requests per window of the members. Within one member its claims add up; between members
 * each actor's window counts once, at the largest claim on it (a client's window read as a
 * scanner holds the lines its injection findings claim too).
 */
function countedClaims(members: CandidateGroup['members']): { perWindow: Map<number, number>; perActor: Map<string, number> } {
  const byActor = new Map<string, Map<number, number>>();
  for (const m of members) {
    const own = new Map<string, number>();
    for (const claim of claimsOf(m)) {
      const key = `${claim.index}\u0000${claim.actor}`;
      own.set(key, (own.get(key) ?? 0) + claim.requests);
    }
    for (const [key, requests] of own) {
      const cut = key.indexOf('\u0000');
      const index = Number(key.slice(0, cut));
      const actor = key.slice(cut + 1);
      let windows = byActor.get(actor);
      if (!windows) byActor.set(actor, (windows = new Map()));
      if (requests > (windows.get(index) ?? 0)) windows.set(index, requests);
    }
  }
  const perWindow = new Map<number, number>();
  const perActor = new Map<string, number>();
  for (const [actor, windows] of byActor) {
    let total = 0;
    for (const [index, n] of windows) {
      perWindow.set(index, (perWindow.get(index) ?? 0) + n);
      total += n;
    }
    perActor.set(actor, total);
  }
  return { perWindow, perActor };
}

/** Spans of activity separated by at least OCCURRENCE_GAP_MS of silence. */
function occurrencesOf(active: readonly number[], perWindow: ReadonlyMap<number, number>, windowMs: number): Occurrence[] {
  const gap = Math.max(1, Math.ceil(OCCURRENCE_GAP_MS / windowMs));
  const out: Occurrence[] = [];
  let first = -1;
  let last = -1;
  let requests = 0;
  const close = (): void => {
    if (first >= 0) out.push({ start: new Date(first * windowMs).toISOString(), end: new Date((last + 1) * windowMs).toISOString(), requests });
  };
  for (const index of active) {
    if (first >= 0 && index - last > gap) {
      close();
      first = -1;
    }
    if (first < 0) {
      first = index;
      requests = 0;
    }
    last = index;
    requests += perWindow.get(index) ?? 0;
  }
  close();
  return out;
}

const MAX_CAMPAIGN_CLIENTS = 500;
const MAX_CAMPAIGN_PREFIXES = 100;

function campaignOf(facts: CampaignFacts): Campaign {
  const prefixes = new Map<string, { clients: number; requests: number }>();
  for (const c of facts.clients) {
    const prefix = networkOf(c.client);
    const p = prefixes.get(prefix) ?? { clients: 0, requests: 0 };
    p.clients++;
    p.requests += c.requests;
    prefixes.set(prefix, p);
  }
  return {
    signature: facts.signature,
    targets: facts.targets.slice(0, 20),
    clients: facts.clients.slice(0, MAX_CAMPAIGN_CLIENTS).map((c) => ({ client: c.client, requests: c.requests, first: new Date(c.first).toISOString(), last: new Date(c.last).toISOString() })),
    prefixes: [...prefixes]
      .sort((a, b) => b[1].clients - a[1].clients || b[1].requests - a[1].requests || (a[0] < b[0] ? -1 : 1))
      .slice(0, MAX_CAMPAIGN_PREFIXES)
      .map(([prefix, p]) => ({ prefix, clients: p.clients, requests: p.requests })),
    clientCount: facts.clients.length,
  };
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** The attack tools the incident's User-Agents name (Jorgee, sqlmap, Nikto…), per the tool-agent rules. */
function toolsNamedBy(userAgents: readonly string[]): string[] {
  const tools = new Set<string>();
  for (const agent of userAgents) for (const rule of detectToolAgent(agent)) tools.add(rule.slice('tool-agent-'.length));
  return [...tools].sort();
}
