// node --import tsx scripts/bench-model.ts [rows] [--library]
// Times fitForest / scoreRows / featureContributions / (de)serialisation on
// seeded Gaussian rows × 8 features with 100 trees × ψ 256. --library also times
// ml-isolation-forest used as published (every tree on all rows, object walk).
import { IsolationForest } from 'ml-isolation-forest';
import { featureContributions, fitForest, scoreRows, serializeForest, deserializeForest } from '../src/model/index.js';
import { mulberry32 } from '../src/model/prng.js';

const rowCount = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 100_000);
const WIDTH = 8;
const random = mulberry32(2024);
const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const rows = Array.from({ length: rowCount }, () => Float64Array.from({ length: WIDTH }, normal));

function timed<T>(label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  console.log(`${label.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
  return result;
}

console.log(`${rowCount} rows × ${WIDTH} features, 100 trees, ψ = 256 (node ${process.version})`);
const forest = timed('fitForest', () => fitForest(rows, { trees: 100, sampleSize: 256, seed: 1 }));
timed('scoreRows (all rows)', () => scoreRows(forest, rows));
timed('featureContributions (10k rows)', () => {
  for (let r = 0; r < Math.min(10_000, rowCount); r++) featureContributions(forest, rows[r]!);
});
const text = timed('serializeForest + JSON.stringify', () => JSON.stringify(serializeForest(forest)));
timed('JSON.parse + deserializeForest', () => deserializeForest(JSON.parse(text)));
console.log(`${'nodes / serialised size'.padEnd(34)} ${forest.feature.length} nodes, ${(text.length / 1024).toFixed(0)} KiB`);
console.log(`${'heap used'.padEnd(34)} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

if (process.argv.includes('--library')) {
  const library = new IsolationForest({ nEstimators: 100 });
  timed('library train (all rows, as published)', () => library.train(rows));
  timed('library predict (all rows)', () => library.predict(rows));
  console.log(`${'heap used'.padEnd(34)} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
}
