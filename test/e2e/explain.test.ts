// `anomalog explain FILE:LINE` on shared real logs: the rule and the field for an injection line,
// a plain "not flagged" with its window for an ordinary one, and clean errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';
import type { Explanation } from '../../src/types.js';

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
