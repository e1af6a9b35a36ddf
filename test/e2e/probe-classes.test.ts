// Probe classes as incidents, on real lines: a webshell prober on a shared real log (one address
// asking for eight upload-shell names in four seconds, secrepo-webhawk 2021-10-22, lines 209-216;
// missed before the backdoor class) and the CrowdSec hub's CVE probing test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, REPO_ROOT } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const WEBHAWK_2021 = join(REPO_ROOT, '../shared/data/real/secrepo-webhawk/access.log.2021-10-22');

test('secrepo-webhawk 2021: the webshell prober is an incident of its own, named as such, with its eight lines', async () => {
  const run = await runCli(['analyze', WEBHAWK_2021, '--format', 'json', '--top', '1000', '--no-config', '--quiet'], { timeoutMs: 120_000 });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const raw = readFileSync(WEBHAWK_2021, 'utf8').split('\n');
  const sent = raw.flatMap((l, i) => (l.startsWith('44.195.86.98 ') ? [i + 1] : []));
  assert.deepEqual(sent, [209, 210, 211, 212, 213, 214, 215, 216]);
  const found = report.incidents.filter((i) => i.clients.includes('44.195.86.98'));
  assert.equal(found.length, 1);
  const incident = found[0]!;
  assert.deepEqual(incident.clients, ['44.195.86.98']);
  assert.equal(incident.kind, 'scanner');
  assert.equal(incident.requests, sent.length);
  assert.ok(incident.evidence.some((e) => /8 requests with webshell\/backdoor probe in path/.test(e.text)), JSON.stringify(incident.evidence));
  assert.ok(incident.evidence.some((e) => /backdoor-up-php/.test(e.text)));
  // The exploit kit (125.78.229.99) also tried FCKeditor's and Uploadify's upload handlers; nothing else
  // in this log (crawlers, a download, a .env probe) is called a webshell probe.
  for (const other of report.incidents.filter((i) => i !== incident && !i.clients.includes('125.78.229.99'))) {
    assert.ok(!other.evidence.some((e) => /webshell/.test(e.text)), `${other.kind} ${other.clients.join(',')}`);
  }
  const kit = report.incidents.find((i) => i.clients.includes('125.78.229.99'));
  assert.ok(kit?.evidence.some((e) => /backdoor-upload-fckeditor/.test(e.text)));
});

test('hub http-cve-probing: three CVE paths from one address are one scanner incident naming each CVE', async () => {
  const file = join(REPO_ROOT, '../shared/data/real/crowdsec-hub-tests/http-cve-probing/http-cve-probing.log');
  const run = await runCli(['analyze', file, '--format', 'json', '--no-config', '--quiet'], { timeoutMs: 60_000 });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  assert.equal(report.incidents.length, 1);
  const [incident] = report.incidents;
  assert.deepEqual(incident!.clients, ['127.0.0.1']);
  assert.equal(incident!.kind, 'scanner');
  assert.equal(incident!.requests, 3);
  const text = incident!.evidence.map((e) => e.text).join('\n');
  assert.match(text, /exploit probe for CVE-2021-3129 in path/);
  assert.match(text, /cve-2020-27866, cve-2021-3129, cve-2021-36380/);
});

test('iis-waikolai: the TinyMCE tinybrowser upload probes of two addresses, two weeks apart, are one incident', async () => {
  const dir = join(REPO_ROOT, '../shared/data/real/iis-waikolai');
  const run = await runCli(['analyze', dir, '--format', 'json', '--top', '1000', '--no-config', '--quiet'], { timeoutMs: 120_000 });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  const found = report.incidents.filter((i) => i.clients.includes('92.243.84.187') || i.clients.includes('109.120.144.247'));
  assert.equal(found.length, 1);
  assert.deepEqual([...found[0]!.clients].sort(), ['109.120.144.247', '92.243.84.187']);
  assert.equal(found[0]!.requests, 2);
  assert.ok(found[0]!.evidence.some((e) => /webshell upload-handler probe in path/.test(e.text)));
  assert.equal(found[0]!.occurrences.length, 2);
});
