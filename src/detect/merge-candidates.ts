import type { IncidentKind } from '../types.js';
import { activeOf, claimsOf, type RequestClaim, type WindowCandidate } from './window-candidate.js';
import { OTHER_ROUTES } from '../features/traffic-aggregator.js';
import { targetTail } from './campaigns/probe-tracker.js';

/** More specific kinds win when windows of different kinds merge into one incident. */
const KIND_PRIORITY: readonly IncidentKind[] = [
  'injection',
  'key_misuse',
  'tampering',
  'credential_attack',
  'data_exfiltration',
  'enumeration',
  'scanner',
  // A flood explains the errors and slowness it causes on the same endpoint.
  'volumetric',
  'error_spike',
  'latency_regression',
  'new_endpoint',
  'traffic_drop',
  'other',
];
/** Kinds that a crowd of clients produces together (one incident, many clients). */
const CROWD_KINDS = new Set<IncidentKind>(['credential_attack', 'volumetric', 'scanner', 'enumeration', 'injection', 'other']);
/** Quiet windows an actor's run may contain and stay one incident (a slow attacker is not idle). */
const RUN_GAP_WINDOWS = 2;
/** Kinds an endpoint shows when its backend fails: several routes failing together are one outage. */
const OUTAGE_KINDS = new Set<IncidentKind>(['error_spike', 'latency_regression']);
/**
 * Two scans of routes the site does not serve are one finding, whenever and from whomever they
 * came (one tool run again, from another address, months later), when they share this many
 * routes and at least this share of the smaller one's…
 */
const SAME_SCAN_ROUTES = 3;
const SAME_SCAN_SHARE = 0.5;
/** …or when at least this share of each one's routes end in the same file (`…/scripts/setup.php` under any directory). */
const SAME_SCAN_TAIL_SHARE = 0.5;
/** Candidates considered for merging at most; weaker ones are dropped first. */
const MAX_CANDIDATES = 4000;

/** A set of windows (of one or several entities) that form one incident. */
export interface CandidateGroup {
  members: WindowCandidate[];
  kind: IncidentKind;
  score: number;
  startIndex: number;
  lastIndex: number;
}

/**
 * Adjacent anomalous windows of one entity merge into one run; runs of many clients on the
 * same endpoint at the same time merge into one incident (a distributed attack is one incident,
 * not fifty), as do a consumer's run and the runs of the clients that used it.
 */
export function mergeCandidates(candidates: readonly WindowCandidate[]): CandidateGroup[] {
  const strongest = [...candidates].sort((a, b) => b.score - a.score || compareKeys(a, b)).slice(0, MAX_CANDIDATES);
  const runs = mergeRuns(strongest);
  const parent = runs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      if (belongTogether(runs[i]!, runs[j]!)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, WindowCandidate[]>();
  runs.forEach((run, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(run);
    groups.set(root, list);
  });
  return [...groups.values()].map(toGroup);
}

function mergeRuns(candidates: readonly WindowCandidate[]): WindowCandidate[] {
  const byEntity = new Map<string, WindowCandidate[]>();
  for (const c of candidates) {
    const key = `${c.entity}\u0000${c.key}\u0000${c.kind}`;
    const list = byEntity.get(key) ?? [];
    list.push(c);
    byEntity.set(key, list);
  }
  const runs: WindowCandidate[] = [];
  for (const list of [...byEntity.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, l]) => l)) {
    list.sort((a, b) => a.index - b.index);
    let run: WindowCandidate | null = null;
    for (const c of list) {
      if (run && c.index <= run.lastIndex + 1 + RUN_GAP_WINDOWS) {
        run = joinRun(run, c);
      } else {
        if (run) runs.push(run);
        run = { ...c };
      }
    }
    if (run) runs.push(run);
  }
  return runs;
}

function joinRun(run: WindowCandidate, next: WindowCandidate): WindowCandidate {
  const stronger = next.score > run.score ? next : run;
  const claims = joinClaims(claimsOf(run), claimsOf(next));
  const counted = claims.filter((c) => c.authFailures !== undefined);
  const active = run.active || next.active ? [...new Set([...activeOf(run), ...activeOf(next)])].sort((a, b) => a - b) : undefined;
  return {
    ...stronger,
    claims,
    ...(active ? { active } : {}),
    index: run.index,
    lastIndex: Math.max(run.lastIndex, next.lastIndex),
    // The lines the run keeps: a window both readings saw counts once (its total feeds the signals, e.g. failures beyond normal).
    requests: claims.reduce((n, c) => n + c.requests, 0),
    // The 401/403 of the lines the run keeps.
    ...(counted.length > 0 ? { authFailures: counted.reduce((n, c) => n + c.authFailures!, 0) } : {}),
    samples: distinctSamples([...run.samples, ...next.samples]).slice(0, 6),
    endpoints: union(run.endpoints, next.endpoints),
    clients: union(run.clients, next.clients),
    consumers: union(run.consumers, next.consumers),
    userAgents: union(run.userAgents, next.userAgents),
    confidence: Math.max(run.confidence, next.confidence),
  };
}

/**
 * The claims of two candidates of one actor and kind joined into a run. Within a candidate its
 * claims on a window add up; two candidates read on the same window (a client's window and its
 * burst of 401s) saw the same lines: that window keeps the side that claims more, not both.
 */
function joinClaims(a: readonly RequestClaim[], b: readonly RequestClaim[]): RequestClaim[] {
  const total = (claims: readonly RequestClaim[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const c of claims) out.set(`${c.index}\u0000${c.actor}`, (out.get(`${c.index}\u0000${c.actor}`) ?? 0) + c.requests);
    return out;
  };
  const [x, y] = [total(a), total(b)];
  // Ties keep the earlier side's claims.
  return [...a.filter((c) => (y.get(`${c.index}\u0000${c.actor}`) ?? 0) <= x.get(`${c.index}\u0000${c.actor}`)!), ...b.filter((c) => (x.get(`${c.index}\u0000${c.actor}`) ?? -1) < y.get(`${c.index}\u0000${c.actor}`)!)];
}

function belongTogether(a: WindowCandidate, b: WindowCandidate): boolean {
  // The same finding, whenever and from whomever it came, is one incident (a campaign, a repeated probe).
  if (a.signature !== undefined && a.signature === b.signature) return true;
  // A campaign is its signature's: the other windows of its members stay their own incidents.
  if (a.campaign || b.campaign) return false;
  if (sameScan(a, b)) return true;
  // One actor at one time is one incident, whatever each of its windows looked like.
  if (a.entity === b.entity && a.key === b.key) return meet(a, b, 1 + RUN_GAP_WINDOWS);
  if (a.entity === 'endpoint' && b.entity === 'endpoint') {
    // Routes failing together are one outage of what serves them; a backend's few users leave quiet
    // windows between the failures, so an outage bridges the gaps a run does.
    const outage = OUTAGE_KINDS.has(a.kind) && OUTAGE_KINDS.has(b.kind);
    // Routes that one client moved at one time (a page and its assets reloaded again and again) are
    // that client's one incident, whether or not its own window was flagged.
    const oneMover = a.leadClient !== null && a.leadClient === b.leadClient && movedByClient(a) && movedByClient(b);
    return (outage || oneMover) && meet(a, b, 1 + RUN_GAP_WINDOWS);
  }
  if (!meet(a, b, 1)) return false;
  if (a.entity === 'client' && b.entity === 'client') {
    if (a.kind !== b.kind || !CROWD_KINDS.has(a.kind)) return false;
    return a.kind === 'scanner' || a.kind === 'injection' || a.endpoints[0] === b.endpoints[0];
  }
  if (a.entity === 'endpoint' || b.entity === 'endpoint') {
    const [endpoint, other] = a.entity === 'endpoint' ? [a, b] : [b, a];
    if (other.entity !== 'client') return false;
    // A route that one client sent most of the window's requests to moved because of that client.
    if (endpoint.leadClient === other.key && endpoint.kind !== 'traffic_drop' && endpoint.kind !== 'new_endpoint') return true;
    if (other.endpoints[0] !== endpoint.key) return false;
    // The clients explain the endpoint's movement when they show the same kind, or when the endpoint only saw volume.
    if (other.kind === endpoint.kind) return true;
    return (endpoint.kind === 'volumetric' || endpoint.kind === 'credential_attack' || endpoint.kind === 'other') && CROWD_KINDS.has(other.kind);
  }
  // A consumer run and a client run meet when the client used that key in that span.
  const [consumer, other] = a.entity === 'consumer' ? [a, b] : [b, a];
  if (other.entity === 'consumer') return false;
  return consumer.clients.includes(other.key);
}

/** An endpoint reading its lead client explains (not an outage, a silence or a route's first appearance). */
function movedByClient(c: WindowCandidate): boolean {
  return !OUTAGE_KINDS.has(c.kind) && c.kind !== 'traffic_drop' && c.kind !== 'new_endpoint';
}

/** A client's run the forest read as probing routes the site does not serve (not a campaign, not a request-level finding). */
function isRouteScan(c: WindowCandidate): boolean {
  return c.entity === 'client' && c.kind === 'scanner' && c.campaign === undefined && c.evidence.some((e) => e.feature === 'unknown_routes');
}

/** Whether two route scans asked for the same things (see SAME_SCAN_ROUTES): the same finding repeated. */
function sameScan(a: WindowCandidate, b: WindowCandidate): boolean {
  if (!isRouteScan(a) || !isRouteScan(b)) return false;
  const x = scanShape(a);
  const y = scanShape(b);
  let shared = 0;
  for (const route of y.routes) if (x.routes.has(route)) shared++;
  if (shared >= SAME_SCAN_ROUTES && shared >= SAME_SCAN_SHARE * Math.min(x.routes.size, y.routes.size)) return true;
  return x.tail !== null && x.tail === y.tail;
}

/** Every pair of runs is compared: each scan's routes and tail are read once. */
const shapes = new WeakMap<WindowCandidate, { routes: Set<string>; tail: string | null }>();

function scanShape(c: WindowCandidate): { routes: Set<string>; tail: string | null } {
  let shape = shapes.get(c);
  if (shape === undefined) {
    const routes = probedRoutes(c);
    shapes.set(c, (shape = { routes, tail: dominantTail(routes) }));
  }
  return shape;
}

/** The routes a scan asked for, without the site's root and the aggregate of rare routes (every visitor has those). */
function probedRoutes(c: WindowCandidate): Set<string> {
  return new Set(c.endpoints.filter((e) => e !== OTHER_ROUTES && pathOf(e) !== '/'));
}

/** The file most of the routes end in (`setup.php`), when at least SAME_SCAN_TAIL_SHARE and SAME_SCAN_ROUTES of them do. */
function dominantTail(routes: ReadonlySet<string>): string | null {
  const counts = new Map<string, number>();
  for (const route of routes) {
    const path = pathOf(route);
    if (path.endsWith('/') || path.includes('{')) continue;
    const tail = targetTail(path);
    counts.set(tail, (counts.get(tail) ?? 0) + 1);
  }
  let best: string | null = null;
  let most = 0;
  for (const [tail, n] of counts) if (n > most || (n === most && best !== null && tail < best)) [best, most] = [tail, n];
  return most >= SAME_SCAN_ROUTES && most >= SAME_SCAN_TAIL_SHARE * routes.size ? best : null;
}

function pathOf(route: string): string {
  const space = route.indexOf(' ');
  return space < 0 ? route : route.slice(space + 1);
}

/** Whether two candidates are active within `tolerance` windows of each other. */
function meet(a: WindowCandidate, b: WindowCandidate, tolerance: number): boolean {
  if (a.index > b.lastIndex + tolerance || b.index > a.lastIndex + tolerance) return false;
  if (!a.active && !b.active) return true;
  const x = activeOf(a);
  const y = activeOf(b);
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (Math.abs(x[i]! - y[j]!) <= tolerance) return true;
    if (x[i]! < y[j]!) i++;
    else j++;
  }
  return false;
}

function toGroup(members: WindowCandidate[]): CandidateGroup {
  const score = Math.max(...members.map((m) => m.score));
  const contenders = members.filter((m) => m.score >= 0.7 * score && m.kind !== 'other');
  let kind = KIND_PRIORITY.find((k) => contenders.some((m) => m.kind === k)) ?? members.find((m) => m.score === score)!.kind;
  // Payloads no written rule names (only the learned shapes objected) are weaker than any other specific finding.
  if (kind === 'injection' && !members.some((m) => m.kind === 'injection' && m.evidence.some((e) => e.feature === 'injection_rules'))) {
    const other = KIND_PRIORITY.find((k) => k !== 'injection' && k !== 'volumetric' && k !== 'other' && contenders.some((m) => m.kind === k));
    if (other) kind = other;
  }
  // A scanner's probes trip injection rules too; it is injection only when most of its requests carried payloads.
  if (kind === 'injection' && contenders.some((m) => m.kind === 'scanner')) {
    const payloads = members.filter((m) => m.kind === 'injection').reduce((n, m) => n + m.requests, 0);
    const scanned = members.filter((m) => m.kind === 'scanner').reduce((n, m) => n + m.requests, 0);
    if (payloads < 0.5 * scanned) kind = 'scanner';
  }
  members.sort((a, b) => b.score - a.score || compareKeys(a, b));
  return {
    members,
    kind,
    score,
    startIndex: Math.min(...members.map((m) => m.index)),
    lastIndex: Math.max(...members.map((m) => m.lastIndex)),
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}

function compareKeys(a: WindowCandidate, b: WindowCandidate): number {
  if (a.entity !== b.entity) return a.entity < b.entity ? -1 : 1;
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return a.index - b.index;
}

/** Each source line once, first occurrence first (merged windows may name the same line). */
function distinctSamples<T extends { file: string; line: number }>(samples: readonly T[]): T[] {
  const seen = new Set<string>();
  return samples.filter((sample) => {
    const key = `${sample.line}:${sample.file}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
