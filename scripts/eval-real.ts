// `npm run eval:real`: each combined-format attack test of the CrowdSec hub spliced into the real
// elastic-apache log as benign background, run through the built CLI's analyze, and scored: is an
// expected alert address in an incident, in the top five, and how many benign background
// addresses sit in high/critical incidents. What it measures and why: docs/eval.md.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { runCli } from './eval/run-cli.js';
import { loadHubTests, REAL_DIR, type HubTest } from './eval-real/hub-tests.js';
import { mapConcurrently, positiveInt } from './eval-real/run-pool.js';
import { FLOORS, scoreTest, summarizeOutcomes, type ReportIncident, type TestOutcome } from './eval-real/score-test.js';
import { loadBackground, placeInMiddle, spliceLines, type Background } from './eval-real/splice.js';
import { loadMustFind, selectClients, type ParsedRecord } from './eval-real/judge.js';

const BACKGROUND = join(REAL_DIR, 'elastic-apache/apache_logs.gz');
const CACHE = '.cache/eval-real';

const program = new Command()
  .name('eval:real')
  .description('CrowdSec hub attack tests spliced into the real elastic-apache log, scored with the built CLI.')
  .option('--filter <text>', 'only tests whose name contains this text (comma list: any of them)')
  .option('--concurrency <n>', 'CLI runs at once', positiveInt, 2)
  .option('--json <file>', 'write the summary and per-test outcomes here', join(CACHE, 'summary.json'))
  .option('--no-snap', 'centre each test exactly on the middle instead of moving it into the nearest minute with traffic')
  .option('--keep', `keep the spliced logs under ${CACHE}/runs/`, false)
  .option('--no-build', 'do not rebuild dist/ first')
  .option('--strict', 'exit 1 when a floor is missed', false);
program.parse(process.argv);
const options = program.opts<{ filter?: string; concurrency: number; json: string; snap: boolean; keep: boolean; build: boolean; strict: boolean }>();

const say = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

if (options.build) {
  process.stderr.write('building dist/ (tsc) …\n');
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { encoding: 'utf8' });
  if (result.status !== 0) process.stderr.write(`tsc reported errors (dist/ is still emitted):\n${(result.stdout + result.stderr).trim().split('\n').slice(0, 10).join('\n')}\n`);
}

const ANALYZE_FLAGS = ['--format', 'json', '--top', '100000', '--threads', '1', '--no-config', '--quiet'];

/**
 * The background is a real log with real attacks in it: the addresses the analyst's reading of
 * elastic-apache names as attackers (its must-find items in scripts/eval-real/must-find.json,
 * the operational ones aside) are not benign when a report puts them in a high incident.
 */
async function backgroundAttackers(): Promise<Set<string>> {
  const items = (loadMustFind()['elastic-apache'] ?? []).filter((item) => !item.what.startsWith('operational'));
  const run = await runCli(['parse', BACKGROUND, '--format', 'ndjson']);
  if (run.code !== 0) throw new Error(`parse of ${BACKGROUND} exited ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  const records = run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ParsedRecord);
  const attackers = new Set<string>();
  for (const item of items) for (const client of selectClients(records, item.select).clients) attackers.add(client);
  return attackers;
}

async function runOne(test: HubTest, background: Background, benignClients: ReadonlySet<string>): Promise<TestOutcome> {
  const placement = placeInMiddle(test.lines, background, options.snap);
  const file = join(CACHE, 'runs', `${test.name}.log`);
  writeFileSync(file, spliceLines(test.lines, placement, background));
  const run = await runCli(['analyze', file, ...ANALYZE_FLAGS]);
  if (!options.keep) rmSync(file, { force: true });
  if (run.code !== 0 && run.code !== 1) throw new Error(`${test.name}: analyze exited ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  if (!run.stdout.trimStart().startsWith('{')) throw new Error(`${test.name}: analyze printed no JSON report (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const report = JSON.parse(run.stdout) as { incidents: ReportIncident[] };
  return scoreTest(test, report.incidents, benignClients, { gapsCut: placement.gapsCut, seconds: run.seconds });
}

async function runAll(tests: HubTest[], background: Background, benignClients: ReadonlySet<string>): Promise<TestOutcome[]> {
  const progress = (done: number): void => {
    if (process.stderr.isTTY) process.stderr.write(`\r${done}/${tests.length} runs`);
  };
  const outcomes = await mapConcurrently(tests, options.concurrency, (test) => runOne(test, background, benignClients), progress);
  if (process.stderr.isTTY) process.stderr.write('\n');
  return outcomes;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function renderTable(outcomes: readonly TestOutcome[]): string {
  const head = ['test', 'lines', 'expected', 'found', 'rank', 'top5', 'incident', 'benign h/c', 'inc', 'h/c'];
  const rows = outcomes.map((o) => [
    o.test + (o.gapsCut > 0 ? ` (${o.gapsCut} gaps cut)` : ''),
    String(o.lines),
    String(o.expected.length),
    String(o.found.length),
    o.bestRank === null ? '-' : String(o.bestRank),
    o.inTopFive ? 'yes' : 'no',
    o.bestKind === null ? '-' : `${o.bestKind}/${o.bestSeverity}`,
    String(o.benignHighCritical.length),
    String(o.incidents),
    String(o.highCritical),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  return [head, ...rows].map((r) => r.map((cell, i) => pad(cell, widths[i] as number)).join('  ').trimEnd()).join('\n');
}

const began = Date.now();
const filters = options.filter?.split(',').map((f) => f.trim()).filter(Boolean) ?? [];
const tests = loadHubTests().filter((t) => filters.length === 0 || filters.some((f) => t.name.includes(f)));
if (tests.length === 0) {
  process.stderr.write(`no hub test matches --filter ${options.filter}\n`);
  process.exit(2);
}
const background = loadBackground(BACKGROUND);
mkdirSync(join(CACHE, 'runs'), { recursive: true });
const attackers = await backgroundAttackers();
const benignClients = new Set([...background.clients].filter((client) => !attackers.has(client)));
const outcomes = await runAll(tests, background, benignClients);
const summary = summarizeOutcomes(outcomes);
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

say(renderTable(outcomes));
say('');
say(`hub tests spliced into ${BACKGROUND}: ${summary.tests}`);
say(`expected address in an incident:   ${summary.inIncident}/${summary.tests} = ${pct(summary.inIncidentShare)}  (floor ${pct(FLOORS.inIncident)}) ${verdict(summary.pass.inIncident)}`);
say(`expected address in the top ${5}:     ${summary.inTopFive}/${summary.tests} = ${pct(summary.inTopFiveShare)}  (floor ${pct(FLOORS.inTopFive)}) ${verdict(summary.pass.inTopFive)}`);
say(`background addresses the analyst's reading calls attackers (must-find.json), not counted as benign: ${attackers.size}`);
say(`benign addresses in high/critical: median ${summary.benignHighCriticalMedian} per run, max ${summary.benignHighCriticalMax}  (floor median ≤ ${FLOORS.benignHighCriticalMedian}) ${verdict(summary.pass.benign)}`);
const benignRuns = new Map<string, number>();
for (const o of outcomes) for (const address of o.benignHighCritical) benignRuns.set(address, (benignRuns.get(address) ?? 0) + 1);
const oftenBenign = [...benignRuns].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
if (oftenBenign.length > 0) {
  say(`benign addresses most often in high/critical (runs): ${oftenBenign.slice(0, 15).map(([a, n]) => `${a} ${n}`).join(', ')}`);
}
say(`${((Date.now() - began) / 1000).toFixed(1)} s, concurrency ${options.concurrency}`);

mkdirSync(dirname(options.json), { recursive: true });
writeFileSync(
  options.json,
  `${JSON.stringify({ background: BACKGROUND, command: `anomalog analyze <spliced log> ${ANALYZE_FLAGS.join(' ')}`, backgroundAttackers: [...attackers].sort(), floors: FLOORS, summary, benignRuns: Object.fromEntries(oftenBenign), tests: outcomes }, null, 2)}\n`,
);
say(`summary: ${options.json}`);
if (options.strict && !(summary.pass.inIncident && summary.pass.inTopFive && summary.pass.benign)) process.exit(1);
