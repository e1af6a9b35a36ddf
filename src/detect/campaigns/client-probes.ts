// What the probe tracker keeps per client: in a file of its own so the shared client state
// (client-state.ts) and the tracker can both name it without importing each other.

/** One client's requests on one not-served path: count, and the minutes they fell in (the last one absorbs the rest). */
export interface ClientPathTally {
  path: number;
  requests: number;
  /** Of them answered 4xx (a full list gives up a path only ever redirected for one refused). */
  refused: number;
  first: number;
  last: number;
  minutes: number[];
  counts: number[];
}

export interface ClientProbes {
  client: string;
  /** The user agent of its first probe ('' when the log had none). */
  agent: string;
  paths: ClientPathTally[];
}
