import type { Baseline } from '../baseline/baseline.js';
import { ENTITY_KINDS } from '../baseline/baseline.js';
import type { BaselineFile, TrainingRows } from '../baseline/baseline-file.js';
import { mergeBaselines } from '../baseline/merge-baselines.js';
import { modelsFromTraining } from '../detect/learn-baseline.js';
import { evenly } from '../detect/feature-matrix.js';
import { KEPT_TRAINING_ROWS } from '../detect/entity-model.js';
import { InjectionDetector } from '../detect/injection/injection-detector.js';

/**
 * merge: one baseline from several files. Profiles and counts add (baseline/merge-baselines.ts);
 * forests cannot, so they are regrown from the files' training rows; the injection profiles
 * merge. The merged baseline is complete when returned.
 */
export function mergeBaselineFiles(files: readonly BaselineFile[], names: readonly string[]): { baseline: Baseline; training: TrainingRows; files: string[] } {
  const injections = files.map((f) => (f.baseline.injection === null ? null : InjectionDetector.fromJSON(f.baseline.injection)));
  const merged = mergeBaselines(files, names);
  const detector = injections.find((d) => d !== null) ?? null;
  for (const other of injections) if (other && other !== detector) detector!.merge(other);
  const training: TrainingRows = {};
  for (const kind of ENTITY_KINDS) if (merged.training[kind]) training[kind] = evenly(merged.training[kind]!, KEPT_TRAINING_ROWS);
  const baseline: Baseline = { ...merged.baseline, models: modelsFromTraining(training, merged.baseline.settings), injection: detector ? detector.toJSON() : null };
  return { baseline, training, files: merged.files };
}
