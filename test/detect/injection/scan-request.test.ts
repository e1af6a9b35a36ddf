// Every attacker-controlled field, on real lines: the CrowdSec hub's own attack tests
// and the shared real logs (../shared/data/real), parsed by the tool's own parsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord } from '../../../src/types.js';
import { createIngestStats, readRecords } from '../../../src/ingest/read-records.js';
import { scanRequest } from '../../../src/detect/injection/scan-request.js';
import { describeFinding } from '../../../src/detect/injection/findings.js';

const HUB = '../shared/data/real/crowdsec-hub-tests';
const REAL = '../shared/data/real';

async function records(file: string): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of readRecords([file], {}, createIngestStats())) out.push(r);
  return out;
}

/** "class in field" sentences found on one record. */
function described(record: LogRecord): string[] {
  return scanRequest(record)?.findings.map(describeFinding) ?? [];
}

async function line(file: string, lineNumber: number): Promise<LogRecord> {
  const found = (await records(file)).find((r) => r.source.line === lineNumber);
  assert.ok(found, `${file}:${lineNumber} parses`);
  return found;
}

test('JNDI lookups in the User-Agent and in the Referer, nested obfuscation included (hub: log4j2 CVE-2021-44228)', async () => {
  const rs = await records(`${HUB}/apache_log4j2_cve-2021-44228/apache_log4j2_cve-2021-44228.log`);
  assert.deepEqual(described(rs[0]!), ['JNDI lookup in User-Agent']);
  // `${jndi:${lower:l}${lower:d}a${lower:p}://…}`
  assert.deepEqual(described(rs[1]!), ['JNDI lookup in User-Agent']);
  assert.deepEqual(described(rs[2]!), ['JNDI lookup in Referer']);
  assert.deepEqual(scanRequest(rs[2]!)?.findings.map((f) => [f.class, f.field.kind, f.rule]), [['jndi', 'referer', 'jndi-lookup']]);
});

test('attack tools named in the User-Agent (hub: Nikto over nginx and ALB, zgrab over Envoy)', async () => {
  for (const r of await records(`${HUB}/nginx-bad-user-agent/nginx-bad-user-agent.log`)) {
    assert.deepEqual(described(r), ['attack tool nikto in User-Agent']);
  }
  const alb = await records(`${HUB}/aws-alb-http-bad-user-agent/aws-alb-http-bad-user-agent.log`);
  assert.deepEqual(described(alb[0]!), [], 'curl is not an attack tool');
  assert.ok(alb.slice(1).every((r) => described(r).includes('attack tool nikto in User-Agent')));
  const envoy = await records(`${HUB}/envoy-http-bad-user-agent/envoy-http-bad-user-agent.log`);
  assert.ok(envoy.length > 0 && envoy.every((r) => described(r).includes('attack tool zgrab in User-Agent')));
});

test('PHP code injection is named as such, with its parameter (hub: ThinkPHP CVE-2018-20062; secrepo)', async () => {
  const [first] = await records(`${HUB}/thinkphp-cve-2018-20062/thinkphp-cve-2018-20062.log`);
  assert.ok(described(first!).includes('PHP code injection in query parameter `s`'), described(first!).join('; '));
  const r = await line(`${REAL}/secrepo-webhawk/access.log.2021-10-22`, 329);
  const classes = scanRequest(r)!.classes;
  assert.ok(classes.includes('code'));
  assert.ok(!classes.includes('xss'), '<?php is not XSS');
  assert.ok(described(r).includes('PHP code injection in query parameter `content`'));
});

test('a .env probe is a sensitive-file probe, not traversal (secrepo, hub)', async () => {
  const r = await line(`${REAL}/secrepo-webhawk/access.log.2021-10-22`, 29);
  assert.equal(r.path, '/.env');
  assert.deepEqual(scanRequest(r)?.classes, ['sensitive-file']);
  for (const hub of await records(`${HUB}/nginx-http-sensitive-files/nginx-http-sensitive-files.log`)) {
    assert.deepEqual(scanRequest(hub)?.classes, ['sensitive-file'], hub.path ?? '');
  }
});

test('admin/CMS discovery counts only when the site answered 404 (elastic-apache)', async () => {
  const rs = await records(`${REAL}/elastic-apache/apache_logs.gz`);
  const probe = rs.find((r) => r.source.line === 379)!;
  assert.equal(probe.path, '/wp-login.php');
  assert.deepEqual(described(probe), ['admin/CMS discovery in path']);
  assert.equal(scanRequest({ ...probe, status: 200 }), null, 'a site that runs WordPress serves its login page');
});
