// --threads: the injection scan on a second thread changes where work runs, never what is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';

const INJECTION_LOG = 'fixtures/generated/kinds/injection/nginx.log';

test('analyze on one thread and on two writes the same report byte for byte', async () => {
  const [one, two] = await Promise.all([
    runCli(['analyze', INJECTION_LOG, '--format', 'json', '--no-config', '--threads', '1']),
    runCli(['analyze', INJECTION_LOG, '--format', 'json', '--no-config', '--threads', '2']),
  ]);
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.equal(JSON.parse(two.stdout).incidents[0].kind, 'injection');
  assert.equal(two.stdout, one.stdout);
});

test('a bad --threads is a usage error, and an unreadable input ends the run at once with the worker started', async () => {
  const bad = await runCli(['analyze', INJECTION_LOG, '--threads', '0']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--threads/);
  const missing = await runCli(['analyze', 'no/such/access.log', '--threads', '2']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read no\/such\/access\.log/);
  assert.equal(missing.stderr.split('\n').filter(Boolean).length, 1);
});
