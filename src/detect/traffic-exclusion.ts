// analyze learns its baseline from the very traffic it judges. Requests the request-level scan
// flagged (payloads, probes, tools) must not become the normal they are judged against: an
// exploit that runs for days would otherwise raise the route's expected volume, and its end
// would read as a traffic drop. The flagged clients' windows, over the span of each flagged run,
// are kept out of the baseline's volumes, client population and client forest; so are the
// members of a campaign, in the windows they probed in.

import type { TrafficExclusion } from '../baseline/baseline.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import type { WindowCandidate } from './window-candidate.js';
import { ATTACK_EVIDENCE } from './incident-signals.js';

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
    for (const [client] of [...spans].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const track = aggregator.clients.entities.get(client);
      if (!track) continue;
      for (const row of track.rows) {
        const index = table.index(row);
        if (!exclusion.excludes(client, index)) continue;
        table.forEachRoute(row, (endpoint, requests) => {
          let windows = exclusion.byEndpoint.get(endpoint);
          if (!windows) exclusion.byEndpoint.set(endpoint, (windows = new Map()));
          windows.set(index, (windows.get(index) ?? 0) + requests);
        });
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
