// npm run eval:odds — the isolation forest on the ODDS outlier benchmarks,
// beside the AUC figures of Liu, Ting and Zhou (ICDM 2008, Table 3).
// Unsupervised as in the paper: fit on the whole dataset (labels unseen),
// score the same rows, 100 trees, ψ = 256; mean ROC AUC over five seeds.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fitForest, scoreRows } from '../src/model/index.js';
import { rocAuc } from '../src/model/roc-auc.js';
import { readNpz, type NumericArray } from './odds/npy.js';

const ODDS_DIR = process.env.ODDS_DIR ?? '../shared/data/odds';
const SEEDS = [1, 2, 3, 4, 5];
const TREES = 100;
const SAMPLE_SIZE = 256;
const TOLERANCE = 0.03;

interface Benchmark {
  name: string;
  file: string;
  /** AUC reported by the paper, or null when it has no figure for the dataset. */
  paper: number | null;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'http', file: '16_http.npz', paper: 1.0 },
  { name: 'cover', file: '10_cover.npz', paper: 0.88 },
  { name: 'smtp', file: '34_smtp.npz', paper: 0.88 },
  { name: 'shuttle', file: '32_shuttle.npz', paper: 1.0 },
  { name: 'mammography', file: '23_mammography.npz', paper: 0.86 },
  { name: 'satellite', file: '30_satellite.npz', paper: 0.71 },
  { name: 'cardio', file: '6_cardio.npz', paper: null },
];

function rowsOf(matrix: NumericArray): Float64Array[] {
  const [rowCount, width] = matrix.shape as [number, number];
  const rows: Float64Array[] = new Array(rowCount);
  for (let r = 0; r < rowCount; r++) rows[r] = matrix.values.subarray(r * width, (r + 1) * width);
  return rows;
}

function pad(text: string, width: number, alignRight = false): string {
  return alignRight ? text.padStart(width) : text.padEnd(width);
}

const header = ['dataset', 'rows', 'features', 'anomalies', 'AUC mean', 'min..max', 'paper', 'verdict', 'fit+score'];
const widths = [12, 8, 8, 9, 8, 11, 5, 7, 9];
const line = (cells: string[]): string =>
  cells.map((cell, i) => pad(cell, widths[i]!, i > 0 && i !== 7)).join('  ');

console.log(`isolation forest: ${TREES} trees, ψ = ${SAMPLE_SIZE}, seeds ${SEEDS.join(',')}; PASS = mean AUC ≥ paper − ${TOLERANCE}`);
console.log(line(header));
let failures = 0;
for (const benchmark of BENCHMARKS) {
  const path = join(ODDS_DIR, benchmark.file);
  if (!existsSync(path)) {
    console.log(line([benchmark.name, '—', '—', '—', '—', '—', '—', 'MISSING', '—']));
    failures++;
    continue;
  }
  const arrays = readNpz(path);
  const features = arrays.get('X');
  const labels = arrays.get('y');
  if (!features || !labels || features.shape.length !== 2) throw new Error(`${path} lacks a 2-d X or a y array.`);
  const rows = rowsOf(features);
  const anomalies = labels.values.reduce((sum, label) => sum + (label ? 1 : 0), 0);
  const aucs: number[] = [];
  let elapsedMs = 0;
  for (const seed of SEEDS) {
    const started = performance.now();
    const forest = fitForest(rows, { trees: TREES, sampleSize: SAMPLE_SIZE, seed });
    const scores = scoreRows(forest, rows);
    elapsedMs += performance.now() - started;
    aucs.push(rocAuc(scores, labels.values));
  }
  const mean = aucs.reduce((sum, auc) => sum + auc, 0) / aucs.length;
  const pass = benchmark.paper === null ? null : mean >= benchmark.paper - TOLERANCE;
  if (pass === false) failures++;
  console.log(
    line([
      benchmark.name,
      String(rows.length),
      String(features.shape[1]),
      String(anomalies),
      mean.toFixed(3),
      `${Math.min(...aucs).toFixed(3)}..${Math.max(...aucs).toFixed(3)}`,
      benchmark.paper === null ? '—' : benchmark.paper.toFixed(2),
      pass === null ? 'n/a' : pass ? 'PASS' : 'FAIL',
      `${(elapsedMs / SEEDS.length / 1000).toFixed(2)} s`,
    ]),
  );
}
process.exitCode = failures > 0 ? 1 : 0;
