/** Networks, agents and routes kept per consumer; a key used from more is itself the finding. */
export const CONSUMER_NETWORK_CAP = 256;
export const CONSUMER_AGENT_CAP = 64;
export const CONSUMER_ROUTE_CAP = 256;

export interface NetworkUse {
  requests: number;
  windows: number;
}

/** Everything a consumer profile holds, as plain values: what it is built from. */
export interface ConsumerProfileFields {
  requests: number;
  writesOk: number;
  activeWindows: number;
  hours: Float64Array;
  networks: ReadonlyMap<string, Readonly<NetworkUse>>;
  agents: ReadonlyMap<string, number>;
  endpoints: ReadonlyMap<string, number>;
  /** Per-window request counts (for "normal volume"): sum and sum of squares over active windows. */
  windowRequestsSum: number;
  windowRequestsSquares: number;
  windowWritesMax: number;
}

/**
 * How one API consumer (key, user) normally uses the API: from where, with what, on which
 * routes, when. Built whole from its fields and never changed after.
 */
export class ConsumerProfile implements Readonly<ConsumerProfileFields> {
  readonly requests: number;
  readonly writesOk: number;
  readonly activeWindows: number;
  readonly hours: Float64Array;
  readonly networks: ReadonlyMap<string, Readonly<NetworkUse>>;
  readonly agents: ReadonlyMap<string, number>;
  readonly endpoints: ReadonlyMap<string, number>;
  readonly windowRequestsSum: number;
  readonly windowRequestsSquares: number;
  readonly windowWritesMax: number;

  constructor(f: ConsumerProfileFields) {
    this.requests = f.requests;
    this.writesOk = f.writesOk;
    this.activeWindows = f.activeWindows;
    this.hours = f.hours;
    this.networks = f.networks;
    this.agents = f.agents;
    this.endpoints = f.endpoints;
    this.windowRequestsSum = f.windowRequestsSum;
    this.windowRequestsSquares = f.windowRequestsSquares;
    this.windowWritesMax = f.windowWritesMax;
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

  /** The profile of both periods (baselines of two files); neither input changes. */
  static merged(a: ConsumerProfile, b: ConsumerProfile): ConsumerProfile {
    const hours = new Float64Array(24);
    for (let h = 0; h < 24; h++) hours[h] = a.hours[h]! + b.hours[h]!;
    const networks = new Map<string, NetworkUse>();
    for (const [network, use] of a.networks) networks.set(network, { ...use });
    for (const [network, use] of b.networks) {
      const mine = networks.get(network);
      if (mine) {
        mine.requests += use.requests;
        mine.windows += use.windows;
      } else if (networks.size < CONSUMER_NETWORK_CAP) networks.set(network, { ...use });
    }
    const agents = new Map(a.agents);
    for (const [agent, n] of b.agents) addCapped(agents, agent, n, CONSUMER_AGENT_CAP);
    const endpoints = new Map(a.endpoints);
    for (const [endpoint, n] of b.endpoints) addCapped(endpoints, endpoint, n, CONSUMER_ROUTE_CAP);
    return new ConsumerProfile({
      requests: a.requests + b.requests,
      writesOk: a.writesOk + b.writesOk,
      activeWindows: a.activeWindows + b.activeWindows,
      hours,
      networks,
      agents,
      endpoints,
      windowRequestsSum: a.windowRequestsSum + b.windowRequestsSum,
      windowRequestsSquares: a.windowRequestsSquares + b.windowRequestsSquares,
      windowWritesMax: Math.max(a.windowWritesMax, b.windowWritesMax),
    });
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

  static fromJSON(v: SerializedConsumerProfile): ConsumerProfile {
    return new ConsumerProfile({
      requests: v.requests,
      writesOk: v.writesOk,
      activeWindows: v.activeWindows,
      hours: Float64Array.from(v.hours),
      networks: new Map(v.networks.map(([network, requests, windows]) => [network, { requests, windows }])),
      agents: new Map(v.agents),
      endpoints: new Map(v.endpoints),
      windowRequestsSum: v.windowRequestsSum,
      windowRequestsSquares: v.windowRequestsSquares,
      windowWritesMax: v.windowWritesMax,
    });
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

/** Adds `by` to a count, or starts counting `key` while the map holds fewer than `cap` keys. */
export function addCapped(map: Map<string, number>, key: string, by: number, cap: number): void {
  const n = map.get(key);
  if (n !== undefined) map.set(key, n + by);
  else if (map.size < cap) map.set(key, by);
}

/** Entries in key order, so a saved baseline is byte-identical for the same input. */
function sortedEntries<V>(map: ReadonlyMap<string, V>): [string, V][] {
  return [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
