// `npm run eval:real-logs`: runs the built CLI's analyze on every shared real access log and
// rewrites the generated blocks of docs/real-logs.md (top five incidents with the verdicts of
// scripts/eval-real/verdicts.json, high/critical counts, the floor, the must-find items). The
// hand-written ground truth around the blocks is kept. What it measures and why: docs/real-logs.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { runCli } from './eval/run-cli.js';
import {
  checkMustFind, incidentSignature, loadMustFind, loadVerdicts, worthALook,
  type LogIncident, type MustFindOutcome, type ParsedRecord, type Verdict,
} from './eval-real/judge.js';
import { NOT_READ, realLogs, type RealLog } from './eval-real/real-logs.js';
import { mapConcurrently, positiveInt } from './eval-real/run-pool.js';

const DOC = 'docs/real-logs.md';
// Another checkout's CLI (ANOMALOG_CLI) gets its own cache, so --cached never mixes two builds.
const CACHE = process.env.ANOMALOG_CLI ? `.cache/eval-real-logs-${basename(resolve(process.env.ANOMALOG_CLI, '..', '..'))}` : '.cache/eval-real-logs';
const TOP = 5;
const ANALYZE_FLAGS = ['--format', 'json', '--top', '100000', '--threads', '1', '--no-config', '--quiet'];

const program = new Command()
  .name('eval:real-logs')
  .description('Analyze every shared real log with the built CLI and regenerate the report blocks of docs/real-logs.md.')
  .option('--only <ids>', 'only these logs (comma list of ids); the other blocks are left as they are')
  .option('--concurrency <n>', 'CLI runs at once', positiveInt, 2)
  .option('--cached', `re-render from the reports of the last run (${CACHE}/), e.g. after writing verdicts`, false)
  .option('--no-build', 'do not rebuild dist/ first')
  .option('--no-write', `print the summary without rewriting ${DOC}`);
program.parse(process.argv);
const options = program.opts<{ only?: string; concurrency: number; cached: boolean; build: boolean; write: boolean }>();

if (options.build && !options.cached) {
  process.stderr.write('building dist/ (tsc) …\n');
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'inherit' });
}

interface LogOutcome {
  log: RealLog;
  incidents: LogIncident[];
  records: number;
  highCritical: number;
  top: Array<{ incident: LogIncident; signature: string; verdict: Verdict | undefined }>;
  /** High/critical incidents below the top five judged benign or not judged. */
  criticalBelow: Array<{ incident: LogIncident; signature: string; verdict: Verdict | undefined }>;
  mustFind: MustFindOutcome[];
  seconds: number;
  commit: string;
}

const verdicts = loadVerdicts();
const mustFind = loadMustFind();

async function parseRecords(log: RealLog): Promise<ParsedRecord[]> {
  const run = await runCli(['parse', ...log.inputs, '--format', 'ndjson']);
  if (run.code !== 0) throw new Error(`parse of ${log.id} exited ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ParsedRecord);
}

interface CachedRun {
  report: { incidents: LogIncident[]; input: { records: number } };
  records: ParsedRecord[];
  seconds: number;
  /** Commit of the CLI that made the report. */
  commit: string;
}

async function analyze(log: RealLog): Promise<CachedRun> {
  const cached = join(CACHE, `${log.id}.json`);
  if (options.cached) return JSON.parse(readFileSync(cached, 'utf8')) as CachedRun;
  const run = await runCli(['analyze', ...log.inputs, ...ANALYZE_FLAGS]);
  if (run.code !== 0 && run.code !== 1) throw new Error(`${log.id}: analyze exited ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  if (!run.stdout.trimStart().startsWith('{')) throw new Error(`${log.id}: analyze printed no JSON report (exit ${run.code}): ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const result: CachedRun = { report: JSON.parse(run.stdout) as CachedRun['report'], records: (mustFind[log.id] ?? []).length > 0 ? await parseRecords(log) : [], seconds: run.seconds, commit };
  writeFileSync(cached, JSON.stringify(result));
  return result;
}

async function evaluate(log: RealLog): Promise<LogOutcome> {
  const { report, records, seconds, commit: madeAt } = await analyze(log);
  const judged = report.incidents.map((incident) => {
    const signature = incidentSignature(log.id, incident);
    return { incident, signature, verdict: verdicts[signature] };
  });
  const items = mustFind[log.id] ?? [];
  return {
    log,
    incidents: report.incidents,
    records: report.input.records,
    highCritical: report.incidents.filter((i) => i.severity === 'high' || i.severity === 'critical').length,
    top: judged.slice(0, TOP),
    criticalBelow: judged.slice(TOP).filter((j) => j.incident.severity === 'critical' && !worthALook(j.verdict)),
    mustFind: items.map((item) => checkMustFind(item, records, report.incidents)),
    seconds,
    commit: madeAt,
  };
}

// Log fields are attacker-controlled: keep table cells on one line and free of markdown.
function cell(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, '?').replace(/\|/g, '\\|').replace(/`/g, "'");
}

function list(values: readonly string[], shown: number): string {
  if (values.length === 0) return '–';
  const head = values.slice(0, shown).join(', ');
  return values.length > shown ? `${head} +${values.length - shown}` : head;
}

interface Floor {
  worth: number;
  benignCritical: number;
  unjudged: number;
  holds: boolean | null;
}

function floorOf(outcome: LogOutcome): Floor {
  const worth = outcome.top.filter((t) => worthALook(t.verdict)).length;
  const benignCritical = [...outcome.top, ...outcome.criticalBelow].filter((t) => t.incident.severity === 'critical' && t.verdict?.verdict === 'benign').length;
  const unjudged = [...outcome.top, ...outcome.criticalBelow].filter((t) => t.verdict === undefined).length;
  const needed = Math.min(4, outcome.top.length);
  const holds = outcome.log.worthFinding ? worth >= needed && benignCritical === 0 : benignCritical === 0;
  return { worth, benignCritical, unjudged, holds: unjudged > 0 && !holds ? null : holds };
}

function incidentRow(t: { incident: LogIncident; signature: string; verdict: Verdict | undefined }): string {
  const i = t.incident;
  const routes = i.endpoints && i.endpoints.length > 0 ? i.endpoints : i.endpoint ? [i.endpoint] : [];
  const verdict = t.verdict ? `**${t.verdict.verdict}**` : '**unjudged**';
  const reason = t.verdict ? cell(t.verdict.reason) : `signature \`${cell(t.signature)}\``;
  return `| ${i.rank} | ${i.kind} | ${i.severity} | ${i.confidence} | ${cell(list(i.clients, 3))} (${i.clients.length}) | ${cell(list(routes, 2))} | ${i.requests} | ${verdict} | ${reason} |`;
}

function renderLog(outcome: LogOutcome): string {
  const floor = floorOf(outcome);
  const lines: string[] = [];
  lines.push(`\`anomalog analyze ${outcome.log.shown}\` at ${outcome.commit}: ${outcome.records} records, ${outcome.incidents.length} incident${outcome.incidents.length === 1 ? '' : 's'}, **${outcome.highCritical} high/critical**.`);
  lines.push('');
  lines.push('| # | kind | severity | conf. | clients | routes | requests | verdict | why |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const t of outcome.top) lines.push(incidentRow(t));
  if (outcome.criticalBelow.length > 0) {
    lines.push('');
    lines.push(`Critical below the top five and not judged worth a look (${outcome.criticalBelow.length}):`);
    lines.push('');
    lines.push('| # | kind | severity | conf. | clients | routes | requests | verdict | why |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const t of outcome.criticalBelow) lines.push(incidentRow(t));
  }
  lines.push('');
  const floorText = floor.holds === null ? 'not decided until the unjudged incidents are read' : floor.holds ? 'holds' : 'does not hold';
  lines.push(
    outcome.log.worthFinding
      ? `Floor (≥ 4 of the top 5 worth a look, nothing benign critical): ${floor.worth} of ${outcome.top.length} worth a look, ${floor.benignCritical} benign critical${floor.unjudged > 0 ? `, ${floor.unjudged} unjudged` : ''}: **${floorText}**.`
      : `Nothing here needs finding; floor (nothing benign critical): ${floor.benignCritical} benign critical${floor.unjudged > 0 ? `, ${floor.unjudged} unjudged` : ''}: **${floorText}**.`,
  );
  if (outcome.mustFind.length > 0) {
    lines.push('');
    lines.push('| must find | clients | requests | found | in the report |');
    lines.push('|---|---|---|---|---|');
    for (const m of outcome.mustFind) {
      const found = m.found ? `yes, rank ${m.rank}` : m.split ? `split, first at rank ${m.rank}` : '**missed**';
      const where = m.by === 'window'
        ? `${m.spreadOver} incident${m.spreadOver === 1 ? '' : 's'} overlap the outage`
        : m.spreadOver === 0 ? 'in no incident' : `${m.covered} of ${m.clients} clients in ${m.spreadOver} incident${m.spreadOver === 1 ? '' : 's'}, at most ${m.bestHeld} in one`;
      lines.push(`| ${cell(m.what)} (\`${m.id}\`) | ${m.clients} | ${m.requests} | ${found} | ${where} |`);
    }
  }
  return lines.join('\n');
}

function renderSummary(outcomes: readonly LogOutcome[], commit: string): string {
  const lines = [
    `Generated by \`npm run eval:real-logs\` at ${commit} (${new Date().toISOString().slice(0, 10)}).`,
    '',
    '| log | records | incidents | high/critical | top 5 worth a look | benign critical | unjudged | must find | floor |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const o of outcomes) {
    const f = floorOf(o);
    const found = o.mustFind.filter((m) => m.found).length;
    const split = o.mustFind.filter((m) => m.split).length;
    const floorText = f.holds === null ? 'undecided' : f.holds ? 'holds' : '**fails**';
    lines.push(
      `| [${o.log.id}](#${o.log.id}) | ${o.records} | ${o.incidents.length} | ${o.highCritical} | ${o.log.worthFinding ? `${f.worth}/${o.top.length}` : 'n/a'} | ${f.benignCritical} | ${f.unjudged} | ${o.mustFind.length > 0 ? `${found}/${o.mustFind.length}${split > 0 ? ` (+${split} split)` : ''}` : '–'} | ${floorText} |`,
    );
  }
  const worth = outcomes.filter((o) => o.log.worthFinding);
  const share = worth.reduce((s, o) => s + floorOf(o).worth, 0) / Math.max(1, worth.reduce((s, o) => s + o.top.length, 0));
  lines.push('');
  lines.push(`Across the logs that hold something worth finding, ${Math.round(share * 100)}% of the top-five incidents are worth a look.`);
  lines.push('');
  lines.push('Not read here: ' + NOT_READ.map((n) => `\`${n.dir}\` (${n.why})`).join('; ') + '.');
  return lines.join('\n');
}

function replaceBlock(doc: string, id: string, body: string): string {
  const start = `<!-- generated:${id} -->`;
  const end = `<!-- /generated:${id} -->`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${DOC} has no block ${start} … ${end}`);
  return `${doc.slice(0, from + start.length)}\n${body}\n${doc.slice(to)}`;
}

const only = options.only?.split(',').map((s) => s.trim()) ?? null;
const logs = realLogs().filter((l) => only === null || only.includes(l.id));
if (logs.length === 0) {
  process.stderr.write(`no log matches --only ${options.only}; ids: ${realLogs().map((l) => l.id).join(', ')}\n`);
  process.exit(2);
}
// The commit of the CLI measured: this checkout's, or that of the checkout ANOMALOG_CLI points into.
const cliDir = process.env.ANOMALOG_CLI ? join(process.env.ANOMALOG_CLI, '..', '..') : '.';
const commit = execFileSync('git', ['-C', cliDir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const began = Date.now();
mkdirSync(CACHE, { recursive: true });
const outcomes = await mapConcurrently(logs, options.concurrency, evaluate);

for (const o of outcomes) {
  const f = floorOf(o);
  process.stdout.write(
    `${o.log.id.padEnd(22)} ${String(o.incidents.length).padStart(4)} incidents ${String(o.highCritical).padStart(4)} high/critical  top5 worth ${f.worth}/${o.top.length}  benign critical ${f.benignCritical}  unjudged ${f.unjudged}  must-find ${o.mustFind.filter((m) => m.found).length}/${o.mustFind.length}  ${o.seconds.toFixed(1)} s\n`,
  );
}
process.stdout.write(`${((Date.now() - began) / 1000).toFixed(1)} s\n`);

// The incidents a person still has to read, with their raw sample lines, to write verdicts from.
const toJudge: string[] = [];
for (const o of outcomes) {
  for (const t of [...o.top, ...o.criticalBelow]) {
    if (t.verdict !== undefined) continue;
    toJudge.push(`## ${JSON.stringify(t.signature)}\n${t.incident.rank}. ${t.incident.severity} ${t.incident.kind} conf ${t.incident.confidence} ${t.incident.start}..${t.incident.end}\n${t.incident.summary}`);
    const byFile = new Map<string, string[]>();
    for (const s of t.incident.samples ?? []) {
      if (!byFile.has(s.file)) byFile.set(s.file, readSource(s.file));
      toJudge.push(`  ${s.file}:${s.line}: ${(byFile.get(s.file)?.[s.line - 1] ?? '').slice(0, 300)}`);
    }
  }
}
writeFileSync(join(CACHE, 'unjudged.md'), `${toJudge.join('\n')}\n`);
writeFileSync(join(CACHE, 'summary.json'), `${JSON.stringify(outcomes.map((o) => ({ log: o.log.id, records: o.records, incidents: o.incidents.length, highCritical: o.highCritical, floor: floorOf(o), top: o.top.map((t) => ({ signature: t.signature, severity: t.incident.severity, verdict: t.verdict?.verdict ?? 'unjudged' })), mustFind: o.mustFind })), null, 2)}\n`);
process.stdout.write(`unjudged incidents with their sample lines: ${join(CACHE, 'unjudged.md')}\n`);

function readSource(file: string): string[] {
  const bytes = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
  return text.split('\n');
}

if (options.write) {
  let doc = readFileSync(DOC, 'utf8');
  if (only === null) doc = replaceBlock(doc, 'summary', renderSummary(outcomes, outcomes[0]?.commit ?? commit));
  for (const o of outcomes) doc = replaceBlock(doc, o.log.id, renderLog(o));
  writeFileSync(DOC, doc);
  process.stdout.write(`${DOC} rewritten\n`);
}
