// Verdicts written by a person from the raw lines, kept as data keyed by a stable incident
// signature so regenerating docs/real-logs.md keeps them; and the "must find" items checked
// against each report.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export interface LogIncident {
  rank: number;
  kind: string;
  severity: string;
  confidence: number;
  start: string;
  end: string;
  endpoint: string | null;
  endpoints?: string[];
  clients: string[];
  /** A campaign lists its members (up to 500) beyond the incident's first 100 clients. */
  campaign?: { clients: Array<{ client: string }> };
  requests: number;
  summary: string;
  samples?: Array<{ file: string; line: number }>;
}

export type VerdictName = 'attack' | 'operational' | 'benign' | 'unsure';

export interface Verdict {
  verdict: VerdictName;
  /** One line, written from the raw lines behind the incident. */
  reason: string;
}

export const VERDICTS_FILE = 'scripts/eval-real/verdicts.json';
export const MUST_FIND_FILE = 'scripts/eval-real/must-find.json';

/**
 * log + kind + route + sorted clients: stable while detection finds the same thing. Long client
 * lists are hashed; an incident with no clients adds its start, so two outages on one route differ.
 */
export function incidentSignature(log: string, incident: LogIncident): string {
  const clients = [...incident.clients].sort();
  let who: string;
  if (clients.length === 0) who = `no clients @${incident.start}`;
  else if (clients.length <= 3) who = clients.join(',');
  else who = `${clients.length} clients #${createHash('sha1').update(clients.join(',')).digest('hex').slice(0, 8)}`;
  return `${log} | ${incident.kind} | ${incident.endpoint ?? '-'} | ${who}`;
}

export function loadVerdicts(): Record<string, Verdict> {
  return JSON.parse(readFileSync(VERDICTS_FILE, 'utf8')) as Record<string, Verdict>;
}

export const worthALook = (verdict: Verdict | undefined): boolean => verdict?.verdict === 'attack' || verdict?.verdict === 'operational';

/** Records a must-find item selects (every given field must match), from `anomalog parse` output. */
export interface MustFindSelect {
  method?: string;
  path?: string;
  query?: string;
  userAgent?: string;
  referer?: string;
  status?: string;
  clients?: string[];
}

export interface MustFind {
  id: string;
  /** What an analyst would call out, in a few words. */
  what: string;
  select: MustFindSelect;
  /** Found when one incident holds at least this share of the selected clients (default 0.5). */
  share?: number;
  /**
   * For an outage (incidents without clients): only records in [from, to) are selected, and the
   * item is found by an incident of one of `kinds` that overlaps the window.
   */
  window?: [from: string, to: string];
  kinds?: string[];
}

export interface ParsedRecord {
  time: string | null;
  client: string | null;
  method: string | null;
  path: string | null;
  query: string | null;
  userAgent: string | null;
  referer: string | null;
  status: number | null;
}

export function loadMustFind(): Record<string, MustFind[]> {
  return JSON.parse(readFileSync(MUST_FIND_FILE, 'utf8')) as Record<string, MustFind[]>;
}

function matches(pattern: string | undefined, value: string | null): boolean {
  if (pattern === undefined) return true;
  return new RegExp(pattern, 'i').test(value ?? '');
}

export function selectClients(records: readonly ParsedRecord[], select: MustFindSelect, window?: [string, string]): { clients: Set<string>; requests: number } {
  const clients = new Set<string>();
  let requests = 0;
  for (const r of records) {
    if (r.client === null) continue;
    if (window && (r.time === null || r.time < window[0] || r.time >= window[1])) continue;
    if (select.clients && !select.clients.includes(r.client)) continue;
    if (!matches(select.method, r.method) || !matches(select.path, r.path) || !matches(select.query, r.query)) continue;
    if (!matches(select.userAgent, r.userAgent) || !matches(select.referer, r.referer)) continue;
    if (!matches(select.status, r.status === null ? null : String(r.status))) continue;
    clients.add(r.client);
    requests++;
  }
  return { clients, requests };
}

export interface MustFindOutcome {
  id: string;
  /** Found by clients held, or (an outage) by incidents overlapping a window. */
  by: 'clients' | 'window';
  what: string;
  clients: number;
  requests: number;
  /** Best-ranked incident holding the needed share of the clients, null when none does. */
  rank: number | null;
  /** Most of the item's clients any single incident holds (for a window item: incidents overlapping it). */
  bestHeld: number;
  /** The item's clients found in some incident, and in how many incidents they are spread. */
  covered: number;
  spreadOver: number;
  found: boolean;
  /** Not found as one incident, but enough of its clients are in several (the campaign is split). */
  split: boolean;
}

export function checkMustFind(item: MustFind, records: readonly ParsedRecord[], incidents: readonly LogIncident[]): MustFindOutcome {
  const { clients, requests } = selectClients(records, item.select, item.window);
  if (item.window) {
    const [from, to] = item.window;
    const overlapping = incidents.filter((i) => i.start < to && i.end > from && (item.kinds === undefined || item.kinds.includes(i.kind)));
    const rank = overlapping.length === 0 ? null : Math.min(...overlapping.map((i) => i.rank));
    return { id: item.id, by: 'window', what: item.what, clients: clients.size, requests, rank, bestHeld: overlapping.length, covered: 0, spreadOver: overlapping.length, found: rank !== null, split: false };
  }
  // An incident lists at most 100 clients, so a larger campaign is judged on what fits.
  const needed = Math.max(1, Math.ceil(Math.min(clients.size, 100) * (item.share ?? 0.5)));
  let rank: number | null = null;
  let bestHeld = 0;
  let spreadOver = 0;
  const covered = new Set<string>();
  let firstHolding: number | null = null;
  for (const incident of incidents) {
    // A campaign holds every member it lists (the incident's client list is its busiest 100).
    const members = incident.campaign ? incident.campaign.clients.map((m) => m.client) : incident.clients;
    const held = members.filter((c) => clients.has(c));
    if (held.length === 0) continue;
    spreadOver++;
    for (const c of held) covered.add(c);
    if (firstHolding === null || incident.rank < firstHolding) firstHolding = incident.rank;
    bestHeld = Math.max(bestHeld, held.length);
    if (held.length >= needed && (rank === null || incident.rank < rank)) rank = incident.rank;
  }
  const split = rank === null && covered.size >= needed && spreadOver > 1;
  return {
    id: item.id, by: 'clients', what: item.what, clients: clients.size, requests, rank: rank ?? (split ? firstHolding : null), bestHeld,
    covered: covered.size, spreadOver, found: rank !== null, split,
  };
}
