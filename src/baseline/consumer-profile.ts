/** Networks, agents and routes kept per consumer; a key used from more is itself the finding. */
const NETWORK_CAP = 256;
const AGENT_CAP = 64;
const ROUTE_CAP = 256;

export interface NetworkUse {
  requests: number;
  windows: number;
}

/** How one API consumer (key, user) normally uses the API: from where, with what, on which routes, when. */
export class ConsumerProfile {
  requests = 0;
  writesOk = 0;
  activeWindows = 0;
  hours = new Float64Array(24);
  networks = new Map<string, NetworkUse>();
  agents = new Map<string, number>();
  endpoints = new Map<string, number>();
  /** Per-window request counts (for "normal volume"): sum and sum of squares over active windows. */
  windowRequestsSum = 0;
  windowRequestsSquares = 0;
  windowWritesMax = 0;

  noteNetwork(network: string, newWindow: boolean): void {
    let use = this.networks.get(network);
    if (!use) {
      if (this.networks.size >= NETWORK_CAP) return;
      use = { requests: 0, windows: 0 };
      this.networks.set(network, use);
    }
    use.requests++;
    if (newWindow) use.windows++;
  }

  noteAgent(agent: string): void {
    bump(this.agents, agent, 1, AGENT_CAP);
  }

  noteEndpoint(endpoint: string): void {
    bump(this.endpoints, endpoint, 1, ROUTE_CAP);
  }

  /** Renames routes learned to be one template (`canonical()` at the end of a read), adding up their counts. */
  renameEndpoints(renamed: ReadonlyMap<string, string>): void {
    if (![...this.endpoints.keys()].some((endpoint) => renamed.has(endpoint))) return;
    const endpoints = new Map<string, number>();
    for (const [endpoint, n] of this.endpoints) bump(endpoints, renamed.get(endpoint) ?? endpoint, n, ROUTE_CAP);
    this.endpoints = endpoints;
  }

  /** A network is part of the key's normal use when it recurs across windows, not in one burst. */
  isEstablishedNetwork(network: string): boolean {
    const use = this.networks.get(network);
    if (!use) return false;
    return use.windows >= Math.max(3, Math.ceil(0.1 * this.activeWindows));
  }

  establishedNetworks(): number {
    let n = 0;
    for (const network of this.networks.keys()) if (this.isEstablishedNetwork(network)) n++;
    return n;
  }

  isKnownAgent(agent: string): boolean {
    return (this.agents.get(agent) ?? 0) >= 2;
  }

  isKnownEndpoint(endpoint: string): boolean {
    return (this.endpoints.get(endpoint) ?? 0) >= 2;
  }

  meanWindowRequests(): number {
    return this.activeWindows === 0 ? 0 : this.windowRequestsSum / this.activeWindows;
  }

  merge(other: ConsumerProfile): void {
    this.requests += other.requests;
    this.writesOk += other.writesOk;
    this.activeWindows += other.activeWindows;
    for (let h = 0; h < 24; h++) this.hours[h]! += other.hours[h]!;
    for (const [network, use] of other.networks) {
      const mine = this.networks.get(network);
      if (mine) {
        mine.requests += use.requests;
        mine.windows += use.windows;
      } else if (this.networks.size < NETWORK_CAP) this.networks.set(network, { ...use });
    }
    for (const [agent, n] of other.agents) bump(this.agents, agent, n, AGENT_CAP);
    for (const [endpoint, n] of other.endpoints) bump(this.endpoints, endpoint, n, ROUTE_CAP);
    this.windowRequestsSum += other.windowRequestsSum;
    this.windowRequestsSquares += other.windowRequestsSquares;
    this.windowWritesMax = Math.max(this.windowWritesMax, other.windowWritesMax);
  }

  toJSON(): SerializedConsumerProfile {
    return {
      requests: this.requests,
      writesOk: this.writesOk,
      activeWindows: this.activeWindows,
      hours: Array.from(this.hours),
      networks: sortedEntries(this.networks).map(([network, use]) => [network, use.requests, use.windows]),
      agents: sortedEntries(this.agents),
      endpoints: sortedEntries(this.endpoints),
      windowRequestsSum: this.windowRequestsSum,
      windowRequestsSquares: this.windowRequestsSquares,
      windowWritesMax: this.windowWritesMax,
    };
  }
}

export interface SerializedConsumerProfile {
  requests: number;
  writesOk: number;
  activeWindows: number;
  hours: number[];
  networks: [string, number, number][];
  agents: [string, number][];
  endpoints: [string, number][];
  windowRequestsSum: number;
  windowRequestsSquares: number;
  windowWritesMax: number;
}

function bump(map: Map<string, number>, key: string, by: number, cap: number): void {
  const n = map.get(key);
  if (n !== undefined) map.set(key, n + by);
  else if (map.size < cap) map.set(key, by);
}

/** Entries in key order, so a saved baseline is byte-identical for the same input. */
function sortedEntries<V>(map: Map<string, V>): [string, V][] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
