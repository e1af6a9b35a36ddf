// Each record flag on `parse` must select exactly the records the same filter selects when done
// by hand over `parse --format ndjson`: with jq (when installed) and with a plain JS predicate
// written here independently of src/config/record-filter.ts. Shared real logs only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

interface Printed {
  time: string;
  client: string | null;
  method: string | null;
  path: string | null;
  route: string | null;
  status: number | null;
  userAgent: string | null;
  consumer: string | null;
}

interface Case {
  log: string;
  flags: string[];
  /** The same selection in jq (null: jq cannot say it, e.g. CIDR). */
  jq: string | null;
  js: (record: Printed) => boolean;
}

const APACHE = '../shared/data/real/elastic-apache/apache_logs.gz';
const NASA = '../shared/data/real/nasa-http/NASA_access_log_Aug95';
const IIS = '../shared/data/real/iis-webknowit';
const CONSUMERS = '../shared/data/formats/apache-access.log';

function ipv4InPrefix(client: string | null, base: string, bits: number): boolean {
  if (client === null || !/^\d+\.\d+\.\d+\.\d+$/.test(client)) return false;
  const toInt = (text: string): number => text.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const block = 2 ** (32 - bits);
  return Math.floor(toInt(client) / block) === Math.floor(toInt(base) / block);
}

const CASES: Case[] = [
  { log: APACHE, flags: ['--status', '404'], jq: 'select(.status == 404)', js: (r) => r.status === 404 },
  { log: APACHE, flags: ['--status', '4xx'], jq: 'select(.status != null and .status >= 400 and .status <= 499)', js: (r) => r.status !== null && r.status >= 400 && r.status < 500 },
  { log: APACHE, flags: ['--status', '300-304', '--status', '206'], jq: 'select(.status != null and ((.status >= 300 and .status <= 304) or .status == 206))', js: (r) => r.status !== null && ((r.status >= 300 && r.status <= 304) || r.status === 206) },
  { log: APACHE, flags: ['--method', 'head'], jq: 'select(.method == "HEAD")', js: (r) => r.method === 'HEAD' },
  { log: APACHE, flags: ['--client', '66.249.73.135'], jq: 'select(.client == "66.249.73.135")', js: (r) => r.client === '66.249.73.135' },
  { log: APACHE, flags: ['--client', '66.249.64.0/19'], jq: null, js: (r) => ipv4InPrefix(r.client, '66.249.64.0', 19) },
  { log: APACHE, flags: ['--route', '/presentations/*'], jq: 'select((.route // "" | startswith("/presentations/")) or (.path // "" | startswith("/presentations/")))', js: (r) => (r.route ?? '').startsWith('/presentations/') || (r.path ?? '').startsWith('/presentations/') },
  { log: APACHE, flags: ['--route', '/favicon.ico'], jq: 'select(.route == "/favicon.ico" or .path == "/favicon.ico")', js: (r) => r.route === '/favicon.ico' || r.path === '/favicon.ico' },
  { log: APACHE, flags: ['--agent', 'GoogleBot'], jq: 'select(.userAgent != null and (.userAgent | ascii_downcase | contains("googlebot")))', js: (r) => r.userAgent !== null && r.userAgent.toLowerCase().includes('googlebot') },
  { log: APACHE, flags: ['--agent', '/(bot|spider)\\b/i'], jq: 'select(.userAgent != null and (.userAgent | test("(bot|spider)\\\\b"; "i")))', js: (r) => r.userAgent !== null && /(bot|spider)\b/i.test(r.userAgent) },
  {
    log: APACHE,
    flags: ['--since', '2015-05-18T00:00:00Z', '--until', '2015-05-19T00:00:00Z', '--status', '200', '--method', 'GET'],
    jq: 'select(.time >= "2015-05-18T00:00:00.000Z" and .time < "2015-05-19T00:00:00.000Z" and .status == 200 and .method == "GET")',
    js: (r) => r.time >= '2015-05-18T00:00:00.000Z' && r.time < '2015-05-19T00:00:00.000Z' && r.status === 200 && r.method === 'GET',
  },
  { log: NASA, flags: ['--client', 'piweba3y.prodigy.com'], jq: 'select(.client == "piweba3y.prodigy.com")', js: (r) => r.client === 'piweba3y.prodigy.com' },
  { log: NASA, flags: ['--status', '3xx', '--route', '/images/*'], jq: 'select(.status >= 300 and .status <= 399 and ((.route // "" | startswith("/images/")) or (.path // "" | startswith("/images/"))))', js: (r) => r.status !== null && r.status >= 300 && r.status <= 399 && ((r.route ?? '').startsWith('/images/') || (r.path ?? '').startsWith('/images/')) },
  { log: IIS, flags: ['--method', 'POST', '--status', '5xx'], jq: 'select(.method == "POST" and .status >= 500 and .status <= 599)', js: (r) => r.method === 'POST' && r.status !== null && r.status >= 500 && r.status <= 599 },
  { log: CONSUMERS, flags: ['--consumer', 'frank'], jq: 'select(.consumer == "frank")', js: (r) => r.consumer === 'frank' },
];

const allRecords = new Map<string, Promise<string[]>>();

function recordsOf(log: string): Promise<string[]> {
  let lines = allRecords.get(log);
  if (lines === undefined) {
    lines = runCli(['parse', log, '--format', 'ndjson'], { timeoutMs: 60_000 }).then((result) => {
      assert.equal(result.code, 0, result.stderr);
      return result.stdout.split('\n').filter((line) => line !== '');
    });
    allRecords.set(log, lines);
  }
  return lines;
}

const hasJq = spawnSync('jq', ['--version']).status === 0;

for (const { log, flags, jq, js } of CASES) {
  test(`parse ${flags.join(' ')} on ${log.split('/').slice(-2).join('/')} selects what the same filter selects by hand`, async () => {
    const all = await recordsOf(log);
    const filtered = await runCli(['parse', log, '--format', 'ndjson', ...flags, '--stats'], { timeoutMs: 60_000 });
    assert.equal(filtered.code, 0, filtered.stderr);
    const got = filtered.stdout.split('\n').filter((line) => line !== '');
    const expected = all.filter((line) => js(JSON.parse(line) as Printed));
    assert.ok(expected.length > 0, 'the case must select something to be a test');
    assert.ok(expected.length < all.length, 'the case must leave something out to be a test');
    assert.deepEqual(got, expected);
    // The summary's last count is what was printed.
    const funnel = /filters: of (\d+) records, (.*)$/m.exec(filtered.stderr);
    assert.ok(funnel, filtered.stderr);
    assert.equal(Number(funnel[1]), all.length);
    assert.match(funnel[2]!, new RegExp(`kept ${got.length}$`));
    if (hasJq && jq !== null) {
      const viaJq = spawnSync('jq', ['-c', jq], { input: `${all.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 28 });
      assert.equal(viaJq.status, 0, viaJq.stderr);
      // jq re-serialises, so compare parsed values.
      const jqRecords = viaJq.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown);
      assert.deepEqual(jqRecords, got.map((line) => JSON.parse(line) as unknown));
    }
  });
}

test('a bad filter value is one sentence on stderr and exit 2', async () => {
  for (const flags of [['--status', '9xx'], ['--client', '10.0.0.0/40'], ['--agent', '/(/'], ['--method', 'G T']]) {
    const result = await runCli(['parse', APACHE, ...flags]);
    assert.equal(result.code, 2, flags.join(' '));
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.doesNotMatch(result.stderr, /at .*\.js/);
  }
});

test('analyze with filters reads only the chosen records and says what each flag kept', async () => {
  const result = await runCli(['analyze', APACHE, '--format', 'json', '--status', '4xx', '--method', 'GET'], { timeoutMs: 60_000 });
  assert.ok(result.code === 0 || result.code === 1, result.stderr);
  const report = JSON.parse(result.stdout) as { input: { records: number; filters: { filter: string; value: string; kept: number }[] } };
  const all = (await recordsOf(APACHE)).map((line) => JSON.parse(line) as Printed);
  const status4xx = all.filter((r) => r.status !== null && r.status >= 400 && r.status <= 499);
  assert.deepEqual(report.input.filters, [
    { filter: '--status', value: '4xx', kept: status4xx.length },
    { filter: '--method', value: 'GET', kept: status4xx.filter((r) => r.method === 'GET').length },
  ]);
});

test('the input summary of every human format says what each filter kept (analyze, score and top)', async (t) => {
  const all = (await recordsOf(APACHE)).map((line) => JSON.parse(line) as Printed);
  const kept4xx = all.filter((r) => r.status !== null && r.status >= 400 && r.status <= 499);
  const keptGet = kept4xx.filter((r) => r.method === 'GET').length;
  const funnel = `--status 4xx kept ${kept4xx.length}, then --method GET kept ${keptGet}`;
  const flags = ['--status', '4xx', '--method', 'GET'];
  for (const format of ['table', 'markdown', 'html']) {
    const result = await runCli(['analyze', APACHE, '--format', format, ...flags], { timeoutMs: 60_000 });
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    assert.ok(result.stdout.includes(funnel), `analyze --format ${format}: ${funnel}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-filters-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const baseline = join(dir, 'baseline.json');
  assert.equal((await runCli(['learn', APACHE, '-o', baseline, '--quiet'], { timeoutMs: 60_000 })).code, 0);
  const scored = await runCli(['score', APACHE, '--baseline', baseline, '--format', 'table', ...flags], { timeoutMs: 60_000 });
  assert.ok(scored.code === 0 || scored.code === 1, scored.stderr);
  assert.match(scored.stdout, new RegExp(`^  filters ${funnel}$`, 'm'));
  const top = await runCli(['top', APACHE, ...flags], { timeoutMs: 60_000 });
  assert.match(top.stdout, new RegExp(`^  filters   ${funnel}$`, 'm'));
});
