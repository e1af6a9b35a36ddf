// `anomalog explain FILE:LINE` on shared real logs: the rule and the field for an injection line,
// a plain "not flagged" with its window for an ordinary one, and clean errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import type { Explanation, Report } from '../../src/types.js';

const SQLI = '../shared/data/real/crowdsec-hub-tests/nginx-http-sqli-probing/nginx-http-sqli-probing.log';
const APACHE = '../shared/data/real/elastic-apache/apache_logs.gz';
const AGENT = '../shared/data/real/crowdsec-hub-tests/nginx-bad-user-agent/nginx-bad-user-agent.log';

async function explain(reference: string): Promise<Explanation> {
  const result = await runCli(['explain', reference, '--format', 'json'], { timeoutMs: 60_000 });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Explanation;
}

test('explain of an injection line names the rule and the field it matched in', async () => {
  // Line 2: GET /foo?a=%20union%20all%20select%20
  const explanation = await explain(`${SQLI}:2`);
  assert.deepEqual(explanation.source, { file: SQLI, line: 2 });
  assert.equal(explanation.injection.flagged, true);
  const sqli = explanation.rules.filter((match) => match.class === 'sqli');
  assert.ok(sqli.length > 0, JSON.stringify(explanation.rules));
  assert.ok(sqli.every((match) => /^sql-/.test(match.rule) && /query parameter `a`/.test(match.field)), JSON.stringify(sqli));
  assert.deepEqual(explanation.decoded, [{ field: 'query parameter `a`', raw: '%20union%20all%20select%20', decoded: ' union all select ' }]);
  const text = await runCli(['explain', `${SQLI}:2`], { timeoutMs: 60_000 });
  assert.match(text.stdout, /^Rules matched \(\d+\)$/m);
  assert.match(text.stdout, /SQL injection in query parameter `a`: rule sql-\S+ \(class sqli\)/);
  assert.match(text.stdout, /^Verdict: flagged for injection/m);
});

test('explain of a line with an attack tool in its User-Agent names the tool rule and the field', async () => {
  const explanation = await explain(`${AGENT}:1`);
  const tools = explanation.rules.filter((match) => match.class === 'tool');
  assert.ok(tools.length > 0, JSON.stringify(explanation.rules));
  assert.ok(tools.every((match) => match.field === 'User-Agent' && match.rule.startsWith('tool-')), JSON.stringify(tools));
});

test('explain of an ordinary line: no rule, not flagged, its window against the endpoint normal', async () => {
  const explanation = await explain(`${APACHE}:1`);
  assert.deepEqual(explanation.rules, []);
  assert.equal(explanation.injection.flagged, false);
  assert.ok(explanation.window !== null);
  assert.ok(explanation.window.endpoint.startsWith(`${String(explanation.record.method)} /`), explanation.window.endpoint);
  assert.ok(explanation.window.requests >= 1);
  assert.deepEqual(explanation.window.features.map((feature) => feature.name), ['volume', 'error_5xx_ratio', 'auth_failure_ratio', 'not_found_ratio', 'latency', 'response_size']);
  // The window as measured, beside the endpoint's normal: counted here again from parse output.
  const { window } = explanation;
  const parsed = await runCli(['parse', APACHE, '--format', 'ndjson', '--since', window.start, '--until', window.end], { timeoutMs: 60_000 });
  const inWindow = parsed.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { method: string; route: string; status: number; bytesSent: number | null })
    .filter((r) => `${r.method} ${r.route}` === window.endpoint);
  assert.equal(window.observed.requests, inWindow.length);
  assert.equal(window.observed.notFound, Math.round((10_000 * inWindow.filter((r) => r.status === 404).length) / inWindow.length) / 10_000);
  const sized = inWindow.filter((r) => r.bytesSent !== null);
  assert.equal(window.observed.meanBytes, Math.round(sized.reduce((sum, r) => sum + r.bytesSent!, 0) / sized.length));
  assert.equal(window.observed.latencyP50Ms, null, 'Apache combined logs carry no duration');
  assert.ok(window.normal.requests >= 0 && window.normal.notFound !== null && window.normal.notFound >= 0 && window.normal.notFound <= 1);
  const text = await runCli(['explain', `${APACHE}:1`], { timeoutMs: 60_000 });
  assert.match(text.stdout, /^ {2}observed vs normal\n {4}requests +\S+ vs \S+ expected in a window at this hour\n {4}5xx share +\S+ vs \S+\n {4}401\/403 share +\S+ vs \S+\n {4}404 share +\S+ vs \S+\n {4}mean response +\S+ \S+ vs \S+ \S+$/m);
});

test('explain of a line that is not a request, or a bad reference: one sentence, exit 2', async () => {
  for (const [reference, message] of [
    [`${APACHE}:8899`, /is not a record: it was skipped \(unterminated-quote\)|Verdict/],
    [`${APACHE}:99999`, /there is no line 99999/],
    ['no-line-number', /expects FILE:LINE/],
  ] as const) {
    const result = await runCli(['explain', reference], { timeoutMs: 60_000 });
    if (result.code === 0) {
      // Once a cut line is a record (issue 16) line 8,899 explains like any other.
      assert.match(result.stdout, message);
      continue;
    }
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, message);
  }
});

const WEBHAWK = '../shared/data/real/secrepo-webhawk/access.log.2022-12-22';

test('explain agrees with analyze: the incidents it names for a line are those whose show prints that line, and its client window is the client\'s', { timeout: 600_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-explain-agree-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const report = join(dir, 'report.json');
  const analyzed = await runCli(['analyze', WEBHAWK, '--no-config', '-o', report, '--quiet'], { timeoutMs: 120_000 });
  assert.ok(analyzed.code === 0 || analyzed.code === 1, analyzed.stderr);
  const incidents = (JSON.parse(readFileSync(report, 'utf8')) as Report).incidents;
  // Line → the incidents whose lines include it, from show (the report's own selectors).
  const behind = new Map<number, string[]>();
  for (const incident of incidents) {
    const shown = await runCli(['show', incident.id, '--report', report, '--format', 'ndjson'], { timeoutMs: 60_000 });
    assert.equal(shown.code, 0, shown.stderr);
    for (const text of shown.stdout.split('\n').filter(Boolean)) {
      const line = (JSON.parse(text) as { source: { line: number } }).source.line;
      behind.set(line, [...(behind.get(line) ?? []), incident.id]);
    }
  }
  // 344: a member of the backup-file campaign; 75: a WordPress probe with a tool's agent; 125: a
  // PHP code injection; 1: an ordinary request.
  let named = 0;
  for (const line of [344, 75, 125, 1]) {
    const explanation = await explain(`${WEBHAWK}:${line}`);
    const expected = (behind.get(line) ?? []).sort();
    assert.deepEqual(explanation.incidents.map((i) => i.id).sort(), expected, `line ${line}: explain names the incidents whose show prints it`);
    for (const listed of explanation.incidents) {
      const reported = incidents.find((i) => i.id === listed.id)!;
      assert.deepEqual([listed.rank, listed.kind, listed.severity, listed.summary], [reported.rank, reported.kind, reported.severity, reported.summary], `line ${line}: incident ${listed.id} as the report has it`);
    }
    named += explanation.incidents.length;
    // The client's window: what it did there against a busy client and its own history.
    const window = explanation.clientWindow;
    assert.ok(window !== null, `line ${line} has a client window`);
    assert.equal(window.client, explanation.record.client);
    assert.ok(window.start <= String(explanation.record.time) && String(explanation.record.time) < window.end, `line ${line}: its time inside its client window`);
    assert.ok(window.requests >= 1);
    assert.deepEqual(window.features.map((f) => f.name), ['requests', 'auth_failure_ratio', 'not_found_ratio', 'distinct_paths', 'distinct_ids', 'unknown_routes', 'response_bytes', 'writes']);
    assert.ok(window.normal.busyClientRequests >= 1);
  }
  assert.ok(named >= 2, 'the campaign line and the injection line are in incidents');
  // The client's window as show --client counts it: its requests in that window.
  const campaign = await explain(`${WEBHAWK}:344`);
  const clientWindow = campaign.clientWindow!;
  const client = await runCli(['show', '--client', clientWindow.client, '--report', report, '--format', 'ndjson', '--since', clientWindow.start, '--until', clientWindow.end], { timeoutMs: 60_000 });
  assert.equal(client.code, 0, client.stderr);
  assert.equal(client.stdout.split('\n').filter(Boolean).length, clientWindow.requests, 'the client window counts what the client sent in it');
  // A campaign member's probing window is kept out of the baseline (analyze learns no attack as normal).
  assert.equal(clientWindow.keptOutOfBaseline, true);
  const text = await runCli(['explain', `${WEBHAWK}:344`], { timeoutMs: 60_000 });
  assert.match(text.stdout, /^Client 217\.138\.202\.70, window 12-22 19:50–19:55 UTC: \d+ requests?/m);
  assert.match(text.stdout, /^Incidents counting this request \(1\)\n {2}#\d+ scanner \w+ \(id [0-9a-f]+\): Campaign/m);
});

test('explain --report judges a line as the analyze of a directory did: every input learned, the incidents as the report has them', { timeout: 600_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-explain-report-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const report = join(dir, 'report.json');
  const inputs = '../shared/data/real/secrepo-webhawk';
  const analyzed = await runCli(['analyze', inputs, '--no-config', '--seed', '7', '-o', report, '--quiet'], { timeoutMs: 120_000 });
  assert.ok(analyzed.code === 0 || analyzed.code === 1, analyzed.stderr);
  const parsed = JSON.parse(readFileSync(report, 'utf8')) as Report;
  assert.ok(parsed.input.files.length >= 2 && parsed.input.files.includes(WEBHAWK), parsed.input.files.join(', '));
  const result = await runCli(['explain', `${WEBHAWK}:344`, '--report', report, '--format', 'json'], { timeoutMs: 120_000 });
  assert.equal(result.code, 0, result.stderr);
  const explanation = JSON.parse(result.stdout) as Explanation;
  assert.ok(explanation.incidents.length >= 1, 'the campaign line is in an incident of the report');
  for (const listed of explanation.incidents) {
    const reported = parsed.incidents.find((i) => i.id === listed.id);
    assert.ok(reported !== undefined, `incident ${listed.id} is in the report`);
    assert.deepEqual([listed.rank, listed.kind, listed.severity, listed.summary], [reported.rank, reported.kind, reported.severity, reported.summary]);
    const shown = await runCli(['show', listed.id, '--report', report, '--format', 'ndjson'], { timeoutMs: 60_000 });
    assert.ok(shown.stdout.split('\n').filter(Boolean).some((text) => (JSON.parse(text) as { source: { file: string; line: number } }).source.line === 344), `show ${listed.id} prints line 344`);
  }
  assert.match(explanation.baseline, /learned from the report's \d+ inputs/);
  // A file the report did not read, or a score report without its baseline: one sentence, exit 2.
  const other = await runCli(['explain', `${APACHE}:1`, '--report', report], { timeoutMs: 60_000 });
  assert.equal(other.code, 2, other.stderr);
  assert.match(other.stderr, /is not one of the report's inputs/);
  assert.equal(other.stderr.trim().split('\n').length, 1);
});
