import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const LOG = resolve('fixtures/generated/kinds/credential_attack/nginx.log');
const dir = mkdtempSync(join(tmpdir(), 'anomalog-config-'));

test('a suppress rule moves a known incident to `suppressed`, out of --fail-on, and stale rules are named', async () => {
  writeFileSync(
    join(dir, 'anomalog.config.json'),
    JSON.stringify({
      defaults: { failOn: 'high' },
      suppress: [
        { client: '90.183.233.0/24', kind: 'credential_attack', reason: 'our own password-spray test' },
        { client: '2001:db8::/32', reason: 'a partner that did not show up today' },
      ],
    }),
  );
  const plain = await runCli(['analyze', LOG, '--format', 'json', '--no-config']);
  assert.equal((JSON.parse(plain.stdout) as Report).incidents[0]!.kind, 'credential_attack');
  const result = await runCli(['analyze', LOG, '--format', 'json', '--min-severity', 'high'], { cwd: dir });
  const report = JSON.parse(result.stdout) as Report;
  assert.ok(report.suppressed && report.suppressed.length === 1, 'one incident suppressed');
  assert.equal(report.suppressed[0]!.incident.kind, 'credential_attack');
  assert.equal(report.suppressed[0]!.rule, 0);
  assert.equal(report.suppressed[0]!.reason, 'our own password-spray test');
  assert.ok(!report.incidents.some((i) => i.clients.includes('90.183.233.107')));
  assert.equal(result.code, report.incidents.length > 0 ? 1 : 0, 'fail-on from the config counts only what is not suppressed');
  assert.match(result.stderr, /suppress\[1\] \("a partner that did not show up today"\) matched nothing/);
  const table = await runCli(['analyze', LOG, '--format', 'markdown'], { cwd: dir });
  assert.match(table.stdout, /1 incident suppressed by 1 rule/);
});

test('a config with an invalid CIDR is refused with one sentence naming the file and the rule', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ suppress: [{ client: '10.0.0.0/33', reason: 'x' }] }));
  const result = await runCli(['analyze', LOG, '--config', bad]);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /bad\.json.*suppress\[0\]\.client/);
  assert.equal(result.stderr.trim().split('\n').length, 1);
});

test('a flag on the command line beats the config default', async () => {
  writeFileSync(join(dir, 'anomalog.config.json'), JSON.stringify({ defaults: { window: '10m', format: 'csv' } }));
  const fromConfig = await runCli(['analyze', LOG, '--top', '1'], { cwd: dir });
  assert.match(fromConfig.stdout.split('\n')[0]!, /,/, 'csv from the config');
  const fromFlag = await runCli(['analyze', LOG, '--format', 'json', '--window', '5m'], { cwd: dir });
  assert.equal((JSON.parse(fromFlag.stdout) as Report).model.window, '5m');
  const configWindow = await runCli(['analyze', LOG, '--format', 'json'], { cwd: dir });
  assert.equal((JSON.parse(configWindow.stdout) as Report).model.window, '10m');
});
