// `npm run bench`: times anomalog parse / analyze / score on generated nginx logs
// (plain and gzipped) beside GoAccess on the same files, and checks the targets of
// the performance issue. Runs are interleaved (every command once per round) so a
// busy machine slows every command alike; medians are reported.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchInput, sizeLabel, type BenchInput } from './bench/inputs.js';
import { HAS_GNU_TIME, measure, median, type CommandSpec, type Measurement } from './bench/measure.js';

const { values: flags } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    sizes: { type: 'string' },
    'no-goaccess': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npm run bench -- [--full] [--runs N] [--sizes 100k,1M] [--no-goaccess] [--no-build]

Generates nginx logs (cached in .cache/bench/), then times, N runs each (median):
  anomalog parse --format ndjson FILE > /dev/null      plain and .gz
  anomalog analyze --format json FILE > /dev/null      plain and .gz
  anomalog show '#1' --report R --format ndjson > /dev/null   plain (R: analyze of FILE, not timed)
  anomalog score --baseline B FILE > /dev/null         plain (B learned from a clean day)
  goaccess FILE -o report.json                         plain, when goaccess is installed
Sizes: 100k and 1M lines; --full adds 10M.
`);
  process.exit(0);
}

const runs = Math.max(1, Number(flags.runs));
const sizes = flags.sizes !== undefined ? flags.sizes.split(',').map(parseSize) : flags.full ? [100_000, 1_000_000, 10_000_000] : [100_000, 1_000_000];
const log = (text: string): void => void process.stderr.write(`${text}\n`);

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) throw new Error(`bad size ${text}`);
  const unit = match[2]!.toLowerCase() === 'k' ? 1000 : match[2]!.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(match[1]) * unit);
}

function which(command: string): string | null {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

const goaccess = flags['no-goaccess'] ? null : which('goaccess');
const GOACCESS_FORMAT = ['--log-format=%h %^[%d:%t %^] "%r" %s %b "%R" "%u" %T', '--date-format=%d/%b/%Y', '--time-format=%T'];

type Variant = 'plain' | 'gz';
interface Case {
  tool: 'anomalog' | 'goaccess';
  command: string;
  variant: Variant;
  input: BenchInput;
  spec: CommandSpec;
  samples: Measurement[];
}

const anomalog = (...args: string[]): string[] => [process.execPath, 'bin/anomalog', ...args];

function casesFor(input: BenchInput, baseline: string, report: string): Case[] {
  const make = (tool: Case['tool'], command: string, variant: Variant, spec: CommandSpec): Case => ({ tool, command, variant, input, spec, samples: [] });
  const file = (variant: Variant): string => (variant === 'plain' ? input.plain : input.gzip);
  const cases: Case[] = [];
  for (const variant of ['plain', 'gz'] as const) {
    cases.push(make('anomalog', 'parse', variant, { argv: anomalog('parse', '--format', 'ndjson', file(variant)) }));
    cases.push(make('anomalog', 'analyze', variant, { argv: anomalog('analyze', '--no-config', '--format', 'json', file(variant)), okCodes: [0, 1] }));
  }
  cases.push(make('anomalog', 'score', 'plain', { argv: anomalog('score', '--no-config', '--format', 'json', '--baseline', baseline, input.plain), okCodes: [0, 1] }));
  // `show` of the first incident: a filtered read of the same file, every line behind it as NDJSON.
  cases.push(make('anomalog', 'show', 'plain', { argv: anomalog('show', '#1', '--report', report, '--format', 'ndjson') }));
  if (goaccess !== null) {
    const out = `.cache/bench/goaccess-${sizeLabel(input.size)}.json`;
    cases.push(make('goaccess', 'goaccess', 'plain', { argv: [goaccess, input.plain, ...GOACCESS_FORMAT, '--no-progress', '-o', out] }));
  }
  return cases;
}

function machine(): string {
  const model = cpus()[0]?.model ?? 'unknown CPU';
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout?.trim() ?? String(cpus().length);
  const goaccessVersion = goaccess === null ? 'not installed' : (spawnSync(goaccess, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '').trim();
  return `${nproc} cores (${model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, ${goaccessVersion}, peak RSS from ${HAS_GNU_TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS'}`;
}

async function main(): Promise<void> {
  if (!flags['no-build']) {
    log('building dist/ (npm run build)…');
    const built = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) log('warning: the build reported errors; timing the dist/ that was emitted');
  }
  const all: Case[] = [];
  for (const size of sizes) {
    const input = await benchInput(size, log);
    const baseline = `.cache/bench/nginx-${sizeLabel(size)}/baseline.json`;
    log(`learning ${baseline} from ${input.learn} (not timed)…`);
    await measure({ argv: anomalog('learn', '--no-config', '--quiet', '--output', baseline, input.learn) });
    const report = `.cache/bench/nginx-${sizeLabel(size)}/report.json`;
    log(`writing ${report} for show (not timed)…`);
    await measure({ argv: anomalog('analyze', '--no-config', '--quiet', '--output', report, input.plain), okCodes: [0, 1] });
    const cases = casesFor(input, baseline, report);
    for (let round = 1; round <= runs; round++) {
      for (const c of cases) {
        log(`[${sizeLabel(size)} round ${round}/${runs}] ${c.command} ${c.variant}`);
        c.samples.push(await measure(c.spec));
      }
    }
    all.push(...cases);
  }
  const report = render(all);
  process.stdout.write(report);
  mkdirSync('.cache/bench', { recursive: true });
  writeFileSync('.cache/bench/results.md', report);
  log('written to .cache/bench/results.md');
}

interface Row {
  c: Case;
  wallMs: number;
  rssBytes: number | null;
}

function summarize(c: Case): Row {
  const rss = c.samples.map((s) => s.peakRssBytes).filter((v): v is number => v !== null);
  return { c, wallMs: median(c.samples.map((s) => s.wallMs)), rssBytes: rss.length > 0 ? Math.max(...rss) : null };
}

function render(cases: Case[]): string {
  const rows = cases.map(summarize);
  const find = (size: number, command: string, variant: Variant): Row | undefined => rows.find((r) => r.c.input.size === size && r.c.command === command && r.c.variant === variant);
  const out: string[] = [];
  out.push(`Machine: ${machine()}`);
  out.push(`Command: npm run bench -- --runs ${runs} --sizes ${sizes.map(sizeLabel).join(',')}${flags['no-goaccess'] ? ' --no-goaccess' : ''}`);
  out.push('');
  out.push('| input | command | variant | median wall | lines/s | peak RSS | GoAccess wall ÷ this |');
  out.push('|---|---|---|---:|---:|---:|---:|');
  for (const row of rows) {
    const { c } = row;
    const ga = find(c.input.size, 'goaccess', 'plain');
    const ratio = ga !== undefined && c.tool === 'anomalog' ? `${(ga.wallMs / row.wallMs).toFixed(1)}×` : '';
    const label = `${sizeLabel(c.input.size)} (${c.input.lines.toLocaleString('en-US')} lines, ${(c.input.bytes / 1e6).toFixed(0)} MB)`;
    out.push(
      `| ${label} | ${c.tool === 'goaccess' ? 'goaccess' : `anomalog ${c.command}`} | ${c.variant} | ${(row.wallMs / 1000).toFixed(2)} s | ${Math.round(c.input.lines / (row.wallMs / 1000)).toLocaleString('en-US')} | ${row.rssBytes === null ? 'n/a' : `${(row.rssBytes / 2 ** 20).toFixed(0)} MB`} | ${ratio} |`,
    );
  }
  out.push('');
  out.push('Targets (issue 5, at 1M lines):');
  const check = (name: string, pass: boolean | null, detail: string): void => void out.push(`- ${pass === null ? 'SKIP' : pass ? 'PASS' : 'FAIL'} ${name}: ${detail}`);
  const M = 1_000_000;
  const ga = find(M, 'goaccess', 'plain');
  const analyze = find(M, 'analyze', 'plain');
  const parse = find(M, 'parse', 'plain');
  if (ga && analyze) check('analyze ≥ 8× faster than GoAccess', ga.wallMs / analyze.wallMs >= 8, `${(ga.wallMs / analyze.wallMs).toFixed(1)}× (${fmt(analyze.wallMs)} vs ${fmt(ga.wallMs)})`);
  else check('analyze ≥ 8× faster than GoAccess', null, 'needs goaccess and the 1M size');
  if (ga && parse) check('parse ≥ 15× faster than GoAccess', ga.wallMs / parse.wallMs >= 15, `${(ga.wallMs / parse.wallMs).toFixed(1)}× (${fmt(parse.wallMs)} vs ${fmt(ga.wallMs)})`);
  else check('parse ≥ 15× faster than GoAccess', null, 'needs goaccess and the 1M size');
  if (analyze?.rssBytes != null) check('analyze peak RSS ≤ 400 MB at 1M', analyze.rssBytes <= 400 * 2 ** 20, mb(analyze.rssBytes));
  else check('analyze peak RSS ≤ 400 MB at 1M', null, 'needs the 1M size and an RSS reading');
  const analyze10 = find(10 * M, 'analyze', 'plain');
  if (analyze10?.rssBytes != null && analyze?.rssBytes != null) {
    check('analyze peak RSS at 10M ≤ 1.5× its 1M figure', analyze10.rssBytes <= 1.5 * analyze.rssBytes, `${mb(analyze10.rssBytes)} vs ${mb(analyze.rssBytes)} (${(analyze10.rssBytes / analyze.rssBytes).toFixed(2)}×)`);
  } else check('analyze peak RSS at 10M ≤ 1.5× its 1M figure', null, 'run with --full');
  for (const command of ['parse', 'analyze']) {
    const plain = find(M, command, 'plain');
    const gz = find(M, command, 'gz');
    if (plain && gz) check(`${command} .gz ≥ 0.7× plain speed`, plain.wallMs / gz.wallMs >= 0.7, `${(plain.wallMs / gz.wallMs).toFixed(2)}× (${fmt(gz.wallMs)} vs ${fmt(plain.wallMs)})`);
  }
  const score = find(M, 'score', 'plain');
  const show = find(M, 'show', 'plain');
  if (show && parse) check('show of an incident no slower than parse', show.wallMs <= parse.wallMs, `${fmt(show.wallMs)} vs ${fmt(parse.wallMs)}`);
  else check('show of an incident no slower than parse', null, 'needs the 1M size');
  if (score && analyze) check('score at least as fast as analyze', score.wallMs <= analyze.wallMs, `${fmt(score.wallMs)} vs ${fmt(analyze.wallMs)}`);
  return `${out.join('\n')}\n`;
}

const fmt = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MB`;

await main();
