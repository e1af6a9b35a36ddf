import { QuantileSketch, type SerializedSketch } from './quantile-sketch.js';

/** Everything the client population holds, as plain values. */
export interface ClientPopulationFields {
  windows: number;
  requests: QuantileSketch;
  errorRatio: QuantileSketch;
  distinctRoutes: QuantileSketch;
  distinctPaths: QuantileSketch;
  /** Successful item writes per client window. */
  writes: QuantileSketch;
}

/**
 * How clients normally behave in one window: the population every client window is compared
 * with. Built whole from its fields and never changed after.
 */
export class ClientPopulation implements Readonly<ClientPopulationFields> {
  readonly windows: number;
  readonly requests: QuantileSketch;
  readonly errorRatio: QuantileSketch;
  readonly distinctRoutes: QuantileSketch;
  readonly distinctPaths: QuantileSketch;
  readonly writes: QuantileSketch;

  constructor(f: ClientPopulationFields) {
    this.windows = f.windows;
    this.requests = f.requests;
    this.errorRatio = f.errorRatio;
    this.distinctRoutes = f.distinctRoutes;
    this.distinctPaths = f.distinctPaths;
    this.writes = f.writes;
  }

  /** The population of both periods (baselines of two files); neither input changes. */
  static merged(a: ClientPopulation, b: ClientPopulation): ClientPopulation {
    return new ClientPopulation({
      windows: a.windows + b.windows,
      requests: QuantileSketch.merged(a.requests, b.requests),
      errorRatio: QuantileSketch.merged(a.errorRatio, b.errorRatio),
      distinctRoutes: QuantileSketch.merged(a.distinctRoutes, b.distinctRoutes),
      distinctPaths: QuantileSketch.merged(a.distinctPaths, b.distinctPaths),
      writes: QuantileSketch.merged(a.writes, b.writes),
    });
  }

  toJSON(): SerializedClientPopulation {
    return {
      windows: this.windows,
      requests: this.requests.toJSON(),
      errorRatio: this.errorRatio.toJSON(),
      distinctRoutes: this.distinctRoutes.toJSON(),
      distinctPaths: this.distinctPaths.toJSON(),
      writes: this.writes.toJSON(),
    };
  }

  static fromJSON(v: SerializedClientPopulation): ClientPopulation {
    return new ClientPopulation({
      windows: v.windows,
      requests: QuantileSketch.fromJSON(v.requests),
      errorRatio: QuantileSketch.fromJSON(v.errorRatio),
      distinctRoutes: QuantileSketch.fromJSON(v.distinctRoutes),
      distinctPaths: QuantileSketch.fromJSON(v.distinctPaths),
      writes: QuantileSketch.fromJSON(v.writes),
    });
  }
}

export interface SerializedClientPopulation {
  windows: number;
  requests: SerializedSketch;
  errorRatio: SerializedSketch;
  distinctRoutes: SerializedSketch;
  distinctPaths: SerializedSketch;
  writes: SerializedSketch;
}
