import type { EndpointProfile } from './endpoint-profile.js';
import type { ConsumerProfile } from './consumer-profile.js';
import type { ClientPopulation } from './client-population.js';
import type { ClientHistory } from './client-history.js';
import type { FlatForest } from '../model/flat-forest.js';
import { hourOfWeek } from '../time/calendar.js';

export type EntityKind = 'endpoint' | 'client' | 'consumer';
export const ENTITY_KINDS: readonly EntityKind[] = ['endpoint', 'client', 'consumer'];

/** Raw forest scores of the baseline's own windows, summarised so any score can be placed against them. */
export interface ScoreCalibration {
  windows: number;
  median: number;
  /** Median absolute deviation of the baseline windows' raw scores. */
  mad: number;
  p99: number;
  max: number;
}

export interface EntityModel {
  featureNames: string[];
  forest: FlatForest;
  calibration: ScoreCalibration;
}

export interface ModelSettings {
  seed: number;
  trees: number;
  sampleSize: number;
}

/**
 * The statistical part of a baseline: per-endpoint and per-consumer profiles, the client
 * population and histories. Features are computed against it; the forests are grown from
 * those features, so it holds no models.
 */
export interface BaselineProfiles {
  readonly windowMs: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly records: number;
  /** Windows with data, per hour of the week: the denominator of expected volumes. */
  readonly coverage: Float64Array;
  readonly endpoints: ReadonlyMap<string, EndpointProfile>;
  readonly consumers: ReadonlyMap<string, ConsumerProfile>;
  readonly clients: ClientPopulation;
  /** The most active clients' own normal (the rest are judged against the population). */
  readonly clientHistories: ReadonlyMap<string, ClientHistory>;
  readonly settings: ModelSettings;
  /** analyze: the traffic kept out of this baseline (never saved: a saved baseline learned from known-good traffic). */
  readonly excluded?: TrafficExclusion;
}

/**
 * Everything learned about normal traffic: the profiles, one isolation forest per entity kind
 * with its score calibration, and the injection detector's learned parameter profiles.
 * Built whole (detect/learn-baseline.ts, baseline-file.ts, pipeline/merge-baseline-files.ts)
 * and not changed after.
 */
export interface Baseline extends BaselineProfiles {
  readonly models: Readonly<Partial<Record<EntityKind, EntityModel>>>;
  /** Serialized injection detector (opaque here; validated by its own module). */
  readonly injection: unknown;
  /** Routes folded into `{other}` by the endpoint cap while learning. */
  readonly foldedRoutes: number;
}

/**
 * Traffic kept out of what a baseline learns as normal (analyze mode: the windows of clients
 * flagged for payloads, probes or tools). It is still judged; it only does not set the normal.
 */
export interface TrafficExclusion {
  /** Whether the client's window at `index` is kept out. */
  excludes(client: string, index: number): boolean;
  /** Requests kept out of an endpoint's window at `index` (0 when none). */
  excludedRequests(endpoint: string, index: number): number;
  /** Every endpoint window with requests kept out: endpoint → window index → requests. */
  readonly byEndpoint: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/** Two weeks of data make weekday-specific volumes meaningful; less, and hour of day is all we know. */
const WEEKDAY_SPAN_MS = 14 * 24 * 3600_000;

/**
 * Expected requests of an endpoint in the window starting at `windowStartMs`, with their
 * standard deviation, from the baseline's volume for that hour of day (or of the week).
 */
export function expectedVolume(baseline: BaselineProfiles, profile: EndpointProfile, windowStartMs: number): { mean: number; sd: number } {
  const slot = hourOfWeek(windowStartMs);
  if (baseline.endMs - baseline.startMs < WEEKDAY_SPAN_MS && baseline.coverage[slot]! + baseline.coverage[(slot + 167) % 168]! + baseline.coverage[(slot + 1) % 168]! > 0) {
    const hour = slot % 24;
    const mean = profile.typicalByHour[hour]!;
    return { mean, sd: Math.max(profile.spreadByHour[hour]!, Math.sqrt(mean)) };
  }
  let sum = 0;
  let squares = 0;
  let windows = 0;
  if (baseline.endMs - baseline.startMs >= WEEKDAY_SPAN_MS) {
    sum = profile.hourOfWeek[slot]!;
    squares = profile.hourOfWeekSquares[slot]!;
    windows = baseline.coverage[slot]!;
  } else {
    const hour = slot % 24;
    for (let day = 0; day < 7; day++) {
      sum += profile.hourOfWeek[day * 24 + hour]!;
      squares += profile.hourOfWeekSquares[day * 24 + hour]!;
      windows += baseline.coverage[day * 24 + hour]!;
    }
  }
  if (windows === 0) {
    // An hour the baseline never saw: fall back to the endpoint's mean over all its covered windows.
    let allWindows = 0;
    for (let i = 0; i < 168; i++) allWindows += baseline.coverage[i]!;
    const mean = allWindows === 0 ? 0 : profile.requests / allWindows;
    return { mean, sd: Math.sqrt(mean) };
  }
  const mean = sum / windows;
  const variance = Math.max(squares / windows - mean * mean, mean);
  return { mean, sd: Math.sqrt(variance) };
}
