// `node --import tsx scripts/route-counts.ts [--top N] [log…]`: how the route
// templater groups each shared real access log. For every log: the records, the
// distinct routes (path templates, after canonical()) and endpoints (METHOD +
// route), the requests whose route has a learned parameter position (`{param}`,
// `{slug}`: positions learned from the traffic, not recognised by shape like
// `{id}`), and the requests folded into `/{other}`. With --top N, the N busiest
// routes with a learned parameter are listed under each log. The figures in
// docs/ingest.md come from this script.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createIngestStats, readRecordBatches } from '../src/ingest/read-records.js';
import { OTHER_ROUTE, RouteTemplater } from '../src/normalize/route-templater.js';

const REAL = '../shared/data/real';

/** The access logs among the shared real data (the others are payload lists and raw HTTP requests). */
const REAL_LOGS: { name: string; inputs: string[]; asDirectory?: boolean }[] = [
  { name: 'nasa-http', inputs: [`${REAL}/nasa-http`] },
  { name: 'elastic-apache', inputs: [`${REAL}/elastic-apache/apache_logs.gz`] },
  { name: 'logparser-hackers', inputs: [`${REAL}/logparser-hackers/hackers-access.log`] },
  { name: 'netnea-labor07', inputs: [`${REAL}/netnea-labor07/labor-07-example-access.log.gz`] },
  { name: 'secrepo-webhawk', inputs: [`${REAL}/secrepo-webhawk`] },
  { name: 'iis-waikolai', inputs: [`${REAL}/iis-waikolai`] },
  { name: 'iis-webknowit', inputs: [`${REAL}/iis-webknowit`] },
  // One short log per scenario (the hub's test inputs), read as a directory: files of no known format are skipped.
  { name: 'crowdsec-hub-tests', inputs: [`${REAL}/crowdsec-hub-tests`], asDirectory: true },
];

const LEARNED = /\{(?:param|slug)\}/;

const { values: flags, positionals } = parseArgs({
  options: { top: { type: 'string', default: '0' }, help: { type: 'boolean', short: 'h', default: false } },
  allowPositionals: true,
});
if (flags.help) {
  process.stdout.write('Usage: node --import tsx scripts/route-counts.ts [--top N] [log-or-dir…]\n(default: the access logs under ../shared/data/real/)\n');
  process.exit(0);
}
const top = Math.max(0, Number(flags.top) || 0);

/** Files of a directory input, without the PROVENANCE notes beside the logs. */
function inputFiles(input: string): string[] {
  if (!statSync(input).isDirectory()) return [input];
  return readdirSync(input, { recursive: true, encoding: 'utf8' })
    .map((name) => join(input, name))
    .filter((path) => statSync(path).isFile() && !path.endsWith('.md'))
    .sort();
}

interface Counts {
  records: number;
  routes: number;
  endpoints: number;
  learnedRequests: number;
  otherRequests: number;
  topLearned: [string, number][];
}

async function countRoutes(inputs: string[]): Promise<Counts> {
  const templater = new RouteTemplater();
  const stats = createIngestStats();
  const byEndpoint = new Map<string, number>();
  for await (const batch of readRecordBatches(inputs, { onWarning: () => {} }, stats, templater)) {
    for (const record of batch) {
      const key = `${record.method ?? '-'} ${record.route ?? '-'}`;
      byEndpoint.set(key, (byEndpoint.get(key) ?? 0) + 1);
    }
  }
  const endpoints = new Map<string, number>();
  const routes = new Map<string, number>();
  for (const [key, count] of byEndpoint) {
    const space = key.indexOf(' ');
    const route = templater.canonical(key.slice(space + 1));
    const endpoint = `${key.slice(0, space)} ${route}`;
    endpoints.set(endpoint, (endpoints.get(endpoint) ?? 0) + count);
    routes.set(route, (routes.get(route) ?? 0) + count);
  }
  let learnedRequests = 0;
  let otherRequests = 0;
  for (const [route, count] of routes) {
    if (LEARNED.test(route)) learnedRequests += count;
    if (route === OTHER_ROUTE) otherRequests += count;
  }
  const topLearned = [...routes].filter(([route]) => LEARNED.test(route)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
  return { records: stats.records, routes: routes.size, endpoints: endpoints.size, learnedRequests, otherRequests, topLearned };
}

const logs: { name: string; inputs: string[]; asDirectory?: boolean }[] = positionals.length > 0 ? positionals.map((input) => ({ name: input, inputs: [input] })) : REAL_LOGS;
const out = (line: string): void => void process.stdout.write(`${line}\n`);
out('| log | records | routes | endpoints | requests in learned `{param}`/`{slug}` routes | requests in `/{other}` |');
out('|---|---:|---:|---:|---:|---:|');
const details: string[] = [];
for (const log of logs) {
  if (!log.inputs.every((input) => existsSync(input))) {
    out(`| ${log.name} | (missing) | | | | |`);
    continue;
  }
  const counts = await countRoutes(log.asDirectory === true ? log.inputs : log.inputs.flatMap(inputFiles));
  const share = counts.records > 0 ? ` (${((100 * counts.learnedRequests) / counts.records).toFixed(1)} %)` : '';
  out(`| ${log.name} | ${counts.records} | ${counts.routes} | ${counts.endpoints} | ${counts.learnedRequests}${share} | ${counts.otherRequests} |`);
  if (counts.topLearned.length > 0) {
    details.push(`${log.name}:`);
    for (const [route, count] of counts.topLearned) details.push(`  ${count}\t${route}`);
  }
}
if (details.length > 0) out(['', ...details].join('\n'));
