import type { LogFormat } from '../types.js';
import { unwrapAmbiguous } from './envelope.js';

/** Lines of a file that detection looks at (the first non-blank ones). */
export const DETECTION_SAMPLE_LINES = 50;

/** A line counts as covered by a format when its detector says at least this. */
const COVERED = 0.5;
/** Below this best mean hit rate nothing is recognised (binary files, prose). */
const MIN_MEAN_SCORE = 0.25;

/** How to read one file, decided from its first lines. */
export interface FormatChoice {
  /** The format to parse with (in mixed mode: the one to try first). */
  format: LogFormat;
  /** Mean detector score of `format` over the sample, 0..1. */
  score: number;
  /** Strip syslog prefixes, `message` JSON and extra quotes before parsing. */
  unwrapAmbiguous: boolean;
  /**
   * The sample holds lines of several formats (e.g. `kubectl logs` of several
   * containers): each line that `format` cannot parse is detected on its own.
   */
  mixed: boolean;
  /** Mixed mode: the formats that won at least one sample line, in registry order. */
  candidates: readonly LogFormat[];
}

/** A detector that throws is a detector that says no: attacker-controlled lines must not stop the run. */
export function safeDetect(format: LogFormat, line: string): number {
  try {
    const score = format.detect(line);
    return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : 0;
  } catch {
    return 0;
  }
}

interface SampleScores {
  /** Formats that are the (first) best of at least one covered line. */
  lineWinners: Set<LogFormat>;
  /** Best single format and its mean score. */
  best: LogFormat | null;
  bestMean: number;
  bestCovered: number;
  /** Mean over lines of the best score any format gives that line. */
  perLineMean: number;
  perLineCovered: number;
}

function scoreSample(lines: readonly string[], formats: readonly LogFormat[]): SampleScores {
  const perLineBest = new Array<number>(lines.length).fill(0);
  const perLineWinner = new Array<LogFormat | null>(lines.length).fill(null);
  let best: LogFormat | null = null;
  let bestMean = 0;
  let bestCovered = 0;
  for (const format of formats) {
    let sum = 0;
    let covered = 0;
    for (let i = 0; i < lines.length; i += 1) {
      const score = safeDetect(format, lines[i]!);
      sum += score;
      if (score >= COVERED) covered += 1;
      if (score > perLineBest[i]!) {
        perLineBest[i] = score;
        if (score >= COVERED) perLineWinner[i] = format;
      }
    }
    const mean = lines.length === 0 ? 0 : sum / lines.length;
    // Strictly greater: ties go to the earlier (more specific) format of the registry.
    if (mean > bestMean) {
      best = format;
      bestMean = mean;
      bestCovered = covered;
    }
  }
  const perLineSum = perLineBest.reduce((a, b) => a + b, 0);
  const lineWinners = new Set<LogFormat>();
  for (const winner of perLineWinner) if (winner !== null) lineWinners.add(winner);
  return {
    lineWinners,
    best,
    bestMean,
    bestCovered,
    perLineMean: lines.length === 0 ? 0 : perLineSum / lines.length,
    perLineCovered: perLineBest.filter((score) => score >= COVERED).length,
  };
}

/**
 * Picks the format of a file from its first non-blank lines (after container
 * envelopes are removed): every format's detector scores every line, the best
 * mean wins, ties go to registry order. Ambiguous wrappers (syslog prefixes,
 * `message` JSON, extra quotes) are stripped only when that makes the lines
 * score better, so a HAProxy log keeps the syslog prefix its parser reads.
 * Returns null when nothing recognises the lines.
 */
export function chooseFormat(sample: readonly string[], formats: readonly LogFormat[]): FormatChoice | null {
  if (sample.length === 0 || formats.length === 0) return null;
  const plain = scoreSample(sample, formats);
  const unwrappedSample = sample.map((line) => unwrapAmbiguous(line) ?? line);
  const changed = unwrappedSample.some((line, i) => line !== sample[i]);
  const unwrapped = changed ? scoreSample(unwrappedSample, formats) : plain;
  const useUnwrapped =
    changed &&
    (unwrapped.perLineMean > plain.perLineMean + 1e-9 ||
      (Math.abs(unwrapped.perLineMean - plain.perLineMean) <= 1e-9 && unwrapped.bestMean > plain.bestMean + 1e-9));
  const scores = useUnwrapped ? unwrapped : plain;
  if (scores.best === null || scores.perLineMean < MIN_MEAN_SCORE) return null;
  // Several formats are needed when the best one leaves lines uncovered that another format covers.
  const mixed = scores.perLineCovered > scores.bestCovered;
  if (!mixed && scores.bestMean < MIN_MEAN_SCORE) return null;
  const candidates = mixed ? formats.filter((format) => scores.lineWinners.has(format)) : [];
  return { format: scores.best, score: scores.bestMean, unwrapAmbiguous: useUnwrapped, mixed, candidates };
}

/** For a forced `--log-format`: decide only whether ambiguous wrappers should be stripped. */
export function chooseUnwrapping(sample: readonly string[], format: LogFormat): boolean {
  let plain = 0;
  let unwrapped = 0;
  for (const line of sample) {
    plain += safeDetect(format, line);
    const inner = unwrapAmbiguous(line);
    unwrapped += inner === null ? safeDetect(format, line) : safeDetect(format, inner);
  }
  return unwrapped > plain;
}

/** The format that best recognises one line, or null when none reaches the coverage threshold. */
export function bestFormatForLine(line: string, formats: readonly LogFormat[]): LogFormat | null {
  let best: LogFormat | null = null;
  let bestScore = COVERED - 1e-9;
  for (const format of formats) {
    const score = safeDetect(format, line);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

/** Why a file's format could not be detected, as one sentence. */
export function describeUndetectable(name: string): string {
  return `cannot detect the log format of ${name}; use --log-format NAME (see 'anomalog formats')`;
}
