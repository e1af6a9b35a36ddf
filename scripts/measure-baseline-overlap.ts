// The share of scored requests on endpoints a baseline knows (model.baselineOverlap.share),
// measured on the shared real logs: each log scored against a baseline learned on its own
// first half (same site, later traffic) and against the first-half baselines of every other
// log (another site). The threshold in src/baseline/route-overlap.ts sits between the two.
//   npm run build && npm run measure:overlap
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/anomalog');
const REAL = '../shared/data/real';
const LOGS: Record<string, string> = {
  'elastic-apache': `${REAL}/elastic-apache/apache_logs.gz`,
  'nasa-http': `${REAL}/nasa-http/NASA_access_log_Aug95`,
  'secrepo-webhawk': `${REAL}/secrepo-webhawk/access.log.2021-10-22`,
  'logparser-hackers': `${REAL}/logparser-hackers/hackers-access.log`,
  'netnea-labor07': `${REAL}/netnea-labor07/labor-07-example-access.log.gz`,
  'iis-webknowit': `${REAL}/iis-webknowit`,
};

function anomalog(...args: string[]): string {
  return execFileSync(process.execPath, [BIN, ...args, '--no-config', '-q'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
}

function share(log: string, baseline: string, since?: string): number {
  const report = JSON.parse(anomalog('score', log, '--baseline', baseline, '--format', 'json', '--allow-empty', ...(since ? ['--since', since] : []))) as {
    model: { baselineOverlap: { share: number } };
  };
  return report.model.baselineOverlap.share;
}

const directory = mkdtempSync(join(tmpdir(), 'anomalog-overlap-'));
const halves: Record<string, { baseline: string; middle: string }> = {};
for (const [name, log] of Object.entries(LOGS)) {
  const input = (JSON.parse(anomalog('analyze', log, '--format', 'json')) as { input: { timeRange: { start: string; end: string } } }).input.timeRange;
  const middle = new Date((Date.parse(input.start) + Date.parse(input.end)) / 2).toISOString();
  const baseline = join(directory, `${name}.json`);
  anomalog('learn', log, '--until', middle, '-o', baseline);
  halves[name] = { baseline, middle };
}
console.log('| scored log | own first half (later traffic) | other sites: max | other sites: each |');
console.log('|---|---:|---:|---|');
for (const [name, log] of Object.entries(LOGS)) {
  const own = share(log, halves[name]!.baseline, halves[name]!.middle);
  const others = Object.keys(LOGS).filter((other) => other !== name).map((other) => [other, share(log, halves[other]!.baseline)] as const);
  const max = Math.max(...others.map(([, value]) => value));
  console.log(`| ${name} | ${own.toFixed(3)} | ${max.toFixed(3)} | ${others.map(([other, value]) => `${other} ${value.toFixed(3)}`).join(', ')} |`);
}
