// What gives an incident a reason to be high or critical (severity.ts): an attack signal, an
// operational impact many clients felt, or a volume change large in absolute terms; and whether
// a benign explanation fits its traffic. Read from the windows that make up the incident.

import type { CandidateGroup } from './merge-candidates.js';
import type { WindowCandidate } from './window-candidate.js';
import type { BenignExplanation, BenignReason } from './benign/explain-window.js';
import { formatCount, formatCountOf, formatPercent } from '../text/format-values.js';
import { INVALID_ENDPOINT, isAuthEndpoint } from '../normalize/endpoint-key.js';

/**
 * Evidence that names an attack whatever the volume: request-level rules matched a payload, a probe
 * target or a tool in some field (injection-incidents.ts), or many addresses probed for what the
 * site does not serve (a campaign, campaigns/find-campaigns.ts), or one address rotated its
 * User-Agent or was refused authentication again and again within a minute (campaigns/agent-rotation.ts,
 * campaigns/auth-failure-bursts.ts).
 */
export const ATTACK_EVIDENCE: ReadonlySet<string> = new Set(['injection_rules', 'campaign_clients', 'agent_rotation', 'auth_failure_burst']);
/** Probes without a payload are background probing below this many requests… */
export const PROBE_RUN_MIN_REQUESTS = 10;
/** …from fewer than this many addresses (more is a campaign). */
export const CAMPAIGN_MIN_CLIENTS = 3;

/** Repeated auth failures: at least this many 401/403 on a login route, or this many elsewhere. */
export const MIN_AUTH_FAILURES = 10;
export const MIN_AUTH_FAILURES_ELSEWHERE = 100;
/** One client posting to a login route this many times in a window is guessing (WordPress answers a failed login 200)… */
export const MIN_LOGIN_POSTS = 5;
/** …as one client sending this many requests that are not HTTP (TLS on the plain port, a RAT's beacon) is probing. */
export const MIN_INVALID_REQUESTS = 5;
/** Errors or slowness that this many distinct clients felt is an operational impact… */
export const MIN_AFFECTED_CLIENTS = 3;
/** …as is what at least two clients and this share of the route's clients in the window felt. */
export const MOST_CLIENTS_SHARE = 0.5;
/** A volume change is large in absolute terms from this many requests over normal… */
export const MIN_VOLUME_CHANGE = 50;
/** …and when it is at least this share of the whole site's requests in the incident's windows… */
export const SITE_SHARE = 0.2;
/** …or at least this share of a busy endpoint's own requests (busy: this many per window normally). */
export const ENDPOINT_SHARE = 0.5;
export const BUSY_ENDPOINT = 10;
/** A benign explanation fits an incident when it fits the windows behind this share of its requests. */
const BENIGN_GROUP_SHARE = 0.5;
/** Benign explanations that also account for probing, walking paths and large responses (not just volume). */
const BEHAVIOUR_EXPLAINED: ReadonlySet<BenignReason> = new Set(['crawler', 'link_preview', 'monitor']);

export interface IncidentSignals {
  attack: string | null;
  /** The only attack signal is a short run from one client (refused probes, login posts, non-HTTP requests): at most medium. */
  backgroundProbing: boolean;
  /** Addresses of the campaign behind the attack signal (0 when the signal is not a campaign's). */
  campaignClients: number;
  operational: string | null;
  volume: string | null;
  benign: BenignExplanation | null;
}

/** The signals of a merged group; `siteRequests` counts the whole log's requests in the group's windows. */
export function incidentSignals(group: CandidateGroup, requests: number, siteRequests: number): IncidentSignals {
  const benign = groupBenign(group);
  const attack = attackSignal(group.members);
  return { attack: attack?.text ?? null, backgroundProbing: attack?.background ?? false, campaignClients: campaignClients(group.members), operational: operationalSignal(group.members), volume: volumeSignal(group, requests, siteRequests), benign };
}

/**
 * The attack signal of the incident's windows: payloads first, then broad probing and the other
 * attack readings; a short run of probes from one client (fewer than PROBE_RUN_MIN_REQUESTS, none
 * answered 5xx) is only background probing.
 */
function attackSignal(members: readonly WindowCandidate[]): { text: string; background: boolean } | null {
  let probe: string | null = null;
  let probeRequests = 0;
  const probers = new Set<string>();
  for (const m of members) {
    const rule = m.evidence.find((e) => ATTACK_EVIDENCE.has(e.feature));
    if (!rule) continue;
    // The request-level scan calls a run of probes (files, admin pages, tools) without any payload a scanner.
    const probesOnly = m.kind === 'scanner' && m.evidence.some((e) => e.feature === 'injection_requests') && !m.evidence.some((e) => e.feature === 'injection_5xx');
    if (!probesOnly) return { text: rule.text, background: false };
    probe ??= rule.text;
    probeRequests += m.requests;
    for (const c of m.clients) probers.add(c);
  }
  for (const m of members) {
    const explained = m.benign?.reasons.some((r) => BEHAVIOUR_EXPLAINED.has(r)) ?? false;
    const reading = readingSignal(m, explained);
    if (reading !== null) return reading;
  }
  if (probe === null) return null;
  // Many probes, or the same probes from several addresses (a campaign), are more than background.
  const background = probeRequests < PROBE_RUN_MIN_REQUESTS && probers.size < CAMPAIGN_MIN_CLIENTS;
  return { text: background ? `${probe} (${formatCountOf(probeRequests, 'probe')}: background probing)` : probe, background };
}

/** The most addresses one campaign of the incident holds (its `campaign_clients` evidence). */
function campaignClients(members: readonly WindowCandidate[]): number {
  let most = 0;
  for (const m of members) {
    const e = m.evidence.find((x) => x.feature === 'campaign_clients');
    if (e && typeof e.observed === 'number') most = Math.max(most, e.observed);
  }
  return most;
}

function readingSignal(m: WindowCandidate, explained: boolean): { text: string; background: boolean } | null {
  const text = readingText(m, explained);
  if (text === null) return null;
  // A handful of login posts or non-HTTP requests from one client is what every public site sees: at most medium.
  const background = (text.startsWith('repeated login attempts') || text.includes('that are not HTTP')) && m.requests < 2 * PROBE_RUN_MIN_REQUESTS;
  return { text: background ? `${text}: a short run from one client` : text, background };
}

function readingText(m: WindowCandidate, explained: boolean): string | null {
  if (m.kind === 'credential_attack') {
    const auth = m.evidence.find((e) => e.feature === 'auth_failure_ratio');
    // Counted in the windows (a run's ratio is its strongest window's, not the run's).
    const failures = !auth ? 0 : m.authFailures ?? (typeof auth.observed === 'number' ? Math.round(auth.observed * m.requests) : 0);
    // Judged on the failures beyond the normal share: a busy login route sees typos all day (5 of 30
    // logins failing where 4% is normal, over 73 requests, is 9 more than normal, not an attack).
    const normal = auth && typeof auth.baseline === 'number' ? auth.baseline : 0;
    const beyondNormal = Math.round(Math.max(0, failures - normal * m.requests));
    // On a login route any run of failures; elsewhere (a 403 on a directory, say) only many of them.
    const onAuthRoute = m.endpoints.some(isAuthEndpoint) || (m.entity === 'endpoint' && isAuthEndpoint(m.key));
    if (beyondNormal >= (onAuthRoute ? MIN_AUTH_FAILURES : MIN_AUTH_FAILURES_ELSEWHERE)) return `repeated auth failures (${formatCount(failures)} 401/403)`;
  }
  if (explained) return null;
  if (m.kind === 'scanner' && m.evidence.some((e) => e.feature === 'unknown_routes')) return 'probing of routes the site does not serve';
  // One client's window whose busiest route is a login form it posted to again and again (a backend failing the posts is an outage, not guessing).
  const top = m.entity === 'client' ? m.endpoints[0] : m.entity === 'endpoint' && m.leadClient !== null ? m.key : undefined;
  const failing = m.evidence.some((e) => e.feature === 'error_5xx_ratio');
  if (top !== undefined && top.startsWith('POST ') && isAuthEndpoint(top) && m.requests >= MIN_LOGIN_POSTS && !failing) {
    return `repeated login attempts (${top} the busiest route of one client's ${formatCount(m.requests)} requests in a window)`;
  }
  if (top === INVALID_ENDPOINT && m.requests >= MIN_INVALID_REQUESTS) return `${formatCount(m.requests)} requests from one client that are not HTTP (malformed request lines)`;
  // 404s on routes the site serves are broken links; walking ids is the attack.
  if (m.kind === 'enumeration' && m.evidence.some((e) => e.feature === 'distinct_ids')) return 'walking many ids of one route';
  if (m.kind === 'tampering') return 'mass writes';
  if (m.kind === 'key_misuse') return 'an API key used from new networks or agents';
  // More of a route's usual large responses is a heavy reader; a leak shows responses beyond what the route ever sends.
  if (m.kind === 'data_exfiltration' && !m.benign && (m.outsizedResponses ?? 0) > 0) return 'responses far larger than the routes serve';
  return null;
}

function operationalSignal(members: readonly WindowCandidate[]): string | null {
  for (const m of members) {
    const missing = m.evidence.find((e) => e.feature === 'missing_resource');
    if (missing) return `${formatCountOf(m.clients.length, 'client')} kept asking for files the site does not have`;
    if (m.kind === 'traffic_drop') {
      const missing = Number(m.evidence[0]?.baseline ?? 0);
      if (missing >= MIN_VOLUME_CHANGE) return `${formatCount(missing)} expected requests missing`;
      continue;
    }
    // Who felt what the evidence names: the clients that got a 5xx when errors rose, the clients that
    // got a slow response only when latency rose (a twentieth of any route's requests is slower than
    // its p95, so slow-tail clients are in every busy window: counting them made 3 errors on a busy
    // route, or an attacker's own 500s, an impact "many clients felt").
    const errors = m.evidence.some((e) => e.feature === 'error_5xx_ratio');
    const slowness = m.evidence.some((e) => e.feature === 'latency');
    const errored = errors ? (m.erroredClients ?? 0) : 0;
    const slowed = slowness ? (m.slowClients ?? 0) : 0;
    const affected = Math.max(errored, slowed);
    const present = m.routeClients ?? 0;
    // Many clients, or most of the few a quiet route had (an outage on an internal tool is felt by its handful of users).
    if (affected >= MIN_AFFECTED_CLIENTS || (affected >= 2 && affected >= MOST_CLIENTS_SHARE * present)) {
      const what = errors && slowness ? '5xx or slow responses' : errors ? '5xx responses' : 'slow responses';
      return `${what} reached ${formatCount(affected)} of the route's ${formatCount(Math.max(present, affected))} clients`;
    }
  }
  return null;
}

/** Requests over normal, from the strongest window's volume evidence (per window) over the group's span. */
function volumeSignal(group: CandidateGroup, requests: number, siteRequests: number): string | null {
  for (const m of group.members) {
    const volume = m.evidence.find((e) => e.feature === 'volume' || e.feature === 'requests');
    if (!volume || typeof volume.observed !== 'number' || typeof volume.baseline !== 'number') continue;
    if (volume.observed <= volume.baseline) continue;
    const windows = m.lastIndex - m.index + 1;
    const excess = Math.max(0, (m.entity === 'endpoint' ? m.requests : requests) - volume.baseline * windows);
    if (excess < MIN_VOLUME_CHANGE) continue;
    if (siteRequests > 0 && excess >= SITE_SHARE * siteRequests) return `${formatCount(excess)} requests over normal, ${formatPercent(Math.min(1, excess / siteRequests))} of the site's traffic in the span`;
    if (m.entity === 'endpoint' && volume.baseline >= BUSY_ENDPOINT && excess >= ENDPOINT_SHARE * m.requests) return `${formatCount(excess)} requests over normal, ${formatPercent(excess / m.requests)} of the endpoint's traffic`;
  }
  return null;
}

/** A benign explanation fits when it does for the windows behind most of the incident's requests. */
function groupBenign(group: CandidateGroup): BenignExplanation | null {
  // Crawlers, range requests, revalidation and asset fan-out explain how much was asked, never a
  // backend failing or slowing down: 304s that took 30 s are an outage, not a cache at work.
  if (group.members.some(showsFailure)) return null;
  // Only windows whose traffic was read for an explanation (not request-level findings, new routes or silences).
  const read = group.members.filter((m) => m.benign !== undefined);
  const counted = (['client', 'consumer', 'endpoint'] as const).find((entity) => read.some((m) => m.entity === entity));
  const members = read.filter((m) => m.entity === counted);
  const total = members.reduce((n, m) => n + m.requests, 0);
  let explained = 0;
  let best: WindowCandidate | null = null;
  for (const m of members) {
    if (!m.benign) continue;
    explained += m.requests;
    if (best === null || m.requests > best.requests) best = m;
  }
  return best !== null && explained >= BENIGN_GROUP_SHARE * total ? best.benign! : null;
}

/** A window whose evidence is server errors or slowness (the backend's doing, not the client's). */
function showsFailure(m: WindowCandidate): boolean {
  return m.evidence.some((e) => e.feature === 'error_5xx_ratio' || e.feature === 'latency');
}
