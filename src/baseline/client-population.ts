import { QuantileSketch, type SerializedSketch } from './quantile-sketch.js';

/** How clients normally behave in one window: the population every client window is compared with. */
export class ClientPopulation {
  windows = 0;
  requests = new QuantileSketch();
  errorRatio = new QuantileSketch();
  distinctRoutes = new QuantileSketch();
  distinctPaths = new QuantileSketch();
  /** Successful item writes per client window. */
  writes = new QuantileSketch();

  merge(other: ClientPopulation): void {
    this.windows += other.windows;
    this.requests.merge(other.requests);
    this.errorRatio.merge(other.errorRatio);
    this.distinctRoutes.merge(other.distinctRoutes);
    this.distinctPaths.merge(other.distinctPaths);
    this.writes.merge(other.writes);
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
}

export interface SerializedClientPopulation {
  windows: number;
  requests: SerializedSketch;
  errorRatio: SerializedSketch;
  distinctRoutes: SerializedSketch;
  distinctPaths: SerializedSketch;
  writes: SerializedSketch;
}
