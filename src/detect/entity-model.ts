import type { EntityModel, ModelSettings, ScoreCalibration } from '../baseline/baseline.js';
import { fitForest, scoreRows } from '../model/index.js';
import { evenly, type FeatureMatrix } from './feature-matrix.js';

/** Rows the forest is grown from at most; each tree still draws its own ψ-row sub-sample from them. */
export const MAX_TRAINING_ROWS = 100_000;
/** Feature rows kept in a baseline file per entity kind, so merged baselines can regrow their forests. */
export const KEPT_TRAINING_ROWS = 4096;
/**
 * Rows the raw scores are calibrated on at most: the median and MAD of 20,000 scores are
 * as good as of 100,000 (their standard errors are under 1% of the spread), at a fifth of the cost.
 */
const MAX_CALIBRATION_ROWS = 20_000;

/**
 * Grows the isolation forest of one entity kind on its windows' feature vectors and
 * calibrates raw scores on those same windows. Null when there are too few windows to learn from.
 */
export function trainEntityModel(featureNames: readonly string[], rows: FeatureMatrix, settings: ModelSettings): EntityModel | null {
  if (rows.length < 8) return null;
  const training = rows.evenRows(MAX_TRAINING_ROWS);
  const forest = fitForest(training, { trees: settings.trees, sampleSize: Math.min(settings.sampleSize, training.length), seed: settings.seed });
  const calibration = calibrate(scoreRows(forest, evenly(training, MAX_CALIBRATION_ROWS)));
  return { featureNames: [...featureNames], forest, calibration };
}

/** Median, MAD, p99 and max of raw scores. */
export function calibrate(scores: Float64Array): ScoreCalibration {
  const sorted = Float64Array.from(scores).sort();
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const median = at(0.5);
  const deviations = Float64Array.from(sorted, (s) => Math.abs(s - median)).sort();
  const mad = deviations[Math.floor(deviations.length / 2)] ?? 0;
  return { windows: sorted.length, median, mad, p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/**
 * How far a raw score sits above the baseline windows' scores, 0..1: 0 at or below about
 * one robust deviation over the median, approaching 1 far above it.
 */
export function forestStrength(raw: number, calibration: ScoreCalibration): number {
  const spread = Math.max(1.4826 * calibration.mad, 0.01);
  const z = (raw - calibration.median) / spread;
  return z <= 1 ? 0 : 1 - Math.exp(-(z - 1) / 4);
}
