// Throughput of the injection detector (not a test: timings vary by machine).
// Usage: node --import tsx scripts/injection/bench.ts [repeat=20]
// Replays the elastic-apache log (benign, mostly fast path) and fwaf-badqueries
// (attacks, always the slow path) through learn and inspect.

import { performance } from 'node:perf_hooks';
import { InjectionDetector } from '../../src/detect/injection/injection-detector.js';
import { classifyTarget } from '../../src/detect/injection/classify.js';
import { loadElasticApache, loadFwafBadQueries, type LabelledTarget } from './datasets.js';
import { routeOf } from './split.js';

const repeat = Number(process.argv[2] ?? 20);

function time(label: string, targets: readonly LabelledTarget[], run: (t: LabelledTarget) => unknown): void {
  const start = performance.now();
  for (let r = 0; r < repeat; r++) for (const t of targets) run(t);
  const ms = performance.now() - start;
  const n = targets.length * repeat;
  console.log(`${label.padEnd(44)} ${String(n).padStart(9)} requests  ${ms.toFixed(0).padStart(7)} ms  ${((n / ms) * 1000).toFixed(0).padStart(9)} req/s`);
}

const benign = loadElasticApache().targets;
const attacks = loadFwafBadQueries();
const detector = new InjectionDetector({ seed: 1 });
time('learn, elastic-apache', benign, (t) => detector.learn(routeOf(t.path), t.path, t.query));
time('rules only (classifyTarget), elastic-apache', benign, (t) => classifyTarget(t.path, t.query));
time('inspect (rules + learned), elastic-apache', benign, (t) => detector.inspect(routeOf(t.path), t.path, t.query));
time('rules only (classifyTarget), fwaf-badqueries', attacks, (t) => classifyTarget(t.path, t.query));
time('inspect (rules + learned), fwaf-badqueries', attacks, (t) => detector.inspect(routeOf(t.path), t.path, t.query));
