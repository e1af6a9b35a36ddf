// Throughput of the injection detector (not a test: timings vary by machine).
// Usage: node --import tsx scripts/injection/bench.ts [repeat=20]
// Replays the elastic-apache log (benign, mostly fast path) and fwaf-badqueries
// (attacks, always the slow path) through learn and inspect, then every field of
// the elastic-apache requests (User-Agent, Referer, status for the probe tables).
// Reports CPU time of this thread as well as wall time: on a shared machine the
// wall clock measures the neighbours too.

import { performance } from 'node:perf_hooks';
import { InjectionDetector } from '../../src/detect/injection/injection-detector.js';
import { classifyTarget } from '../../src/detect/injection/classify.js';
import { scanRequest, type RequestFields } from '../../src/detect/injection/scan-request.js';
import { loadElasticApache, loadFwafBadQueries, readGzipText, DATA_ROOT, type LabelledTarget } from './datasets.js';
import { routeOf } from './split.js';
import { createIngestStats, readRecords } from '../../src/ingest/read-records.js';
import { AgentRotationTracker } from '../../src/detect/campaigns/agent-rotation.js';
import { AuthFailureTracker } from '../../src/detect/campaigns/auth-failure-bursts.js';
import type { LogRecord } from '../../src/types.js';

const repeat = Number(process.argv[2] ?? 20);

function time<T>(label: string, items: readonly T[], run: (t: T) => unknown): void {
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let r = 0; r < repeat; r++) for (const t of items) run(t);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  const n = items.length * repeat;
  console.log(`${label.padEnd(48)} ${String(n).padStart(9)} requests  ${ms.toFixed(0).padStart(7)} ms  cpu ${cpuMs.toFixed(0).padStart(7)} ms  ${((n / cpuMs) * 1000).toFixed(0).padStart(9)} req/cpu-s`);
}

/** Combined-format lines with every field the scan reads. */
function loadElasticFields(): RequestFields[] {
  const COMBINED = /^\S+ \S+ \S+ \[[^\]]+\] "\S+ (\S+)[^"]*" (\d{3}) \S+ "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)"/;
  const out: RequestFields[] = [];
  for (const line of readGzipText(`${DATA_ROOT}/elastic-apache/apache_logs.gz`).split('\n')) {
    const m = COMBINED.exec(line);
    if (m === null) continue;
    const q = m[1]!.indexOf('?');
    out.push({
      path: q === -1 ? m[1]! : m[1]!.slice(0, q),
      query: q === -1 ? null : m[1]!.slice(q + 1),
      status: Number(m[2]),
      referer: m[3] === '-' ? null : m[3]!,
      userAgent: m[4] === '-' ? null : m[4]!,
      host: null,
    });
  }
  return out;
}

const benign = loadElasticApache().targets;
const attacks = loadFwafBadQueries();
const detector = new InjectionDetector({ seed: 1 });
time('learn, elastic-apache', benign, (t: LabelledTarget) => detector.learn(routeOf(t.path), t.path, t.query));
time('rules only (classifyTarget), elastic-apache', benign, (t) => classifyTarget(t.path, t.query));
time('inspect (rules + learned), elastic-apache', benign, (t) => detector.inspect(routeOf(t.path), t.path, t.query));
time('rules only (classifyTarget), fwaf-badqueries', attacks, (t) => classifyTarget(t.path, t.query));
time('inspect (rules + learned), fwaf-badqueries', attacks, (t) => detector.inspect(routeOf(t.path), t.path, t.query));
const fields = loadElasticFields();
time('every field (scanRequest), elastic-apache', fields, (r) => scanRequest(r));
// The per-request behaviour trackers the injection collector feeds (campaigns/agent-rotation.ts, auth-failure-bursts.ts).
const records: LogRecord[] = [];
for await (const r of readRecords([`${DATA_ROOT}/elastic-apache/apache_logs.gz`], {}, createIngestStats())) records.push(r);
const rotation = new AgentRotationTracker();
const failures = new AuthFailureTracker();
time('behaviour trackers (agents, 401s), elastic-apache', records, (r) => {
  rotation.observe(r);
  failures.observe(r);
});
