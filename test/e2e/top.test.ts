// `anomalog top` against the records themselves (parse output) and against GoAccess on a shared real log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';
import { formatBytes } from '../../src/text/format-values.js';
import type { TopReport } from '../../src/types.js';

const APACHE = '../shared/data/real/elastic-apache/apache_logs.gz';

interface Printed {
  time: string;
  client: string | null;
  path: string | null;
  status: number | null;
  bytesSent: number | null;
  userAgent: string | null;
}

async function topJson(args: string[]): Promise<TopReport> {
  const result = await runCli(['top', ...args, '--format', 'json'], { timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as TopReport;
}

async function records(log: string): Promise<Printed[]> {
  const result = await runCli(['parse', log, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Printed);
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// Line 8,899 of the log is cut inside its last quoted field: GoAccess counts it, and so do we (a record).
test('top status totals equal GoAccess on elastic-apache', async (t) => {
  if (spawnSync('goaccess', ['--version']).status !== 0) {
    t.skip('goaccess not installed (apt-get install goaccess); comparison not run');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-top-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const plain = join(dir, 'apache.log');
  writeFileSync(plain, gunzipSync(readFileSync(APACHE)));
  const out = join(dir, 'goaccess.json');
  const ga = spawnSync('goaccess', [plain, '--log-format=COMBINED', '--no-progress', '-o', out], { encoding: 'utf8' });
  assert.equal(ga.status, 0, ga.stderr);
  const goaccess = JSON.parse(readFileSync(out, 'utf8')) as {
    general: { valid_requests: number };
    status_codes: { data: { items: { data: string; hits: { count: number } }[] }[] };
  };
  const theirs: Record<string, number> = {};
  for (const group of goaccess.status_codes.data) for (const item of group.items) theirs[item.data.slice(0, 3)] = item.hits.count;
  const ours = await topJson([APACHE]);
  assert.deepEqual(Object.fromEntries(ours.statuses.map((row) => [row.status, row.requests])), theirs);
  assert.equal(ours.totals.requests, goaccess.general.valid_requests);
});

test('top panels count what the records say (clients, 404 paths, agents, hours, statuses)', async () => {
  const all = await records(APACHE);
  const report = await topJson([APACHE, '--limit', '15']);
  assert.equal(report.totals.requests, all.length);
  assert.equal(report.statuses.reduce((sum, row) => sum + row.requests, 0), all.length);
  assert.equal(report.hourly.reduce((sum, hour) => sum + hour.requests, 0), all.length);
  const expectTop = (counts: Map<string, number>, rows: { key: string; requests: number }[]): void => {
    const expected = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, rows.length);
    assert.deepEqual(rows.map((row) => [row.key, row.requests]), expected);
  };
  expectTop(countBy(all, (r) => r.client ?? '-'), report.clients.rows);
  expectTop(countBy(all.filter((r) => r.status === 404), (r) => r.path ?? '-'), report.notFound.rows);
  expectTop(countBy(all, (r) => r.userAgent ?? '-'), report.agents.rows);
  assert.equal(report.clients.distinct, new Set(all.map((r) => r.client ?? '-')).size);
  assert.equal(report.clients.exact, true);
  // Bytes of the top client, and the p50 of the response sizes of the top route within the sketch's 1%.
  const top = report.clients.rows[0]!;
  assert.equal(top.bytes, all.filter((r) => r.client === top.key).reduce((sum, r) => sum + (r.bytesSent ?? 0), 0));
});

test('top with a filter counts only the kept records and says so', async () => {
  const all = await records(APACHE);
  const report = await topJson([APACHE, '--status', '404']);
  const expected = all.filter((r) => r.status === 404).length;
  assert.equal(report.totals.requests, expected);
  assert.deepEqual(report.input.filters, [{ filter: '--status', value: '404', kept: expected }]);
  assert.deepEqual(report.statuses, [{ status: '404', requests: expected }]);
});

test('top in table, markdown and html: every panel, and log text escaped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-top-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const log = join(dir, 'hostile.log');
  writeFileSync(
    log,
    [
      '203.0.113.9 - - [05/Oct/2026:10:00:00 +0000] "GET /a HTTP/1.1" 404 10 "-" "<script>alert(1)</script> | **x**"',
      '203.0.113.9 - - [05/Oct/2026:10:00:01 +0000] "GET /b HTTP/1.1" 200 10 "-" "\u001b[31mred"',
    ].join('\n') + '\n',
  );
  const table = await runCli(['top', log]);
  assert.equal(table.code, 0, table.stderr);
  for (const title of ['Status codes', 'Top clients', 'Top routes', 'Top user agents', 'Top referrers', 'Top 404 paths', 'Requests per hour']) assert.match(table.stdout, new RegExp(title));
  assert.doesNotMatch(table.stdout, /\u001b/);
  const html = await runCli(['top', log, '--format', 'html']);
  assert.doesNotMatch(html.stdout, /<script>/);
  assert.match(html.stdout, /&lt;script&gt;/);
  const markdown = await runCli(['top', log, '--format', 'markdown']);
  // Log text is a code span in Markdown (no markup inside), with the table's cell separator escaped.
  assert.equal(markdown.stdout.split('<script>').length, 2);
  assert.match(markdown.stdout, /\| `<script>alert\(1\)<\/script> \\\| \*\*x\*\*` \|/);
});

test('top writes byte figures in the units every other output uses (formatBytes: B, kB, MB), in every human format', async () => {
  const json = await runCli(['top', APACHE, '--format', 'json'], { timeoutMs: 120_000 });
  assert.equal(json.code, 0, json.stderr);
  const top = JSON.parse(json.stdout) as TopReport;
  for (const format of ['table', 'markdown', 'html']) {
    const out = await runCli(['top', APACHE, '--format', format], { timeoutMs: 120_000 });
    assert.equal(out.code, 0, out.stderr);
    assert.doesNotMatch(out.stdout, /\d\s?(KiB|MiB|GiB|KB)\b/, `${format}: no binary or upper-case units`);
    // The totals and the busiest client's bytes read as formatBytes writes them.
    assert.ok(out.stdout.includes(formatBytes(top.totals.bytes)), `${format}: total ${formatBytes(top.totals.bytes)}`);
    assert.ok(out.stdout.includes(formatBytes(top.clients.rows[0]!.bytes)), `${format}: busiest client's ${formatBytes(top.clients.rows[0]!.bytes)}`);
  }
  // The same bytes in show's page of the busiest client: one way of writing a size everywhere.
  const client = top.clients.rows[0]!;
  const page = await runCli(['show', '--client', client.key, APACHE, '--lines', '0'], { timeoutMs: 120_000 });
  assert.equal(page.code, 0, page.stderr);
  assert.match(page.stdout, new RegExp(`^Selected: [\\d,]+ requests?, ${formatBytes(client.bytes).replace('.', '\\.')}$`, 'm'));
});

const NETNEA = '../shared/data/real/netnea-labor07/labor-07-example-access.log.gz';

/** Whether the sketch's quantile is within its 1% of the exact one (between the two ranks q·(n−1) falls between). */
function nearQuantile(sorted: readonly number[], q: number, got: number): boolean {
  const rank = q * (sorted.length - 1);
  const low = sorted[Math.floor(rank)]!;
  const high = sorted[Math.ceil(rank)]!;
  return got >= low * 0.99 - 0.01 && got <= high * 1.01 + 0.01;
}

test('top routes: p50/p95/p99 latency and response size per route, within 1% of the exact percentiles of the records (netnea, which logs durations)', async () => {
  const result = await runCli(['parse', NETNEA, '--format', 'ndjson'], { timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr);
  const all = result.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { method: string | null; route: string | null; path: string | null; durationMs: number | null; bytesSent: number | null });
  const report = await topJson([NETNEA, '--limit', '10']);
  let checked = 0;
  for (const row of report.routes.rows) {
    const mine = all.filter((r) => `${r.method ?? '-'} ${r.route ?? r.path ?? '-'}` === row.key);
    // A route templated after some of its records were counted reads under its final name: compared only where the names agree.
    if (mine.length !== row.requests) continue;
    const latencies = mine.map((r) => r.durationMs).filter((v): v is number => v !== null).sort((a, b) => a - b);
    const sizes = mine.map((r) => r.bytesSent).filter((v): v is number => v !== null).sort((a, b) => a - b);
    assert.ok(row.latencyMs !== null && latencies.length > 0, `${row.key} has latencies`);
    for (const [q, name] of [[0.5, 'p50'], [0.95, 'p95'], [0.99, 'p99']] as const) {
      assert.ok(nearQuantile(latencies, q, row.latencyMs[name]), `${row.key} latency ${name}: ${row.latencyMs[name]} vs exact ${latencies[Math.floor(q * (latencies.length - 1))]}`);
      assert.ok(nearQuantile(sizes, q, row.bytesSent![name]), `${row.key} size ${name}: ${row.bytesSent![name]} vs exact ${sizes[Math.floor(q * (sizes.length - 1))]}`);
    }
    assert.equal(row.bytes, sizes.reduce((sum, v) => sum + v, 0), `${row.key} bytes`);
    checked += 1;
  }
  assert.ok(checked >= 5, `${checked} routes compared`);
  // The table shows the same figures in the units of every other output.
  const table = await runCli(['top', NETNEA, '--limit', '10'], { timeoutMs: 60_000 });
  assert.match(table.stdout, /│ route .*│ p50 ms │ p95 ms │ p99 ms │ p50 size │ p95 size │ p99 size │/);
});
