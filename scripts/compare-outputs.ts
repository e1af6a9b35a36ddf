// `npm run compare:outputs -- [A] [B]`: are two builds of anomalog the same product, byte for byte?
// Runs both builds on the same inputs (the bench log, the generated eval days, the generated
// fixtures and every shared real log), with every report format, the learned baseline, its
// `inspect` and the score against it, and says "byte-identical" or lists what differs.
//
// A and B are git revisions (`main`, `HEAD~1`, a sha) or `.` for this working tree as it is
// (built first). Default: `main .`. A git revision is exported with `git archive` into
// .cache/compare/build-<sha>/ (no worktree is registered), built there with this checkout's
// node_modules, and its outputs are cached under .cache/compare/out-<sha>-<inputs>/ since they
// cannot change; `.` is rerun every time. Every run has this repository as its working directory
// and the same relative input paths, so the paths printed in reports match.
//
// Why a restructuring uses it: a refactor must leave every report and baseline as it was, so the
// comparison is between main before the change and the change (others' detection work changes
// outputs legitimately; main-before vs main-after would show theirs as well).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchInput } from './bench/inputs.js';
import { prepareScenarios } from './eval/scenarios.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'bench-size': { type: 'string', default: '1M' },
    only: { type: 'string' },
    'eval-rate': { type: 'string', default: '3.5' },
    formats: { type: 'string' },
    save: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (flags.help) {
  process.stdout.write(`Usage: npm run compare:outputs -- [A] [B] [--bench-size 1M|100k|0] [--only bench,eval,fixtures,real] [--eval-rate R] [--formats json,…]
       npm run compare:outputs -- --save DIR [REV]     (only write REV's outputs into DIR)

A and B: git revisions, or . for this working tree (default: main .).
For every input: analyze in table/json/ndjson/csv/markdown/html, learn (the baseline file),
inspect of that baseline, score against it (json and table); stdout, stderr and exit code of each.
Exit code 0 when every output is byte-identical, 1 when something differs, 2 on a usage error.
--bench-size 0 leaves the bench log out; --eval-rate 1.2 uses the smaller eval days (eval --quick).
--formats json runs analyze and score in those report formats only (every format renders the same
Report: a change that leaves the renderers alone is judged by its JSON at a sixth of the runs).
`);
  process.exit(0);
}

const ROOT = process.cwd();
const CACHE = '.cache/compare';
const log = (text: string): void => void process.stderr.write(`${text}\n`);
const REPORT_FORMATS = ['table', 'json', 'ndjson', 'csv', 'markdown', 'html'] as const;
const GROUPS = ['bench', 'eval', 'fixtures', 'real'] as const;
type Group = (typeof GROUPS)[number];

function usage(message: string): never {
  log(`compare-outputs: ${message}`);
  process.exit(2);
}

const groups = new Set<Group>(
  flags.only === undefined
    ? GROUPS
    : flags.only.split(',').map((g) => {
        if (!(GROUPS as readonly string[]).includes(g)) usage(`unknown group "${g}" (known: ${GROUPS.join(', ')})`);
        return g as Group;
      }),
);
const reportFormats: readonly string[] =
  flags.formats === undefined
    ? REPORT_FORMATS
    : flags.formats.split(',').map((f) => {
        if (!(REPORT_FORMATS as readonly string[]).includes(f)) usage(`unknown format "${f}" (known: ${REPORT_FORMATS.join(', ')})`);
        return f;
      });
const benchSize = parseSize(flags['bench-size']);
const evalRate = Number(flags['eval-rate']);
if (!Number.isFinite(evalRate) || evalRate <= 0) usage(`--eval-rate must be a positive number, not "${flags['eval-rate']}"`);

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (!match) usage(`bad --bench-size "${text}" (e.g. 1M, 100k, 0)`);
  const unit = match[2]!.toLowerCase() === 'k' ? 1000 : match[2]!.toLowerCase() === 'm' ? 1_000_000 : 1;
  return Math.round(Number(match[1]) * unit);
}

/** One command of one input; `{out}` in args is replaced by that build's output directory. */
interface Case {
  name: string;
  args: string[];
}

/** The cases of one log input: every report format of analyze, the learned baseline and what reads it. */
function casesFor(label: string, inputs: string[], options: { learnFrom?: string[]; formats?: readonly string[]; learn?: boolean } = {}): Case[] {
  const formats = (options.formats ?? REPORT_FORMATS).filter((f) => reportFormats.includes(f));
  const cases: Case[] = formats.map((format) => ({
    name: `${label}.analyze.${format}`,
    args: ['analyze', '--no-config', '--no-color', '--format', format, ...inputs],
  }));
  if (options.learn === false) return cases;
  const baseline = `{out}/${label}.baseline.json`;
  cases.push({ name: `${label}.learn`, args: ['learn', '--no-config', '-o', baseline, ...(options.learnFrom ?? inputs)] });
  // inspect has no --no-color (it prints no color): with it, every inspect run only printed a usage error.
  cases.push({ name: `${label}.inspect`, args: ['inspect', '--format', 'json', baseline] });
  for (const format of ['json', 'table'].filter((f) => formats.includes(f))) {
    cases.push({ name: `${label}.score.${format}`, args: ['score', '--no-config', '--no-color', '--format', format, '--baseline', baseline, ...inputs] });
  }
  return cases;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}

async function collectCases(): Promise<{ cases: Case[]; key: string }> {
  const cases: Case[] = [];
  if (groups.has('bench') && benchSize > 0) {
    const input = await benchInput(benchSize, log);
    cases.push(...casesFor(`bench-${benchSize}`, [input.plain], { learnFrom: [input.learn] }));
  }
  if (groups.has('eval')) {
    const scenarios = await prepareScenarios(
      { formats: ['nginx', 'apigw', 'json'], seed: 101, ratePerSecond: evalRate, startMs: Date.parse('2026-03-03T00:00:00Z') },
      '.cache/eval',
      log,
    );
    for (const s of scenarios) {
      cases.push(...casesFor(`eval-${s.format}-${evalRate}`, [s.incidentFile], { learnFrom: [s.learnFile] }));
      cases.push(...casesFor(`eval-${s.format}-${evalRate}-clean`, [s.cleanFile], { learnFrom: [s.learnFile], formats: ['json'] }));
    }
  }
  if (groups.has('fixtures')) {
    for (const dir of ['fixtures/generated/clean-nginx', ...readdirSync('fixtures/generated/kinds').sort().map((k) => `fixtures/generated/kinds/${k}`), 'fixtures/generated/learn-score-apigw']) {
      const logs = listFiles(dir).filter((f) => !f.endsWith('.json'));
      cases.push(...casesFor(dir.replaceAll('/', '_'), logs, { formats: ['json', 'table'] }));
    }
  }
  if (groups.has('real')) {
    const real = '../shared/data/real';
    for (const name of readdirSync(real).sort()) {
      const dir = join(real, name);
      if (!statSync(dir).isDirectory()) continue;
      const logs = listFiles(dir).filter((f) => !/PROVENANCE\.md$|labels\.csv$/.test(f));
      if (name === 'crowdsec-hub-tests') {
        // Each hub test alone (what the analyst reads) and the whole directory at once.
        cases.push(...casesFor(`real-${name}-all`, logs));
        for (const file of logs) cases.push(...casesFor(`real-${name}-${file.slice(dir.length + 1).replaceAll('/', '_')}`, [file], { formats: ['json'], learn: false }));
      } else {
        cases.push(...casesFor(`real-${name}`, logs));
      }
    }
  }
  const key = createHash('sha256').update(JSON.stringify(cases)).digest('hex').slice(0, 10);
  return { cases, key };
}

function git(...args: string[]): string {
  const result = spawnSync('git', args, { encoding: 'utf8' });
  if (result.status !== 0) usage(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** The directory whose bin/anomalog runs this revision (built). */
function buildOf(rev: string): { dir: string; id: string; cacheable: boolean } {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  if (rev === '.') {
    log('building this working tree …');
    const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { encoding: 'utf8' });
    if (built.status !== 0) usage(`tsc failed in this working tree:\n${built.stdout}${built.stderr}`);
    return { dir: ROOT, id: 'worktree', cacheable: false };
  }
  const sha = git('rev-parse', '--verify', `${rev}^{commit}`);
  const dir = resolve(CACHE, `build-${sha}`);
  if (!existsSync(join(dir, 'dist/cli/main.js'))) {
    log(`exporting and building ${rev} (${sha.slice(0, 10)}) …`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const archive = spawnSync('sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], { encoding: 'utf8' });
    if (archive.status !== 0) usage(`git archive ${sha} failed: ${archive.stderr}`);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    const built = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    if (!existsSync(join(dir, 'dist/cli/main.js'))) usage(`tsc failed for ${rev}:\n${built.stdout}${built.stderr}`);
  }
  return { dir, id: sha.slice(0, 12), cacheable: true };
}

/**
 * Runs every case with one build into a directory of `<case>.stdout|.stderr|.code` and the files
 * the cases wrote. A git revision's directory is kept: a run that was stopped resumes where it
 * was (a case counts as done once its .code is written).
 */
async function runAll(rev: string, cases: Case[], key: string, saveTo?: string): Promise<string> {
  const build = buildOf(rev);
  const out = resolve(saveTo ?? join(CACHE, `out-${build.id}-${key}`));
  const done = join(out, '.complete');
  const resume = saveTo === undefined && build.cacheable;
  if (resume && existsSync(done)) {
    log(`${rev}: outputs cached in ${out}`);
    return out;
  }
  if (!resume) rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const began = Date.now();
  for (const [i, c] of cases.entries()) {
    if (resume && existsSync(join(out, `${c.name}.code`))) continue;
    const args = c.args.map((a) => a.replaceAll('{out}', out));
    const run = await runCase([join(build.dir, 'bin/anomalog'), ...args]);
    writeFileSync(join(out, `${c.name}.stdout`), run.stdout);
    writeFileSync(join(out, `${c.name}.stderr`), run.stderr);
    writeFileSync(join(out, `${c.name}.code`), `${run.code}\n`);
    if ((i + 1) % 10 === 0 || i + 1 === cases.length) log(`${rev}: ${i + 1}/${cases.length} runs (${Math.round((Date.now() - began) / 1000)} s)`);
  }
  writeFileSync(done, `${cases.length}\n`);
  return out;
}

function runCase(argv: string[]): Promise<{ stdout: Buffer; stderr: Buffer; code: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: ROOT,
      env: { ...process.env, COLUMNS: '120', NO_COLOR: '1', FORCE_COLOR: '0', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), code: String(code ?? signal) }));
  });
}

/** Byte comparison of two output directories; each side's own directory name (a baseline's path in a report) reads as {out}. */
function compare(a: string, b: string): { same: number; differ: string[] } {
  const names = new Set([...readdirSync(a), ...readdirSync(b)].filter((n) => n !== '.complete'));
  const differ: string[] = [];
  let same = 0;
  const read = (dir: string, name: string): Buffer => {
    const bytes = readFileSync(join(dir, name));
    return bytes.includes(dir) ? Buffer.from(bytes.toString('latin1').replaceAll(dir, '{out}'), 'latin1') : bytes;
  };
  for (const name of [...names].sort()) {
    const pa = join(a, name);
    const pb = join(b, name);
    if (!existsSync(pa) || !existsSync(pb)) differ.push(`${name} (only in ${existsSync(pa) ? 'A' : 'B'})`);
    else if (!read(a, name).equals(read(b, name))) differ.push(name);
    else same++;
  }
  return { same, differ };
}

const { cases, key } = await collectCases();
log(`${cases.length} runs per build`);
if (flags.save !== undefined) {
  await runAll(positionals[0] ?? '.', cases, key, flags.save);
  log(`saved in ${flags.save}`);
  process.exit(0);
}
if (positionals.length > 2) usage('at most two revisions');
const [revA, revB] = [positionals[0] ?? 'main', positionals[1] ?? '.'];
// Both builds at once (two processes): each compares against the other's same inputs.
const sameBuild = revA !== '.' && revB !== '.' && git('rev-parse', `${revA}^{commit}`) === git('rev-parse', `${revB}^{commit}`);
if (sameBuild) log(`${revA} and ${revB} are the same commit: running it once`);
const [outA, outB] = sameBuild
  ? await runAll(revA, cases, key).then((out) => [out, out])
  : await Promise.all([runAll(revA, cases, key), runAll(revB, cases, key)]);
const { same, differ } = compare(outA, outB);
const baselines = (list: string[]): number => list.filter((n) => n.endsWith('.baseline.json')).length;
const all = readdirSync(outA).filter((n) => n !== '.complete');
process.stdout.write(`compared ${revA} and ${revB}: ${cases.length} runs, ${all.length} files (${baselines(all)} baselines; stdout, stderr and exit code of each run)\n`);
if (differ.length === 0) {
  process.stdout.write(`byte-identical: all ${same} files\n`);
} else {
  process.stdout.write(`DIFFERENT: ${differ.length} of ${same + differ.length} files\n`);
  for (const name of differ) process.stdout.write(`  ${name}   (diff ${join(outA, name)} ${join(outB, name)})\n`);
  process.exit(1);
}
