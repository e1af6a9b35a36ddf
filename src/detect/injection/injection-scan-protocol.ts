import type { WindowCandidate } from '../window-candidate.js';
import type { InjectionDetectorJSON } from './injection-detector.js';
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
