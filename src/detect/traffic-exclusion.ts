// analyze learns its baseline from the very traffic it judges. Requests the request-level scan
// flagged (payloads, probes, tools) must not become the normal they are judged against: an
// exploit that runs for days would otherwise raise the route's expected volume, and its end
// would read as a traffic drop. The flagged clients' windows, over the span of each flagged run,
// are kept out of the baseline's volumes, client population and client forest; so are the
// members of a campaign, in the windows they probed in, and their requests on the routes that are
// steps of the campaign's script (the page before a spam form, the redirect after it) over the
// campaign's span: a bot of the campaign loading the login page is the campaign, not a flood of it.

import type { TrafficExclusion } from '../baseline/baseline.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import type { WindowCandidate } from './window-candidate.js';
import { ATTACK_EVIDENCE } from './incident-signals.js';
import { OTHER_ROUTES } from '../features/traffic-aggregator.js';

/** A route is a step of a campaign's script when at least this many of its members asked for it… */
const STEP_MIN_MEMBERS = 3;
/** …and they were at least this share of the route's clients over the campaign's span. */
const STEP_MEMBER_SHARE = 0.5;

export class FlaggedTrafficExclusion implements TrafficExclusion {
  readonly byEndpoint = new Map<string, Map<number, number>>();

  /** client → window index spans [first, last] of its flagged runs. */
  private constructor(private readonly spans: ReadonlyMap<string, readonly [number, number][]>) {}

  /** From the request-level findings: every client run whose evidence names an attack. */
  static fromCandidates(candidates: readonly WindowCandidate[], aggregator: TrafficAggregator): FlaggedTrafficExclusion {
    const spans = new Map<string, [number, number][]>();
    const add = (client: string, first: number, last: number): void => {
      const list = spans.get(client) ?? [];
      list.push([first, last]);
      spans.set(client, list);
    };
    for (const c of candidates) {
      if (c.entity !== 'client' || !c.evidence.some((e) => ATTACK_EVIDENCE.has(e.feature))) continue;
      // A campaign names its members and the windows each one probed in (its claims).
      if (c.campaign) {
        for (const claim of c.claims ?? []) add(claim.actor.slice(claim.actor.indexOf('\u0000') + 1), claim.index, claim.index);
      } else add(c.key, c.index, c.lastIndex);
    }
    const exclusion = new FlaggedTrafficExclusion(spans);
    const table = aggregator.clients.table;
    const exclude = (endpoint: string, index: number, requests: number): void => {
      let windows = exclusion.byEndpoint.get(endpoint);
      if (!windows) exclusion.byEndpoint.set(endpoint, (windows = new Map()));
      windows.set(index, (windows.get(index) ?? 0) + requests);
    };
    for (const [client] of [...spans].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const track = aggregator.clients.entities.get(client);
      if (!track) continue;
      for (const row of track.rows) {
        const index = table.index(row);
        if (!exclusion.excludes(client, index)) continue;
        table.forEachRoute(row, (endpoint, requests) => exclude(endpoint, index, requests));
      }
    }
    const campaigns = candidates.filter((c) => c.entity === 'client' && c.campaign && c.evidence.some((e) => ATTACK_EVIDENCE.has(e.feature)));
    if (campaigns.length > 0) {
      const steps = scriptSteps(campaigns, aggregator);
      for (const [client] of [...spans].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const track = aggregator.clients.entities.get(client);
        if (!track) continue;
        for (const row of track.rows) {
          const index = table.index(row);
          if (exclusion.excludes(client, index)) continue;
          const routes = stepsAt(steps, client, index);
          if (routes.size > 0) table.forEachRoute(row, (endpoint, requests) => routes.has(endpoint) && exclude(endpoint, index, requests));
        }
      }
    }
    return exclusion;
  }

  get clients(): number {
    return this.spans.size;
  }

  excludes(client: string, index: number): boolean {
    const spans = this.spans.get(client);
    if (spans === undefined) return false;
    for (const [first, last] of spans) if (index >= first && index <= last) return true;
    return false;
  }

  excludedRequests(endpoint: string, index: number): number {
    return this.byEndpoint.get(endpoint)?.get(index) ?? 0;
  }
}

interface CampaignSteps {
  first: number;
  last: number;
  members: ReadonlySet<string>;
  routes: ReadonlySet<string>;
}

/**
 * The routes each campaign's members asked for, beyond what the campaign's signature names, that
 * are steps of its script: asked for by STEP_MIN_MEMBERS members or more, who were at least
 * STEP_MEMBER_SHARE of the route's clients over the campaign's span (a site's home page, which
 * everyone loads, is no step of a script).
 */
function scriptSteps(campaigns: readonly WindowCandidate[], aggregator: TrafficAggregator): CampaignSteps[] {
  const table = aggregator.clients.table;
  const tallies = campaigns.map((c) => ({ first: c.index, last: c.lastIndex, members: new Set(c.campaign!.clients.map((m) => m.client)), clients: new Map<string, number>(), fromMembers: new Map<string, number>() }));
  for (const [client, track] of aggregator.clients.entities) {
    for (const tally of tallies) {
      const routes = new Set<string>();
      for (const row of track.rows) {
        const index = table.index(row);
        if (index >= tally.first && index <= tally.last) table.forEachRoute(row, (endpoint) => routes.add(endpoint));
      }
      const member = tally.members.has(client);
      for (const route of routes) {
        tally.clients.set(route, (tally.clients.get(route) ?? 0) + 1);
        if (member) tally.fromMembers.set(route, (tally.fromMembers.get(route) ?? 0) + 1);
      }
    }
  }
  return tallies.map((t) => {
    const routes = new Set<string>();
    for (const [route, members] of t.fromMembers) if (route !== OTHER_ROUTES && members >= STEP_MIN_MEMBERS && members >= STEP_MEMBER_SHARE * t.clients.get(route)!) routes.add(route);
    return { first: t.first, last: t.last, members: t.members, routes };
  });
}

/** The step routes of the campaigns `client` is a member of, active at `index`. */
function stepsAt(steps: readonly CampaignSteps[], client: string, index: number): Set<string> {
  const out = new Set<string>();
  for (const s of steps) if (index >= s.first && index <= s.last && s.members.has(client)) for (const route of s.routes) out.add(route);
  return out;
}
