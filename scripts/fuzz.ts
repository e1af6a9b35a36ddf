// `npm run fuzz`: mutates real access logs and the format examples, runs the
// built CLI on each mutated file and checks that it never crashes, never loses
// a line and always prints a report that matches the schema. Failing inputs are
// saved under test/regressions/, where regressions.test.ts keeps checking them.
// What is mutated and checked: docs/robustness.md.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { mulberry32, type RandomSource } from '../src/model/prng.js';
import { BASE_COMMANDS, FILE_PLACEHOLDER, REPO_ROOT, checkInput, type CommandSpec, type Failure, type FailureKind } from './fuzz/checks.js';
import { loadSeeds, type Seed } from './fuzz/corpus.js';
import { CATEGORIES, mutate, pick, type Category } from './fuzz/mutate.js';

const REPORT_FORMATS = ['table', 'ndjson', 'csv', 'markdown', 'html'] as const;
const PARSE_FORMATS = ['json', 'csv', 'table'] as const;
// `anomalog formats`; a format added there and missing here is only not forced, still detected.
const LOG_FORMATS = [
  'aws-cloudfront', 'iis-w3c', 'aws-alb', 'aws-elb-classic', 'haproxy', 'envoy-text', 'tyk-logfmt', 'ingress-nginx', 'traefik-clf',
  'apigateway-clf', 'apache-netnea', 'clf', 'gcp-http-lb', 'azure-apim', 'azure-appgw', 'kong-json', 'traefik-json', 'caddy-json',
  'tyk-json', 'envoy-json', 'apigateway-json', 'nginx-json', 'json', 'csv',
] as const;

function nonNegativeInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

function positiveInteger(value: string): number {
  const n = nonNegativeInteger(value);
  if (n === 0) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

interface GeneratedInput {
  index: number;
  category: Category;
  seed: Seed;
  data: Buffer;
  gzip: boolean;
  commands: CommandSpec[];
}

/** Input `index` of a run with `seed`: the same pair always gives the same bytes and commands. */
function generateInput(runSeed: number, index: number, groups: Map<string, Seed[]>): GeneratedInput {
  const random: RandomSource = mulberry32((Math.imul(runSeed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const keys = [...groups.keys()];
  // Half the inputs from the format examples, half from the real logs, whatever their file counts.
  const fromFormats = random() < 0.5;
  const pool = keys.filter((key) => key.startsWith('formats/') === fromFormats);
  const group = groups.get(pick(random, pool.length > 0 ? pool : keys))!;
  const seed = pick(random, group);
  const donors = [...groups.values()].map((seeds) => seeds[0]!.data);
  const category = CATEGORIES[index % CATEGORIES.length]!;
  const data = mutate(category, random, seed.data, donors);
  const commands: CommandSpec[] = [...BASE_COMMANDS];
  if (random() < 0.3) commands.push({ args: ['analyze', '--format', pick(random, REPORT_FORMATS), '--no-config', FILE_PLACEHOLDER] });
  if (random() < 0.2) commands.push({ args: ['parse', '--stats', '--format', pick(random, PARSE_FORMATS), FILE_PLACEHOLDER] });
  // A forced format runs every parser on lines it was never meant for, past the detector that would refuse them.
  if (random() < 0.2) commands.push({ args: ['parse', '--stats', '--log-format', pick(random, LOG_FORMATS), '--format', 'ndjson', FILE_PLACEHOLDER] });
  if (random() < 0.15) commands.push({ args: ['parse', '--stats', '--format', 'ndjson', '-'], stdin: true });
  if (random() < 0.1) commands.push({ args: ['parse', '--stats', '--strict', '--format', 'ndjson', FILE_PLACEHOLDER] });
  return { index, category, seed, data, gzip: data[0] === 0x1f && data[1] === 0x8b, commands };
}

interface CategoryTally {
  inputs: number;
  runs: number;
  exits: [number, number, number];
  crashes: number;
  unaccounted: number;
  schema: number;
  output: number;
  lines: number;
}

function emptyTally(): CategoryTally {
  return { inputs: 0, runs: 0, exits: [0, 0, 0], crashes: 0, unaccounted: 0, schema: 0, output: 0, lines: 0 };
}

function saveRegression(dir: string, input: GeneratedInput, runSeed: number, failures: Failure[]): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(input.data).digest('hex').slice(0, 12);
  const name = `${hash}.${input.gzip ? 'log.gz' : 'log'}`;
  writeFileSync(join(dir, name), input.data);
  const sidecar = {
    input: name,
    found: `npm run fuzz -- --seed ${runSeed} --input ${input.index}`,
    category: input.category,
    source: input.seed.source,
    commands: input.commands,
    failures: failures.map(({ kind, command, detail }) => ({ kind, command, detail: detail.slice(0, 1000) })),
  };
  writeFileSync(join(dir, `${hash}.json`), `${JSON.stringify(sidecar, null, 2)}\n`);
  return join(dir, name);
}

function renderTable(tallies: Map<Category, CategoryTally>): string {
  const header = ['category', 'inputs', 'runs', 'exit 0/1/2', 'lines read', 'crashes', 'lines unaccounted', 'schema failures', 'other failures'];
  const total = emptyTally();
  const rows: string[][] = [];
  for (const category of CATEGORIES) {
    const t = tallies.get(category) ?? emptyTally();
    rows.push([category, String(t.inputs), String(t.runs), t.exits.join('/'), String(t.lines), String(t.crashes), String(t.unaccounted), String(t.schema), String(t.output)]);
    total.inputs += t.inputs;
    total.runs += t.runs;
    t.exits.forEach((count, code) => (total.exits[code] += count));
    total.lines += t.lines;
    total.crashes += t.crashes;
    total.unaccounted += t.unaccounted;
    total.schema += t.schema;
    total.output += t.output;
  }
  rows.push(['total', String(total.inputs), String(total.runs), total.exits.join('/'), String(total.lines), String(total.crashes), String(total.unaccounted), String(total.schema), String(total.output)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const program = new Command()
    .name('fuzz')
    .description('mutate real logs and format examples, run the built CLI on each, check it never crashes or loses a line')
    .option('--seconds <n>', 'stop starting new inputs after this many seconds', positiveInteger, 60)
    .option('--seed <n>', 'seed of the mutations (same seed, same inputs in the same order)', nonNegativeInteger, Date.now() % 1_000_000)
    .option('--input <index>', 'run only input number <index> of this seed (reproduces a saved failure)', nonNegativeInteger)
    .option('--jobs <n>', 'CLI processes at once', positiveInteger, 2)
    .option('--head <n>', 'lines taken from the start of each real log', positiveInteger, 300)
    .option('--timeout <seconds>', 'a run taking longer than this is a hang', positiveInteger, 120)
    .option('--save-dir <dir>', 'where failing inputs are saved', 'test/regressions')
    .option('--shared <dir>', 'the shared data directory', '../shared/data')
    .parse();
  const options = program.opts<{ seconds: number; seed: number; input?: number; jobs: number; head: number; timeout: number; saveDir: string; shared: string }>();

  if (!existsSync(join(REPO_ROOT, 'dist/cli/main.js'))) {
    process.stderr.write('fuzz: dist/ is missing; run `npm run build` first (the fuzzer runs the built CLI)\n');
    process.exitCode = 2;
    return;
  }
  const groups = loadSeeds(join(REPO_ROOT, options.shared), REPO_ROOT, options.head);
  if (groups.size === 0) {
    process.stderr.write(`fuzz: no seed logs under ${options.shared}\n`);
    process.exitCode = 2;
    return;
  }
  const seedCount = [...groups.values()].reduce((sum, seeds) => sum + seeds.length, 0);
  const saveDir = resolve(REPO_ROOT, options.saveDir);
  const scratch = mkdtempSync(join(tmpdir(), 'anomalog-fuzz-'));
  const tallies = new Map<Category, CategoryTally>();
  const saved: string[] = [];
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  let next = options.input ?? 0;
  const last = options.input ?? Number.POSITIVE_INFINITY;
  let lastProgress = started;

  process.stdout.write(
    `anomalog fuzz: seed ${options.seed}, ${options.input === undefined ? `${options.seconds} s` : `input ${options.input} only`}, ${options.jobs} processes at once, ` +
      `${seedCount} seed files in ${groups.size} groups (first ${options.head} lines of each real log)\n`,
  );

  const worker = async (): Promise<void> => {
    while (next <= last && (options.input !== undefined || Date.now() < deadline)) {
      const input = generateInput(options.seed, next++, groups);
      const file = join(scratch, `input-${input.index}.${input.gzip ? 'log.gz' : 'log'}`);
      writeFileSync(file, input.data);
      const { failures, outcomes, counts } = await checkInput(file, input.commands, options.timeout * 1000);
      rmSync(file, { force: true });

      const tally = tallies.get(input.category) ?? emptyTally();
      tallies.set(input.category, tally);
      tally.inputs++;
      tally.runs += outcomes.length;
      for (const outcome of outcomes) if (outcome.code === 0 || outcome.code === 1 || outcome.code === 2) tally.exits[outcome.code]++;
      tally.lines += counts?.lines ?? 0;
      const count = (kind: FailureKind): number => failures.filter((failure) => failure.kind === kind).length;
      tally.crashes += count('crash');
      tally.unaccounted += failures.reduce((sum, failure) => sum + (failure.unaccountedLines ?? 0), 0);
      tally.schema += count('schema');
      tally.output += count('output');
      if (failures.length > 0) {
        const path = saveRegression(saveDir, input, options.seed, failures);
        saved.push(path);
        process.stderr.write(`fuzz: input ${input.index} (${input.category}, from ${input.seed.source}) failed, saved as ${relative(REPO_ROOT, path)}:\n`);
        for (const failure of failures) process.stderr.write(`  ${failure.kind}: ${failure.command}: ${failure.detail.slice(0, 300)}\n`);
      }
      if (Date.now() - lastProgress > 30_000) {
        lastProgress = Date.now();
        process.stderr.write(`fuzz: ${Math.round((lastProgress - started) / 1000)} s, ${next} inputs started, ${saved.length} failing\n`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.jobs }, () => worker()));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const elapsed = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`\n${renderTable(tallies)}\n\n`);
  process.stdout.write(`${elapsed} s; "lines read" counts what parse --stats read from the inputs it accepted (exit 2 inputs read nothing).\n`);
  if (saved.length > 0) {
    process.stdout.write(`${saved.length} failing input(s) saved:\n${saved.map((path) => `  ${relative(REPO_ROOT, path)}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('no failures\n');
  }
}

await main();
