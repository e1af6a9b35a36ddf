// What issue 20's hub work added, through the built CLI on the CrowdSec hub's own lines: a
// technology probe, an open-proxy CONNECT, a DoS tool rotating agents and sending HTTP versions
// that do not exist, each an incident naming what it saw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { runCli, REPO_ROOT } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const HUB = join(REPO_ROOT, '../shared/data/real/crowdsec-hub-tests');

async function analyze(test: string): Promise<Report> {
  const run = await runCli(['analyze', join(HUB, test, `${test}.log`), '--format', 'json', '--no-config', '--quiet'], { timeoutMs: 60_000 });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  return JSON.parse(run.stdout) as Report;
}

test('hub http-technology-probing: the AEM package manager and the camera CGI asked for are incidents naming the product', async () => {
  const report = await analyze('http-technology-probing');
  const text = (client: string): string => report.incidents.filter((i) => i.clients.includes(client)).flatMap((i) => i.evidence.map((e) => e.text)).join('\n');
  assert.match(text('10.0.0.1'), /technology probe for acti-video-monitoring-panel in path/);
  assert.match(text('10.0.0.2'), /technology probe for adobe-aem-crx-package-manager in path/);
  // 10.0.0.3 asked for a path no product owns.
  assert.equal(text('10.0.0.3'), '');
});

test('hub http-dos-switching-ua: the address rotating 13 agents in 20 s is one incident with the rotation as its attack signal', async () => {
  const report = await analyze('http-dos-switching-ua');
  const found = report.incidents.filter((i) => i.clients.includes('1.2.3.4'));
  assert.equal(found.length, 1);
  const evidence = found[0]!.evidence.map((e) => `${e.feature}: ${e.text}`).join('\n');
  assert.match(evidence, /agent_rotation: 13 different User-Agents in 20 s from one address/);
  assert.match(evidence, /invalid HTTP version in request line/);
});
