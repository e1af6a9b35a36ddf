// What the campaign trackers keep of one client, in one place: a request costs one lookup of its
// client (and one copy of the address) instead of one per tracker (probe totals, agent rotation,
// page assets), each with its own boxed object.
import { keptString } from './kept-string.js';
import type { ClientProbes } from './client-probes.js';
import type { BurstLine } from './client-burst.js';

/** Clients followed; past it a new client has no state, and each tracker does what it did past its own cap. */
export const MAX_CLIENTS = 200_000;

/** The first request with an agent the client had not sent in the span, and the requests up to the next such. */
export interface Sighting {
  agent: string;
  line: BurstLine;
  requests: number;
}

export class ClientState {
  /** Requests of the client the probe tracker saw (every request with a path). */
  requests = 0;
  /** Agent rotation: the agent of its last request (interned), null until the rotation tracker follows the client. */
  agent: string | null = null;
  /** Agent rotation: null until the client changes agent once (most never do). */
  sightings: Sighting[] | null = null;
  /** Agent rotation: time and line of its last request (the first sighting, once it changes agent). */
  lastMs = 0;
  lastLine = 0;
  lastFile = '';
  /** Agent rotation: requests up to this time join the burst the client is in. */
  burstUntil = 0;
  /** Fetched a page asset (CSS, scripts, images, fonts) at least once. */
  fetchedAsset = false;
  /** The not-served paths it asked for; null until its first. */
  probes: ClientProbes | null = null;

  /** `client` is the tracker's own copy of the address: every tracker keys by it. */
  constructor(readonly client: string) {}
}

/** The clients of one scan, up to MAX_CLIENTS, each with its state. */
export class ClientStates {
  private readonly states = new Map<string, ClientState>();
  /**
   * The last client asked for and its state: the trackers ask in turn about the same request,
   * usually with the same string, so all but the first cost one comparison.
   */
  private lastClient: string | null = null;
  private lastState: ClientState | undefined = undefined;

  /** The client's state, made at its first request; undefined past MAX_CLIENTS. */
  of(client: string): ClientState | undefined {
    if (client === this.lastClient) return this.lastState;
    let state = this.states.get(client);
    if (state === undefined && this.states.size < MAX_CLIENTS) {
      state = new ClientState(keptString(client));
      this.states.set(state.client, state);
    }
    this.lastClient = client;
    this.lastState = state;
    return state;
  }

  /** Every state, in the order the clients were first seen. */
  values(): IterableIterator<ClientState> {
    return this.states.values();
  }
}
