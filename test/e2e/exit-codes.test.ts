// The CI contract of the built CLI: 0 nothing at or above --fail-on, 1 something
// is, 2 the command could not be run as asked (one line on stderr, no trace).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/run-cli.js';
import { SEVERITIES, type Report, type Severity } from '../../src/types.js';

const INCIDENTS_LOG = 'fixtures/e2e/incidents/apigw.log';
const CLEAN_LOG = 'fixtures/e2e/clean/nginx.log';

const rankOf = (severity: Severity): number => SEVERITIES.indexOf(severity);

test('--fail-on: exit 1 exactly when an incident is at or above the severity, and the report is still complete', async () => {
  const thresholds: Severity[] = ['high', 'critical'];
  const results = await Promise.all(thresholds.map((severity) => runCli(['analyze', INCIDENTS_LOG, '--format', 'json', '--fail-on', severity])));
  const worst = Math.max(...(JSON.parse(results[0]!.stdout) as Report).incidents.map((i) => rankOf(i.severity)));
  assert.ok(worst >= rankOf('high'), 'the fixture has a high or critical incident');
  results.forEach((result, i) => {
    const report = JSON.parse(result.stdout) as Report;
    const expected = report.incidents.some((incident) => rankOf(incident.severity) >= rankOf(thresholds[i]!)) ? 1 : 0;
    assert.equal(result.code, expected, `--fail-on ${thresholds[i]}`);
    assert.equal(result.stderr, '');
  });
});

test('--fail-on: exit 0 on clean traffic, and without --fail-on whatever was found', async () => {
  const [clean, noFlag] = await Promise.all([
    runCli(['analyze', CLEAN_LOG, '--fail-on', 'low', '--format', 'json']),
    runCli(['analyze', INCIDENTS_LOG, '--format', 'json']),
  ]);
  assert.equal(clean.code, 0, clean.stderr);
  assert.deepEqual((JSON.parse(clean.stdout) as Report).incidents, []);
  assert.equal(noFlag.code, 0, noFlag.stderr);
  assert.ok((JSON.parse(noFlag.stdout) as Report).incidents.length > 0);
});

test('--fail-on counts only the incidents the report keeps (--min-severity)', async () => {
  const result = await runCli(['analyze', INCIDENTS_LOG, '--format', 'json', '--min-severity', 'critical', '--fail-on', 'medium']);
  const report = JSON.parse(result.stdout) as Report;
  assert.ok(report.incidents.every((i) => i.severity === 'critical'));
  assert.equal(result.code, report.incidents.length > 0 ? 1 : 0);
});

const USAGE_ERRORS: ReadonlyArray<{ name: string; args: string[]; stderr: RegExp }> = [
  { name: 'unknown flag', args: ['analyze', INCIDENTS_LOG, '--bogus'], stderr: /unknown option '--bogus'/ },
  // commander's "did you mean" joins the one line: it is the fix
  { name: 'misspelt command', args: ['analyse', INCIDENTS_LOG], stderr: /^anomalog: unknown command 'analyse' \(Did you mean analyze\?\)$/ },
  { name: 'no input', args: ['analyze'], stderr: /missing required argument 'inputs'/ },
  { name: 'zero window', args: ['analyze', INCIDENTS_LOG, '--window', '0'], stderr: /--window.*duration/ },
  { name: 'unparsable window', args: ['analyze', INCIDENTS_LOG, '--window', '5 minutes'], stderr: /--window.*duration/ },
  { name: 'bad format', args: ['analyze', INCIDENTS_LOG, '--format', 'xml'], stderr: /--format must be one of table, json, ndjson, csv, markdown, html, got 'xml'/ },
  { name: 'bad --fail-on', args: ['analyze', INCIDENTS_LOG, '--fail-on', 'severe'], stderr: /--fail-on.*low, medium, high, critical/ },
  {
    name: '--since after --until',
    args: ['analyze', INCIDENTS_LOG, '--since', '2026-03-03T02:00:00Z', '--until', '2026-03-03T01:00:00Z'],
    stderr: /--since must be before --until/,
  },
  { name: 'bad --since', args: ['analyze', INCIDENTS_LOG, '--since', 'yesterday-ish'], stderr: /--since/ },
  { name: 'missing file', args: ['analyze', 'fixtures/e2e/no-such.log'], stderr: /cannot read fixtures\/e2e\/no-such\.log: no such file or directory/ },
  { name: 'missing file among several', args: ['analyze', INCIDENTS_LOG, 'fixtures/e2e/no-such.log'], stderr: /no-such\.log: no such file/ },
  { name: 'unknown log format', args: ['analyze', INCIDENTS_LOG, '--log-format', 'syslog9000'], stderr: /unknown log format 'syslog9000'/ },
  { name: '--redact without a key', args: ['analyze', INCIDENTS_LOG, '--redact'], stderr: /--redact needs a key/ },
];

describe('usage and input errors', { concurrency: true }, () => {
  for (const { name, args, stderr } of USAGE_ERRORS) {
    test(`exit 2 with one line on stderr and no stack trace: ${name}`, async () => {
      const result: CliResult = await runCli(args, { env: { ANOMALOG_REDACT_KEY: '' } });
      assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
      assert.equal(result.stdout, '', 'nothing on stdout');
      const [first, ...rest] = result.stderr.split('\n');
      assert.equal(rest.pop(), '', 'stderr ends with a newline');
      assert.match(first!, /^anomalog: /);
      assert.match(first!, stderr);
      assert.deepEqual(rest, [], `exactly one line: ${JSON.stringify(result.stderr)}`);
      assert.doesNotMatch(result.stderr, /\bat .*\.js:\d+|Error:/, 'no stack trace or error class');
    });
  }
});

test('--help lists every exit code, signals included; an unknown option with a suggestion is one line', async () => {
  const [help, unknown] = await Promise.all([runCli(['--help']), runCli(['analyze', INCIDENTS_LOG, '--seeds', '1'])]);
  assert.equal(help.code, 0);
  for (const code of ['0', '1', '2', '130', '143']) assert.match(help.stdout, new RegExp(`^  ${code} +\\S`, 'm'), `exit code ${code} in --help`);
  assert.match(help.stdout, /--allow-empty/);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, "anomalog: unknown option '--seeds' (Did you mean --seed?)\n");
});

test('the README and docs/ci.md list every exit code, signals and nothing to judge included', () => {
  for (const document of ['README.md', 'docs/ci.md']) {
    const text = readFileSync(join(REPO_ROOT, document), 'utf8');
    // The exit-code table: rows `| 0 | …` or `| \`0\` | …`.
    const rows = new Map([...text.matchAll(/^\| `?(\d+)`? \| (.+) \|$/gm)].map((match) => [match[1]!, match[2]!]));
    for (const code of ['0', '1', '2', '130', '143']) assert.ok(rows.has(code), `${document} has a row for exit code ${code}`);
    assert.match(rows.get('2')!, /nothing to judge/i, `${document}: exit 2 names nothing to judge`);
    assert.match(rows.get('2')!, /--allow-empty/, document);
    assert.match(rows.get('2')!, /--strict/, document);
    assert.match(rows.get('130')!, /SIGINT/, document);
    assert.match(rows.get('143')!, /SIGTERM/, document);
  }
});
