import type { WindowCandidate } from '../window-candidate.js';
import { InjectionCollector } from '../injection-incidents.js';
import { InjectionDetector, type InjectionDetectorJSON } from './injection-detector.js';
import type { RecordColumns } from './record-columns.js';

/** What an injection scan starts from: a fresh detector to learn (seeded), or a baseline's (null: none). */
export type InjectionScanSetup = { mode: 'analyze' | 'learn'; seed: number } | { mode: 'score'; detector: unknown };

export interface InjectionScanResult {
  candidates: WindowCandidate[];
  /** The learned detector (learn mode), for the baseline file. */
  detector: InjectionDetectorJSON | null;
  /** Requests flagged past the collector's cap: counted, not grouped into incidents. */
  unstoredFlagged: number;
}

export type ToInjectionWorker = { type: 'batch'; columns: RecordColumns } | { type: 'finish'; windowMs: number };
export type FromInjectionWorker = { type: 'done-batch' } | { type: 'result'; result: InjectionScanResult };

export function createCollector(setup: InjectionScanSetup): InjectionCollector {
  if (setup.mode === 'score') {
    return new InjectionCollector(setup.detector === null ? new InjectionDetector() : InjectionDetector.fromJSON(setup.detector), 'score');
  }
  return new InjectionCollector(new InjectionDetector({ seed: setup.seed }), setup.mode);
}
