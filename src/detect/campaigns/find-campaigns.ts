import type { SourceRef } from '../../types.js';
import { claimKey, type RequestClaim, type WindowCandidate } from '../window-candidate.js';
import { formatCount, formatCountOf } from '../../text/format-values.js';
import { networkOf } from '../../normalize/network.js';
import { truncate } from '../../text/sanitize.js';
import { MAX_MINUTES_PER_PATH, targetTail, type ProbeSummary } from './probe-tracker.js';
import { minuteSpans } from './minute-tally.js';
import type { ClientPathTally, ClientProbes } from './client-probes.js';
import { isAutomaticFetch } from './automatic-fetches.js';
import { classOfRule, type FindingClass } from '../injection/findings.js';
import { campaignCandidate, countRange, mostFrequent } from './campaign-candidate.js';

/**
 * The fixed floor: fewer distinct addresses than this are not a campaign, however unusual
 * what they asked for. Above it, what makes a campaign is learned from the log itself.
 */
export const MIN_CAMPAIGN_CLIENTS = 5;
/** A client is a prober when at least this share of its requests asked for paths the site does not serve. */
const PROBER_SHARE = 0.5;
/** Most of those who asked for a campaign's paths are probers (browsers fetching a missing icon are not). */
const PROBER_MAJORITY = 0.5;
/** A client that asked for at most this many missing paths ties them together (a scanner asking for thousands ties nothing). */
const LINKING_PATHS = 8;
/** Probe classes whose rules are one signature: which admin page or which backup name an address tried is a detail. */
const CLASS_SIGNATURES: ReadonlySet<FindingClass> = new Set(['admin-probe', 'sensitive-file', 'backdoor', 'cve-probe', 'tech-probe', 'protocol']);
/** A tail (`wp-admin/`, `.env`) shared by at most this many missing paths ties them together (`index.php` under fifty directories does not). */
const TAIL_PATHS = 8;
/** The tracker keeps the first 200 characters of a prober's agent. */
const AGENT_CHARS = 200;

interface Member {
  client: string;
  agent: string;
  entries: ClientPathTally[];
  requests: number;
  first: number;
  last: number;
}

/**
 * Campaigns: paths the site never served (refused to everyone, never 2xx or 304), asked for by
 * many distinct clients whose traffic is mostly such requests, become one candidate each, with
 * every client, its count and its first and last request. Paths are tied together when one
 * small prober asked for several of them, or when they end in the same rare tail
 * (`/wp-admin/`, `/blog/wp-admin/`), so one tool's probes from many addresses is one campaign
 * however each address varied them. One or two requests per address is enough once enough
 * addresses do it.
 */
export function findCampaigns(
  summary: ProbeSummary,
  windowMs: number,
  clientsPerAgent: ReadonlyMap<string, number> = new Map(),
): { candidates: WindowCandidate[]; paths: Set<string> } {
  const { paths, clients, totals, servedTails } = summary;
  const missing = paths.map((p) => p.served === 0 && p.refused > 0 && !isAutomaticFetch(p.path));
  // A path a probe rule names, only ever redirected, asked for by a client that also asked for
  // missing paths, is one more of its probes: the http → https hop of a sweep whose address did not
  // follow it to the 404 (secrepo-webhawk 2022: `HEAD /old/bak.rar`, then `HEAD /old/wallet.zip`,
  // both 301). One redirected `/.git/config` from an address that asked for nothing else is no sweep's.
  for (const c of clients) {
    if (!c.paths.some((e) => missing[e.path])) continue;
    for (const e of c.paths) {
      const p = paths[e.path]!;
      if (!missing[e.path] && p.served === 0 && p.refused === 0 && p.rule !== null && !isAutomaticFetch(p.path)) missing[e.path] = true;
    }
  }
  const parent = paths.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byTail = new Map<string, number[]>();
  paths.forEach((p, id) => {
    if (!missing[id]) return;
    const tail = targetTail(p.path);
    if (tail === '/' || servedTails.has(tail)) return;
    const ids = byTail.get(tail) ?? [];
    ids.push(id);
    byTail.set(tail, ids);
  });
  for (const ids of byTail.values()) if (ids.length <= TAIL_PATHS) for (const id of ids.slice(1)) union(ids[0]!, id);
  // Missing paths the probe rules recognise as one class (admin and CMS pages, sensitive files) are one thing
  // looked for, whichever page or file each address tried; a tool's agent is its own signature.
  const bySignature = new Map<string, number>();
  paths.forEach((p, id) => {
    if (!missing[id] || p.rule === null) return;
    const cls = classOfRule(p.rule);
    const key = cls !== null && CLASS_SIGNATURES.has(cls) ? cls : p.rule;
    const first = bySignature.get(key);
    if (first === undefined) bySignature.set(key, id);
    else union(first, id);
  });

  const probers = new Set<string>();
  for (const c of clients) {
    const entries = c.paths.filter((e) => missing[e.path]);
    const probes = entries.reduce((n, e) => n + e.requests, 0);
    if (probes === 0) continue;
    const total = Math.max(probes, totals.get(c.client) ?? probes);
    if (probes / total < PROBER_SHARE) continue;
    probers.add(c.client);
    if (entries.length <= LINKING_PATHS) for (const e of entries.slice(1)) union(entries[0]!.path, e.path);
  }
  // Addresses per agent as the tracker keeps a prober's agent (its first AGENT_CHARS characters).
  const sendersOf = new Map<string, number>();
  for (const [agent, n] of clientsPerAgent) {
    const kept = agent.slice(0, AGENT_CHARS);
    sendersOf.set(kept, (sendersOf.get(kept) ?? 0) + n);
  }
  tieByAgent(clients, probers, missing, sendersOf, find, union);

  const components = new Map<number, { members: Member[]; probers: number }>();
  for (const c of clients) {
    const byRoot = new Map<number, ClientPathTally[]>();
    for (const e of c.paths) {
      if (!missing[e.path]) continue;
      const root = find(e.path);
      byRoot.set(root, [...(byRoot.get(root) ?? []), e]);
    }
    for (const [root, entries] of byRoot) {
      let component = components.get(root);
      if (!component) components.set(root, (component = { members: [], probers: 0 }));
      if (probers.has(c.client)) component.probers++;
      // Whoever asked for a campaign's paths took part, prober or not (a crawler that also tried /wp-login.php).
      component.members.push({
        client: c.client,
        agent: c.agent,
        entries,
        requests: entries.reduce((n, e) => n + e.requests, 0),
        first: Math.min(...entries.map((e) => e.first)),
        last: Math.max(...entries.map((e) => e.last)),
      });
    }
  }

  const out: WindowCandidate[] = [];
  const covered = new Set<string>();
  for (const component of [...components.values()]) {
    const { members } = component;
    if (!isCampaign(component.probers, members.length)) continue;
    out.push(probeCampaignCandidate(summary, members, probers, windowMs, sendersOf));
    for (const m of members) for (const e of m.entries) covered.add(summary.paths[e.path]!.path);
  }
  return { candidates: out.sort((a, b) => (a.signature! < b.signature! ? -1 : 1)), paths: covered };
}

/**
 * One tool's addresses: small probers that sent the same User-Agent, which few others sent (they
 * are most of its senders), asking among them for at most a tool's list of missing paths, tie
 * those paths together, whichever of them each address tried. secrepo-webhawk 2022-12-22: six
 * addresses with one Firefox/48 agent, one or two DedeCMS/EmpireCMS fingerprint paths each
 * (`/data/admin/allowurl.txt`, `/e/data/js/ajax.js`, `/xxxss`…), all 404, nothing else. No agent
 * is no signature (most scripts send none). An agent only finds what no other tie made a
 * campaign of: over a year of internet background, scanners of different things share a plain
 * `Mozilla/5.0` or an old MSIE string, and it must not glue their findings together.
 */
function tieByAgent(
  clients: readonly ClientProbes[],
  probers: ReadonlySet<string>,
  missing: readonly boolean[],
  sendersOf: ReadonlyMap<string, number>,
  find: (i: number) => number,
  union: (a: number, b: number) => void,
): void {
  const byAgent = new Map<string, number[][]>();
  for (const c of clients) {
    if (c.agent === '' || !probers.has(c.client)) continue;
    const ids = c.paths.filter((e) => missing[e.path]).map((e) => e.path);
    if (ids.length > LINKING_PATHS) continue;
    const list = byAgent.get(c.agent) ?? [];
    list.push(ids);
    byAgent.set(c.agent, list);
  }
  const ties: number[][] = [];
  for (const [agent, lists] of byAgent) {
    if (lists.length < MIN_CAMPAIGN_CLIENTS) continue;
    const paths = new Set(lists.flat());
    if (paths.size > LINKING_PATHS) continue;
    if (lists.length < PROBER_MAJORITY * (sendersOf.get(agent) ?? 0)) continue;
    ties.push([...paths]);
  }
  if (ties.length === 0) return;
  const campaigns = campaignRoots(clients, probers, missing, find);
  for (const paths of ties) {
    const loose = paths.filter((id) => !campaigns.has(find(id)));
    for (const id of loose.slice(1)) union(loose[0]!, id);
  }
}

/** Roots of the path sets tied so far that are a campaign on their own (enough probers, most of who asked). */
function campaignRoots(clients: readonly ClientProbes[], probers: ReadonlySet<string>, missing: readonly boolean[], find: (i: number) => number): Set<number> {
  const counts = new Map<number, { members: number; probers: number }>();
  for (const c of clients) {
    const roots = new Set(c.paths.filter((e) => missing[e.path]).map((e) => find(e.path)));
    for (const root of roots) {
      const n = counts.get(root) ?? { members: 0, probers: 0 };
      n.members++;
      if (probers.has(c.client)) n.probers++;
      counts.set(root, n);
    }
  }
  return new Set([...counts].filter(([, n]) => isCampaign(n.probers, n.members)).map(([root]) => root));
}

function isCampaign(probers: number, members: number): boolean {
  return probers >= MIN_CAMPAIGN_CLIENTS && probers >= PROBER_MAJORITY * members;
}

function probeCampaignCandidate(
  summary: ProbeSummary,
  members: Member[],
  probers: ReadonlySet<string>,
  windowMs: number,
  sendersOf: ReadonlyMap<string, number>,
): WindowCandidate {
  members.sort((a, b) => b.requests - a.requests || (a.client < b.client ? -1 : 1));
  const targets = new Map<number, { requests: number; clients: number }>();
  const claims: RequestClaim[] = [];
  for (const m of members) {
    const actor = claimKey('client', m.client);
    for (const e of m.entries) {
      const t = targets.get(e.path) ?? { requests: 0, clients: 0 };
      t.requests += e.requests;
      t.clients++;
      targets.set(e.path, t);
      const path = summary.paths[e.path]!.path;
      for (const span of minuteSpans(e, MAX_MINUTES_PER_PATH)) {
        // The probes are this client's requests for this path in this span (the selector `show` re-reads them by).
        const term = { client: m.client, path, start: new Date(span.startMs).toISOString(), end: new Date(span.endMs).toISOString() };
        claims.push({ actor, index: Math.floor(span.startMs / windowMs), requests: span.requests, terms: [term] });
      }
    }
  }
  const ranked = [...targets].sort((a, b) => b[1].clients - a[1].clients || b[1].requests - a[1].requests || (summary.paths[a[0]]!.path < summary.paths[b[0]]!.path ? -1 : 1));
  const named = ranked.map(([id, t]) => ({ target: truncate(summary.paths[id]!.path, 200), requests: t.requests, clients: t.clients }));
  const requests = members.reduce((n, m) => n + m.requests, 0);
  const windows = [...new Set(claims.map((c) => c.index))].sort((a, b) => a - b);
  const networks = new Set(members.map((m) => networkOf(m.client))).size;
  const noAgent = members.filter((m) => m.agent === '').length;
  const perClient = members.map((m) => m.requests).sort((a, b) => a - b);
  const median = perClient[Math.floor(perClient.length / 2)]!;
  const shown = named.slice(0, 3).map((t) => t.target);
  const rules = [...new Set(ranked.map(([id]) => summary.paths[id]!.rule).filter((r): r is string => r !== null))].sort();
  const signature = `${rules.length > 0 ? `${rules.slice(0, 3).join(', ')}: ` : ''}404 probes of ${shown.join(', ')}`;
  const strength = Math.log2(members.length / MIN_CAMPAIGN_CLIENTS);
  const samples: SourceRef[] = [];
  for (const [id] of ranked) for (const s of summary.paths[id]!.samples) if (samples.length < 5) samples.push(s);
  const agents = new Map<string, number>();
  for (const m of members) if (m.agent !== '') agents.set(m.agent, (agents.get(m.agent) ?? 0) + 1);
  const evidence: WindowCandidate['evidence'] = [
    {
      feature: 'campaign_clients',
      observed: members.length,
      baseline: 0,
      unit: 'clients',
      text: `${formatCount(members.length)} addresses from ${formatCountOf(networks, 'network')} asked for ${shown.join(', ')}${named.length > 3 ? ` and ${named.length - 3} more` : ''}, which the site never served (${countRange(perClient)} requests each, median ${median})`,
      significance: Math.min(0.9, 0.5 + 0.1 * strength),
      contribution: 1,
    },
    {
      feature: 'campaign_share',
      observed: members.length,
      baseline: null,
      unit: 'clients',
      text: `${formatCount(members.filter((m) => probers.has(m.client)).length)} of them sent little else: at least half of each one's requests asked for paths the site does not serve`,
      significance: 0.3,
      contribution: 0,
    },
  ];
  if (noAgent > 0) evidence.push({ feature: 'campaign_agents', observed: noAgent, baseline: null, unit: 'clients', text: `${formatCount(noAgent)} of ${formatCount(members.length)} sent no User-Agent`, significance: 0.2, contribution: 0 });
  const [agent, sharing] = [...agents].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
  const senders = sendersOf.get(agent) ?? 0;
  // One tool's agent: most members sent it, and few others did (addresses that sent it last, members included).
  if (sharing >= MIN_CAMPAIGN_CLIENTS && sharing >= PROBER_MAJORITY * members.length && sharing >= PROBER_MAJORITY * senders) {
    const others = Math.max(0, senders - sharing);
    const rarity = others === 0 ? 'which no other address sent' : `which ${formatCountOf(others, 'other address', 'other addresses')} sent`;
    evidence.push({ feature: 'campaign_agent', observed: sharing, baseline: null, unit: 'clients', text: `${formatCount(sharing)} of ${formatCount(members.length)} sent the same User-Agent, "${truncate(agent, 100)}", ${rarity}: one tool`, significance: 0.3, contribution: 0 });
  }
  return campaignCandidate({
    signature,
    strength,
    kind: 'scanner',
    evidence,
    endpoints: ranked.map(([id]) => `${summary.paths[id]!.method} ${summary.paths[id]!.path}`),
    members,
    userAgents: mostFrequent(agents),
    requests,
    samples,
    claims,
    windows,
    targets: named,
  });
}
