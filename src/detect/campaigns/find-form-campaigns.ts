import type { SourceRef } from '../../types.js';
import { claimKey, type RequestClaim, type WindowCandidate } from '../window-candidate.js';
import { formatCount, formatCountOf } from '../../text/format-values.js';
import { networkOf } from '../../normalize/network.js';
import { truncate } from '../../text/sanitize.js';
import { isAuthEndpoint } from '../../normalize/endpoint-key.js';
import { minuteSpans } from './minute-tally.js';
import { MIN_CAMPAIGN_CLIENTS } from './find-campaigns.js';
import { campaignCandidate, countRange, mostFrequent } from './campaign-candidate.js';
import { MAX_MINUTES, QUICK_SUBMIT_MS, type FormSummary, type SubmitterTally, type TargetTally } from './form-tracker.js';

/** Most of a form's submitters post it like a script: a page with a few such among many people is not a campaign. */
const SCRIPTED_MAJORITY = 0.5;
/** A scripted client that posted to at most this many forms ties them together (register, then log in). */
const LINKING_TARGETS = 8;

interface Member {
  client: string;
  entries: { target: TargetTally; tally: SubmitterTally }[];
  requests: number;
  quick: number;
  first: number;
  last: number;
}

/**
 * Form-abuse campaigns (registration, login, comment spam): many addresses posting the same
 * form the way a script does. A submission is *scripted* when it came within QUICK_SUBMIT_MS of
 * loading the page it names as Referer (nobody fills a form in two seconds) from a client that
 * never fetched a page asset (a browser shows the page: CSS, scripts, images). A form becomes a
 * campaign when at least MIN_CAMPAIGN_CLIENTS addresses posted it so and they are at least half
 * of everyone who posted it; real users of a login page load its assets and take their time, so
 * a page they use is not one. Submissions without a Referer of a page (API clients) are never
 * scripted. One or two submissions per address are enough once enough addresses do it.
 */
export function findFormCampaigns(summary: FormSummary, windowMs: number): WindowCandidate[] {
  const { targets, assetClients } = summary;
  const scripted = (t: SubmitterTally): boolean => t.quick > 0 && !assetClients.has(t.client);
  const parent = targets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const formsOf = new Map<string, number[]>();
  targets.forEach((target, id) => {
    for (const tally of target.submitters.values()) {
      if (!scripted(tally)) continue;
      const forms = formsOf.get(tally.client) ?? [];
      forms.push(id);
      formsOf.set(tally.client, forms);
    }
  });
  for (const forms of formsOf.values()) {
    if (forms.length > LINKING_TARGETS) continue;
    for (const id of forms.slice(1)) {
      const a = find(forms[0]!);
      const b = find(id);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const components = new Map<number, TargetTally[]>();
  targets.forEach((target, id) => {
    const root = find(id);
    components.set(root, [...(components.get(root) ?? []), target]);
  });

  const out: WindowCandidate[] = [];
  for (const forms of components.values()) {
    const everyone = new Set<string>();
    const scriptedClients = new Set<string>();
    const members = new Map<string, Member>();
    for (const target of forms) {
      for (const tally of target.submitters.values()) {
        everyone.add(tally.client);
        if (scripted(tally)) scriptedClients.add(tally.client);
        // Clients that ran the page (fetched its assets) are its users, not the campaign's.
        if (assetClients.has(tally.client)) continue;
        let m = members.get(tally.client);
        if (!m) members.set(tally.client, (m = { client: tally.client, entries: [], requests: 0, quick: 0, first: tally.first, last: tally.last }));
        m.entries.push({ target, tally });
        m.requests += tally.requests;
        m.quick += tally.quick;
        m.first = Math.min(m.first, tally.first);
        m.last = Math.max(m.last, tally.last);
      }
    }
    if (scriptedClients.size < MIN_CAMPAIGN_CLIENTS || scriptedClients.size < SCRIPTED_MAJORITY * everyone.size) continue;
    out.push(formCampaignCandidate([...members.values()], scriptedClients.size, everyone.size, windowMs));
  }
  return out.sort((a, b) => (a.signature! < b.signature! ? -1 : 1));
}

function formCampaignCandidate(members: Member[], scripted: number, submitters: number, windowMs: number): WindowCandidate {
  members.sort((a, b) => b.requests - a.requests || (a.client < b.client ? -1 : 1));
  const targets = new Map<TargetTally, { requests: number; clients: number }>();
  const claims: RequestClaim[] = [];
  for (const m of members) {
    const actor = claimKey('client', m.client);
    for (const { target, tally } of m.entries) {
      const t = targets.get(target) ?? { requests: 0, clients: 0 };
      t.requests += tally.requests;
      t.clients++;
      targets.set(target, t);
      for (const span of minuteSpans(tally, MAX_MINUTES)) {
        // The submissions are this client's posts of this form in this span (the selector `show` re-reads them by).
        const term = { client: m.client, endpoint: target.endpoint, start: new Date(span.startMs).toISOString(), end: new Date(span.endMs).toISOString() };
        claims.push({ actor, index: Math.floor(span.startMs / windowMs), requests: span.requests, terms: [term] });
      }
    }
  }
  const ranked = [...targets].sort((a, b) => b[1].clients - a[1].clients || b[1].requests - a[1].requests || (a[0].endpoint < b[0].endpoint ? -1 : 1));
  const named = ranked.map(([t, n]) => ({ target: truncate(t.endpoint, 200), requests: n.requests, clients: n.clients }));
  const shown = named.slice(0, 3).map((t) => t.target);
  const requests = members.reduce((n, m) => n + m.requests, 0);
  const quick = members.reduce((n, m) => n + m.quick, 0);
  const windows = [...new Set(claims.map((c) => c.index))].sort((a, b) => a - b);
  const networks = new Set(members.map((m) => networkOf(m.client))).size;
  const perClient = members.map((m) => m.requests).sort((a, b) => a - b);
  const median = perClient[Math.floor(perClient.length / 2)]!;
  const signature = `form submissions: ${shown.join(', ')}`;
  const strength = Math.log2(members.length / MIN_CAMPAIGN_CLIENTS);
  const samples: SourceRef[] = [];
  for (const [t] of ranked) for (const s of t.samples) if (samples.length < 5) samples.push(s);
  const seconds = QUICK_SUBMIT_MS / 1000;
  const evidence: WindowCandidate['evidence'] = [
    {
      feature: 'campaign_clients',
      observed: members.length,
      baseline: 0,
      unit: 'clients',
      text: `${formatCount(members.length)} addresses from ${formatCountOf(networks, 'network')} submitted ${shown.join(', ')}${named.length > 3 ? ` and ${named.length - 3} more` : ''} without loading any page asset (CSS, scripts, images; ${countRange(perClient)} submissions each, median ${median})`,
      significance: Math.min(0.9, 0.5 + 0.1 * strength),
      contribution: 1,
    },
    {
      feature: 'campaign_share',
      observed: scripted,
      baseline: submitters,
      unit: 'clients',
      text: `${formatCount(scripted)} of ${named.length === 1 ? "the form's" : "these forms'"} ${formatCount(submitters)} submitters posted within ${seconds} s of loading the page (${formatCount(quick)} of ${formatCount(requests)} submissions): faster than a person can fill in a form`,
      significance: 0.3,
      contribution: 0,
    },
  ];
  return campaignCandidate({
    signature,
    strength,
    kind: ranked.some(([t]) => isAuthEndpoint(t.endpoint)) ? 'credential_attack' : 'other',
    evidence,
    endpoints: ranked.map(([t]) => t.endpoint),
    members,
    userAgents: topAgents(members),
    requests,
    samples,
    claims,
    windows,
    targets: named,
  });
}

/** The three agents most members used (a handful of browser strings shared by hundreds of addresses is one script's list). */
function topAgents(members: readonly Member[]): string[] {
  const agents = new Map<string, number>();
  for (const m of members) {
    const agent = m.entries.find((e) => e.tally.agent !== '')?.tally.agent;
    if (agent !== undefined) agents.set(agent, (agents.get(agent) ?? 0) + 1);
  }
  return mostFrequent(agents);
}
