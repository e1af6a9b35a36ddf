import type { IngestOptions } from '../ingest/read-records.js';
import type { IngestStats } from '../types.js';
import { aggregateInputs, type AggregatedInput, type RecordObserver, type TimeFilter } from './aggregate-inputs.js';
import type { ModelSettings, Baseline } from '../baseline/baseline.js';
import type { TrainingRows } from '../baseline/baseline-file.js';
import { KnownEndpoints } from '../normalize/known-endpoints.js';
import { baselineOverlap, type BaselineOverlap } from '../baseline/route-overlap.js';
import { detectIncidents, type Detection } from '../detect/detect-incidents.js';
import { learnBaseline } from '../detect/learn-baseline.js';
import { FlaggedTrafficExclusion } from '../detect/traffic-exclusion.js';
import { defaultThreads, startInjectionScan, type InjectionScanResult, type InjectionScanSetup } from '../detect/injection-scan.js';
import type { TrafficAggregator } from '../features/traffic-aggregator.js';
import type { WindowCandidate } from '../detect/window-candidate.js';
import { fingerprintFiles, type Fingerprints } from '../ingest/fingerprint.js';

/** Called after each batch of records (progress display). */
export type OnBatch = (stats: IngestStats) => void;

/** How a run reads, not what it finds: progress and threads. */
export interface RunOptions {
  onBatch?: OnBatch;
  /** 2 or more: the injection scan runs on a worker thread (see injection-scan.ts). */
  threads?: number;
}

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

/** A run that reports: the fingerprint of each input file read, so `show` can tell a changed file. */
export interface ReportedRun {
  fingerprints: Fingerprints;
}

/** The traffic a command reads: its inputs, how to read them, and which records count. */
export interface TrafficInputs {
  inputs: readonly string[];
  ingest: IngestOptions;
  filter: TimeFilter;
}

/** analyze and learn: the traffic, the window it is aggregated in, and how the forests are grown. */
export interface LearningRequest extends TrafficInputs {
  windowMs: number;
  model: ModelSettings;
}

/** score: the traffic and the saved baseline it is judged against (whose window it is read in). */
export interface ScoringRequest extends TrafficInputs {
  baseline: Baseline;
}

/**
 * What every command reads: the inputs aggregated into windows, and the injection scan beside
 * them (its findings still finishing on the worker thread when there is one).
 */
async function readTraffic(
  { inputs, ingest, filter }: TrafficInputs,
  windowMs: number,
  scan: InjectionScanSetup,
  { onBatch, threads = defaultThreads() }: RunOptions,
  known?: KnownEndpoints,
): Promise<{ input: AggregatedInput; findings: Promise<InjectionScanResult> }> {
  const injection = startInjectionScan(scan, threads);
  let findings: Promise<InjectionScanResult> | null = null;
  const observer: RecordObserver = {
    observe: (record) => injection.observe(record),
    keepUp: () => injection.keepUp(),
    // The scan's last step (its findings) runs on its thread while the aggregates are closed here.
    end: () => {
      findings = injection.finish(windowMs);
      // Awaited by the caller once the read returns; a read that fails after this must not leave it unhandled.
      findings.catch(() => {});
    },
  };
  const input = await aggregateInputs(inputs, ingest, windowMs, filter, observer, onBatch, known);
  return { input, findings: findings ?? injection.finish(windowMs) };
}

/** analyze: learn a baseline from the inputs themselves and score the same inputs. */
export async function analyzeTraffic(request: LearningRequest, run: RunOptions = {}): Promise<TrafficRun & ReportedRun & { detection: Detection }> {
  const read = await readTraffic(request, request.windowMs, { mode: 'analyze', seed: request.model.seed }, run);
  // Needed by the baseline whatever the findings say: counted while the worker computes them.
  read.input.aggregator.perClientWindowCounts();
  const [input, findings] = [read.input, await read.findings];
  const { detection } = judgeOwnTraffic(input.aggregator, findings.candidates, request.model);
  return { ...summary(input, findings.unstoredFlagged), detection, fingerprints: await fingerprintFiles(input.stats.files) };
}

/**
 * analyze's judgement once the inputs are read: the baseline learned from them without what the
 * request-level findings flagged, then the incidents. `explain` takes the same steps, so it sees a
 * request the way analyze did.
 */
export function judgeOwnTraffic(aggregator: TrafficAggregator, candidates: WindowCandidate[], settings: ModelSettings): { baseline: Baseline; detection: Detection } {
  // The request-level findings first: what they flag is kept out of the baseline it is judged against.
  const { baseline, rows } = learnBaseline(aggregator, settings, { exclusion: FlaggedTrafficExclusion.fromCandidates(candidates, aggregator) });
  return { baseline, detection: detectIncidents(baseline, aggregator, 'analyze', rows, candidates) };
}

/** learn: a baseline (with its forests, injection profiles and training rows) from known-good traffic. */
export async function learnTraffic(request: LearningRequest, run: RunOptions = {}): Promise<TrafficRun & { baseline: Baseline; training: TrainingRows; records: number }> {
  const { input, findings } = await readTraffic(request, request.windowMs, { mode: 'learn', seed: request.model.seed }, run);
  // Learned while the injection scan finishes on its thread; its profiles complete a copy.
  const learned = learnBaseline(input.aggregator, request.model, { foldedRoutes: input.foldedRoutes });
  const baseline: Baseline = { ...learned.baseline, injection: (await findings).detector };
  return { ...summary(input), baseline, training: learned.training, records: input.aggregator.records };
}

/** score: new traffic against a saved baseline. */
export async function scoreTraffic(request: ScoringRequest, run: RunOptions = {}): Promise<TrafficRun & ReportedRun & { detection: Detection; overlap: BaselineOverlap }> {
  const { baseline } = request;
  const known = new KnownEndpoints(baseline.endpoints.keys());
  const read = await readTraffic(request, baseline.windowMs, { mode: 'score', detector: baseline.injection }, run, known);
  const [input, findings] = [read.input, await read.findings];
  const detection = detectIncidents(baseline, input.aggregator, 'score', undefined, findings.candidates);
  const overlap = baselineOverlap(baseline.endpoints, input.aggregator.endpointTotals);
  return { ...summary(input, findings.unstoredFlagged), detection, overlap, fingerprints: await fingerprintFiles(input.stats.files) };
}

function summary(input: AggregatedInput, unstoredInjections = 0): TrafficRun {
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
