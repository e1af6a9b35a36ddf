// `anomalog show` on shared real logs: an actor's every line, the incidents that name it, and
// a report whose inputs changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const APACHE = '../shared/data/real/elastic-apache/apache_logs.gz';
/** The address the report calls a scanner on elastic-apache (robots.txt, then a sweep of the site). */
const SCANNER = '144.76.95.39';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-show-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the Apache log in a temporary directory, analyzed there: the copy can then move or change. */
async function analyzeCopy(t: { after(fn: () => void): void }): Promise<{ dir: string; log: string; report: string }> {
  const dir = tempDir(t);
  const log = join(dir, 'access.log.gz');
  copyFileSync(APACHE, log);
  const report = join(dir, 'report.json');
  const analyzed = await runCli(['analyze', log, '-o', report, '--quiet'], { timeoutMs: 90_000 });
  assert.ok(analyzed.code === 0 || analyzed.code === 1, analyzed.stderr);
  return { dir, log, report };
}

function ndjsonLines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

test('show --client of a scanner address lists all its lines', async () => {
  const parsed = await runCli(['parse', APACHE, '--format', 'ndjson'], { timeoutMs: 60_000 });
  const expected = ndjsonLines(parsed.stdout).filter((line) => (JSON.parse(line) as { client: string }).client === SCANNER);
  assert.ok(expected.length > 20);
  const records = await runCli(['show', '--client', SCANNER, APACHE, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(records.code, 0, records.stderr);
  assert.deepEqual(ndjsonLines(records.stdout), expected);
  const page = await runCli(['show', '--client', SCANNER, APACHE, '--lines', 'all'], { timeoutMs: 60_000 });
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, new RegExp(`^Lines \\(${expected.length}\\)$`, 'm'));
  const listed = page.stdout.split('\n').filter((line) => line.startsWith(`${APACHE}:`));
  assert.equal(listed.length, expected.length);
  for (const [i, line] of listed.entries()) {
    const record = JSON.parse(expected[i]!) as { source: { line: number } };
    assert.ok(line.startsWith(`${APACHE}:${record.source.line} `), line);
    assert.ok(line.includes(` ${SCANNER} `), line);
  }
  assert.match(page.stdout, new RegExp(`^Selected: ${expected.length} requests`, 'm'));
  assert.match(page.stdout, /activity {2}median \d+ requests per active window/);
});

test('show --client with a report: the incidents naming it, the report inputs read', async (t) => {
  const dir = tempDir(t);
  const report = join(dir, 'report.json');
  const analyzed = await runCli(['analyze', APACHE, '-o', report, '--quiet'], { timeoutMs: 90_000 });
  assert.ok(analyzed.code === 0 || analyzed.code === 1, analyzed.stderr);
  const incidents = (JSON.parse(readFileSync(report, 'utf8')) as { incidents: { id: string; clients: string[] }[] }).incidents;
  const naming = incidents.filter((incident) => incident.clients.includes(SCANNER));
  assert.ok(naming.length > 0, 'the report names the scanner');
  const page = await runCli(['show', '--client', SCANNER, '--report', report, '--lines', '3'], { timeoutMs: 60_000 });
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, /^Incidents naming it$/m);
  for (const incident of naming) assert.ok(page.stdout.includes(`(id ${incident.id})`));
  assert.match(page.stdout, /^Lines \(first 3 of \d+; --lines all or --format ndjson for every one\)$/m);
});

test('a report input that changed since is one line on stderr and exit 2', async (t) => {
  const { log, report } = await analyzeCopy(t);
  const before = await runCli(['show', '--client', SCANNER, '--report', report, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(before.code, 0, before.stderr);
  appendFileSync(log, Buffer.from([0]));
  const after = await runCli(['show', '--client', SCANNER, '--report', report], { timeoutMs: 60_000 });
  assert.equal(after.code, 2);
  assert.equal(after.stdout, '');
  assert.equal(after.stderr.trim().split('\n').length, 1, after.stderr);
  assert.match(after.stderr, /changed since the report was written/);
});

test("show of an incident with --client: that address's share of the incident's lines, and the page says what the filter kept", async (t) => {
  const dir = tempDir(t);
  const report = join(dir, 'report.json');
  const analyzed = await runCli(['analyze', APACHE, '-o', report, '--quiet'], { timeoutMs: 90_000 });
  assert.ok(analyzed.code === 0 || analyzed.code === 1, analyzed.stderr);
  const campaign = (JSON.parse(readFileSync(report, 'utf8')) as { incidents: { rank: number; campaign?: { clients: { client: string; requests: number }[] } }[] }).incidents.find((i) => i.campaign !== undefined);
  assert.ok(campaign !== undefined, 'elastic-apache has a campaign');
  const member = campaign.campaign!.clients[0]!;
  const all = await runCli(['show', `#${campaign.rank}`, '--report', report, '--format', 'ndjson'], { timeoutMs: 60_000 });
  const expected = ndjsonLines(all.stdout).filter((line) => (JSON.parse(line) as { client: string }).client === member.client);
  assert.equal(expected.length, member.requests);
  // The incident first, the filter after it: `#N` is the incident, not a file to read.
  const mine = await runCli(['show', `#${campaign.rank}`, '--report', report, '--client', member.client, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(mine.code, 0, mine.stderr);
  assert.deepEqual(ndjsonLines(mine.stdout), expected);
  assert.match(mine.stderr, new RegExp(`--client ${member.client.replace(/\./g, '\\.')} kept ${expected.length}$`, 'm'));
  const page = await runCli(['show', `#${campaign.rank}`, '--report', report, '--client', member.client], { timeoutMs: 60_000 });
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, new RegExp(`^  filters   --client ${member.client.replace(/\./g, '\\.')} kept ${expected.length}$`, 'm'));
  assert.match(page.stdout, new RegExp(`^Selected: ${expected.length} requests?,`, 'm'));
});

test('a report input that moved: named again, its lines are found by the fingerprint the report kept', async (t) => {
  const { dir, log, report } = await analyzeCopy(t);
  // An incident found request by request: its selector names line numbers of the file.
  const incident = (JSON.parse(readFileSync(report, 'utf8')) as { incidents: { id: string; requests: number; selector: { lines?: Record<string, string> } }[] }).incidents.find((i) => i.selector.lines?.[log] !== undefined);
  assert.ok(incident !== undefined, 'an incident with line references');
  const before = ndjsonLines((await runCli(['show', incident.id, '--report', report, '--format', 'ndjson'], { timeoutMs: 60_000 })).stdout);
  assert.equal(before.length, incident.requests);
  const moved = join(dir, 'rotated.log.gz');
  renameSync(log, moved);
  const missing = await runCli(['show', incident.id, '--report', report], { timeoutMs: 60_000 });
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /is not there any more/);
  const named = await runCli(['show', incident.id, '--report', report, moved, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(named.code, 0, named.stderr);
  assert.equal(named.stderr, '');
  const lines = ndjsonLines(named.stdout).map((line) => JSON.parse(line) as { source: { file: string; line: number } });
  assert.deepEqual(lines.map((r) => r.source.line), before.map((line) => (JSON.parse(line) as { source: { line: number } }).source.line));
  assert.ok(lines.every((r) => r.source.file === moved));
});

test('show --consumer: every line of one API key, and a span across years says its years', async () => {
  // Tyk's example: the key 00000000 in 2026 (lines 1-2) and again in 2023 (line 4), out of time order.
  const TYK = '../shared/data/formats/tyk.log';
  const parsed = await runCli(['parse', TYK, '--format', 'ndjson'], { timeoutMs: 60_000 });
  const expected = ndjsonLines(parsed.stdout).filter((line) => (JSON.parse(line) as { consumer: string | null }).consumer === '00000000');
  assert.ok(expected.length >= 2);
  const records = await runCli(['show', '--consumer', '00000000', TYK, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(records.code, 0, records.stderr);
  assert.deepEqual(ndjsonLines(records.stdout), expected);
  const page = await runCli(['show', '--consumer', '00000000', TYK], { timeoutMs: 60_000 });
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, /^anomalog show: consumer 00000000$/m);
  assert.match(page.stdout, new RegExp(`^  filters   --consumer 00000000 kept ${expected.length}$`, 'm'));
  const times = expected.map((line) => (JSON.parse(line) as { time: string }).time).sort();
  const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
  assert.match(page.stdout, new RegExp(`^  seen      ${minute(times[0]!)}–${minute(times.at(-1)!)} UTC`, 'm'));
  assert.equal(page.stdout.split('\n').filter((line) => line.startsWith(`${TYK}:`) && line.includes('consumer=00000000')).length, expected.length);
});
