import { addCapped, CONSUMER_AGENT_CAP, CONSUMER_NETWORK_CAP, CONSUMER_ROUTE_CAP, type NetworkUse } from '../baseline/consumer-profile.js';

/**
 * One API consumer's counts over the whole input, as the aggregation streams: plain aggregates.
 * The baseline's ConsumerProfile is built from them and the consumer's windows
 * (features/baseline-from-aggregates.ts). Capped as the profile is: a key used from more
 * networks, agents or routes than that is itself the finding.
 */
export class ConsumerTotals {
  requests = 0;
  writesOk = 0;
  /** Windows with at least one request of the consumer. */
  activeWindows = 0;
  readonly hours = new Float64Array(24);
  readonly networks = new Map<string, NetworkUse>();
  readonly agents = new Map<string, number>();
  endpoints = new Map<string, number>();

  noteNetwork(network: string, newWindow: boolean): void {
    let use = this.networks.get(network);
    if (!use) {
      if (this.networks.size >= CONSUMER_NETWORK_CAP) return;
      use = { requests: 0, windows: 0 };
      this.networks.set(network, use);
    }
    use.requests++;
    if (newWindow) use.windows++;
  }

  noteAgent(agent: string): void {
    addCapped(this.agents, agent, 1, CONSUMER_AGENT_CAP);
  }

  noteEndpoint(endpoint: string): void {
    addCapped(this.endpoints, endpoint, 1, CONSUMER_ROUTE_CAP);
  }

  /** Renames routes learned to be one template (`canonical()` at the end of a read), adding up their counts. */
  renameEndpoints(renamed: ReadonlyMap<string, string>): void {
    if (![...this.endpoints.keys()].some((endpoint) => renamed.has(endpoint))) return;
    const endpoints = new Map<string, number>();
    for (const [endpoint, n] of this.endpoints) addCapped(endpoints, renamed.get(endpoint) ?? endpoint, n, CONSUMER_ROUTE_CAP);
    this.endpoints = endpoints;
  }
}
