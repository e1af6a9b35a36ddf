import type { IngestOptions } from '../ingest/read-records.js';
import type { IngestStats } from '../types.js';

/** Called after each batch of records (progress display). */
export type OnBatch = (stats: IngestStats) => void;

/** How a run reads, not what it finds: progress and threads. */
export interface RunOptions {
  onBatch?: OnBatch;
  /** 2 or more: the injection scan runs on a worker thread (see injection-scan.ts). */
  threads?: number;
}
import { aggregateInputs, type TimeFilter } from './aggregate-inputs.js';
import type { ModelSettings, Baseline } from '../baseline/baseline.js';
import type { TrainingRows } from '../baseline/baseline-file.js';
import { KnownEndpoints } from '../normalize/known-endpoints.js';
import { baselineOverlap, type BaselineOverlap } from '../baseline/route-overlap.js';
import { detectIncidents, type Detection } from '../detect/detect-incidents.js';
import { learnBaseline } from '../detect/learn-baseline.js';
import { FlaggedTrafficExclusion } from '../detect/traffic-exclusion.js';
import { defaultThreads, startInjectionScan } from '../detect/injection-scan.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import type { WindowCandidate } from '../detect/window-candidate.js';

export interface TrafficRun {
  stats: IngestStats;
  /** Records left out by the time filter. */
  filtered: number;
  /** Time range of the records kept. */
  keptRange: { start: number; end: number } | null;
  foldedRoutes: number;
  foldedClientRequests: number;
  /** Requests flagged for injection past the collector's cap (see injection-incidents.ts): counted, not in any incident. */
  unstoredInjections: number;
  clients: number;
  endMs: number;
}

/** analyze: learn a baseline from the inputs themselves and score the same inputs. */
export async function analyzeTraffic(
  inputs: readonly string[],
  ingest: IngestOptions,
  windowMs: number,
  filter: TimeFilter,
  settings: ModelSettings,
  { onBatch, threads = defaultThreads() }: RunOptions = {},
): Promise<TrafficRun & { detection: Detection }> {
  const injection = startInjectionScan({ mode: 'analyze', seed: settings.seed }, threads);
  const input = await aggregateInputs(inputs, ingest, windowMs, filter, injection, onBatch);
  // The request-level findings first: what they flag is kept out of the baseline it is judged against.
  const { candidates, unstoredFlagged } = await injection.finish(windowMs);
  const { detection } = judgeOwnTraffic(input.aggregator, candidates, settings);
  return { ...summary(input, unstoredFlagged), detection };
}

/**
 * analyze's judgement once the inputs are read: the baseline learned from them without what the
 * request-level findings flagged, then the incidents. `explain` takes the same steps, so it sees a
 * request the way analyze did.
 */
export function judgeOwnTraffic(aggregator: TrafficAggregator, candidates: WindowCandidate[], settings: ModelSettings): { baseline: Baseline; detection: Detection } {
  const { baseline, rows } = learnBaseline(aggregator, settings, FlaggedTrafficExclusion.fromCandidates(candidates, aggregator));
  return { baseline, detection: detectIncidents(baseline, aggregator, 'analyze', rows, candidates) };
}

/** learn: a baseline (with its forests, injection profiles and training rows) from known-good traffic. */
export async function learnTraffic(
  inputs: readonly string[],
  ingest: IngestOptions,
  windowMs: number,
  filter: TimeFilter,
  settings: ModelSettings,
  { onBatch, threads = defaultThreads() }: RunOptions = {},
): Promise<TrafficRun & { baseline: Baseline; training: TrainingRows; records: number }> {
  const injection = startInjectionScan({ mode: 'learn', seed: settings.seed }, threads);
  const input = await aggregateInputs(inputs, ingest, windowMs, filter, injection, onBatch);
  const { baseline, training } = learnBaseline(input.aggregator, settings);
  baseline.injection = (await injection.finish(windowMs)).detector;
  baseline.foldedRoutes = input.foldedRoutes;
  return { ...summary(input), baseline, training, records: input.aggregator.records };
}

/** score: new traffic against a saved baseline. */
export async function scoreTraffic(
  inputs: readonly string[],
  ingest: IngestOptions,
  filter: TimeFilter,
  baseline: Baseline,
  { onBatch, threads = defaultThreads() }: RunOptions = {},
): Promise<TrafficRun & { detection: Detection; overlap: BaselineOverlap }> {
  const injection = startInjectionScan({ mode: 'score', detector: baseline.injection }, threads);
  const known = new KnownEndpoints(baseline.endpoints.keys());
  const input = await aggregateInputs(inputs, ingest, baseline.windowMs, filter, injection, onBatch, known);
  const { candidates, unstoredFlagged } = await injection.finish(baseline.windowMs);
  const detection = detectIncidents(baseline, input.aggregator, 'score', undefined, candidates);
  const overlap = baselineOverlap(baseline.endpoints, input.aggregator.endpointProfiles);
  return { ...summary(input, unstoredFlagged), detection, overlap };
}

function summary(input: Awaited<ReturnType<typeof aggregateInputs>>, unstoredInjections = 0): TrafficRun {
  return {
    unstoredInjections,
    stats: input.stats,
    filtered: input.filtered,
    keptRange: input.keptRange,
    foldedRoutes: input.foldedRoutes,
    foldedClientRequests: input.foldedClientRequests,
    clients: input.aggregator.clients.size,
    endMs: Number.isFinite(input.aggregator.endMs) ? input.aggregator.endMs : 0,
  };
}
