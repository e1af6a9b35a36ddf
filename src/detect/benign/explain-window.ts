// The benign explanations considered before a window is called an alarm. Each is a pattern of
// ordinary traffic that volume-based readings mistake for a flood, a scan or a leak: a named
// crawler following links, a link-preview fetcher, a health check, a browser or download manager
// fetching one object as byte ranges (206), a page loading its assets (Referer: a page of the same
// site), a browser revalidating its cache (304). An explanation is only a reading of the window:
// severity.ts decides what it may cancel (volume always, probing only for a crawler, never a payload).

import type { WindowStats } from '../../features/window-stats.js';
import { inPublishedRanges, isHealthRoute, knownAgent, type KnownAgent } from '../../normalize/known-agents.js';
import { formatBytes, formatCount } from '../../text/format-values.js';

export type BenignReason = 'crawler' | 'link_preview' | 'monitor' | 'range_requests' | 'revalidation' | 'asset_fanout' | 'loopback';

export interface BenignExplanation {
  /** Every explanation that fits, strongest first. */
  reasons: BenignReason[];
  /** Share of the window's requests the strongest explanation covers (0..1). */
  share: number;
  /** "17 requests for one object … a browser or download manager fetching it in parts, likely benign" */
  text: string;
}

/**
 * An explanation must cover at least this share of the window's requests: a flood with a few
 * revalidations in it is still a flood, a window mostly of them is not.
 */
export const BENIGN_MIN_SHARE = 0.5;
/** Byte ranges are "one object" when one route has at least this share of the window's requests. */
const ONE_OBJECT_SHARE = 0.8;

export interface WindowSubject {
  entity: 'client' | 'endpoint';
  /** The client of a client window; null for an endpoint window. */
  client: string | null;
  /** The endpoint of an endpoint window; null for a client window. */
  endpoint: string | null;
  /** The site's own hosts (see SiteHosts): a Referer naming one is a page of the site. */
  siteHosts: ReadonlySet<string>;
}

interface Reading {
  reason: BenignReason;
  share: number;
  text: string;
}

/** The benign explanations that fit a window, or null when none covers enough of it. */
export function explainWindow(stats: WindowStats, subject: WindowSubject): BenignExplanation | null {
  const n = stats.requests;
  if (n === 0) return null;
  const readings: Reading[] = [];
  const agent = agentReading(stats, subject);
  if (agent) readings.push(agent);
  const health = healthReading(stats, subject);
  if (health && !readings.some((r) => r.reason === 'monitor')) readings.push(health);
  const ranges = rangeReading(stats, subject);
  if (ranges) readings.push(ranges);
  if (stats.notModified / n >= BENIGN_MIN_SHARE) {
    readings.push({
      reason: 'revalidation',
      share: stats.notModified / n,
      text: `${formatCount(stats.notModified)} of ${formatCount(n)} requests answered 304 Not Modified: a browser revalidating its cache`,
    });
  }
  const referer = stats.refererLead();
  // A page loading its assets gets them: referred requests that are mostly refused are someone forging the Referer.
  const served = (n - stats.status4xx - stats.status5xx) / n;
  if (referer.host !== null && subject.siteHosts.has(referer.host) && referer.requests / n >= BENIGN_MIN_SHARE && served >= BENIGN_MIN_SHARE) {
    readings.push({
      reason: 'asset_fanout',
      share: referer.requests / n,
      text: `${formatCount(referer.requests)} of ${formatCount(n)} requests referred by pages of the site (${referer.host}): a page loading its assets`,
    });
  }
  // Local tooling sends no Referer, or the site's own (or localhost's): requests "referred" by other sites did not start on this host.
  const referredElsewhere = referer.host !== null && !subject.siteHosts.has(referer.host) && !isLoopback(referer.host) && referer.requests / n >= BENIGN_MIN_SHARE;
  if (subject.client !== null && isLoopback(subject.client) && !referredElsewhere) {
    readings.push({ reason: 'loopback', share: 1, text: `sent from the server itself (${subject.client}): local tooling, a cron job or a health check` });
  }
  const fitting = readings.filter((r) => r.share >= BENIGN_MIN_SHARE).sort((a, b) => b.share - a.share);
  if (fitting.length === 0) return null;
  return { reasons: fitting.map((r) => r.reason), share: fitting[0]!.share, text: `${fitting.map((r) => r.text).join('; ')}; likely benign` };
}

/** 127.0.0.0/8, ::1 and `localhost`: the host calling itself. */
function isLoopback(client: string): boolean {
  return client === '::1' || client === 'localhost' || client.startsWith('127.') || client === '::ffff:127.0.0.1';
}

/** A window whose agents all claim a benign role (client windows), or mostly do (endpoint windows). */
function agentReading(stats: WindowStats, subject: WindowSubject): Reading | null {
  const n = stats.requests;
  let known: KnownAgent | null;
  let share: number;
  if (subject.entity === 'client') {
    const agents = stats.firstAgents(3);
    // Every agent of the window must be named: a crawler agent beside a browser's is no alibi.
    if (agents.length === 0 || stats.agentCount() > agents.length) return null;
    const roles = agents.map(knownAgent);
    if (roles.some((r) => r === null)) return null;
    known = roles[0]!;
    share = 1;
  } else {
    known = stats.knownAgent === null ? null : knownAgent(stats.knownAgent);
    share = stats.knownAgentRequests / n;
  }
  if (known === null) return null;
  const verified = subject.client !== null && known.legit !== null && inPublishedRanges(known.legit, subject.client);
  const claim = verified ? `its address is in ${known.legit!.name}'s published ranges` : 'claimed by its User-Agent, not verified offline';
  const who = subject.entity === 'client' ? known.name : `${formatCount(stats.knownAgentRequests)} of ${formatCount(n)} requests from ${known.name} and the like`;
  if (known.role === 'link_preview') return { reason: 'link_preview', share, text: `${who}: a link-preview fetcher getting a shared link's page and images (${claim})` };
  if (known.role === 'monitor') return { reason: 'monitor', share, text: `${who}: a health check or uptime monitor (${claim})` };
  const broken = stats.notFound > 0 ? `, ${formatCount(stats.notFound)} of ${formatCount(n)} links broken (404)` : '';
  return { reason: 'crawler', share, text: `${who}: a known crawler following links${broken} (${claim})` };
}

/** Health-check routes polled (every route of the window is one). */
function healthReading(stats: WindowStats, subject: WindowSubject): Reading | null {
  if (subject.entity === 'endpoint') {
    return subject.endpoint !== null && isHealthRoute(subject.endpoint) ? { reason: 'monitor', share: 1, text: `${subject.endpoint} polled: a health check` } : null;
  }
  let all = true;
  let first: string | null = null;
  stats.forEachRoute((endpoint) => {
    first ??= endpoint;
    if (!isHealthRoute(endpoint)) all = false;
  });
  return all && first !== null ? { reason: 'monitor', share: 1, text: `${first as string} polled: a health check` } : null;
}

/** Most requests answered 206 for one object: a download fetched in parts. */
function rangeReading(stats: WindowStats, subject: WindowSubject): Reading | null {
  const n = stats.requests;
  if (stats.partial < 2 || stats.partial / n < BENIGN_MIN_SHARE) return null;
  let object = subject.endpoint;
  let requests = n;
  let bytes = stats.bytesSum;
  if (subject.entity === 'client') {
    object = null;
    requests = 0;
    stats.forEachRoute((endpoint, count, sent) => {
      if (count > requests) {
        object = endpoint;
        requests = count;
        bytes = sent;
      }
    });
  }
  if (object === null || requests / n < ONE_OBJECT_SHARE) return null;
  // A download is its first full request and the ranges after it: the share is the window's on that one object.
  const share = requests / n;
  const size = bytes > 0 ? `, ${formatBytes(bytes)} sent` : '';
  return {
    reason: 'range_requests',
    share,
    text: `${formatCount(requests)} requests for one object (${object as string}${size}), ${formatCount(stats.partial)} of them range requests (206): a browser or download manager fetching it in parts`,
  };
}
