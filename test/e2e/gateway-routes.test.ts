// API Gateway logs its own route (resourcePath) for the requests a route matched; only what no
// route matched (a scanner's probes) is templated. A scanner probing enough names straight under
// /api/ makes that position a learned parameter, and the gateway's /api/v1/… routes were read
// against it as /api/{param}/…: every API key then "called endpoints it never called before", and
// the eval's apigw day reported 322 key_misuse incidents (344 in all, 34 before). Generated traffic
// with only a scanner planted: nothing else may be reported as an attack on an API key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWriterFormat, type LogWriterFormat } from '../../scripts/generator/formats.js';
import { generateTraffic } from '../../scripts/generator/traffic.js';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

test('a scanner probing under /api/ leaves the gateway-logged routes as they are and raises no key misuse', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'anomalog-gateway-routes-'));
  try {
    await generateTraffic({
      outDir: dir, seed: 3, startMs: Date.parse('2026-03-03T09:00:00Z'), durationMs: 6 * 3_600_000, ratePerSecond: 0.3,
      formats: [findWriterFormat('apigw') as LogWriterFormat], kinds: ['scanner'], learnDays: 0, scale: 1,
    });
    const log = join(dir, 'apigw.log');
    const lines = (await readFile(log, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { path: string; resourcePath: string; apiKeyId: string });
    const probedUnderApi = new Set(lines.filter((l) => l.resourcePath === '-' && /^\/api\/[^/]+$/.test(l.path)).map((l) => l.path));
    assert.ok(probedUnderApi.size >= 16, `the scanner must teach /api/ a parameter (${probedUnderApi.size} names)`);
    assert.ok(lines.some((l) => l.apiKeyId !== '-'), 'API keys call the API');

    const run = await runCli(['analyze', log, '--format', 'json', '--seed', '1', '--no-config', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout) as Report;
    const endpoints = report.incidents.flatMap((incident) => [incident.endpoint, ...incident.endpoints]);
    assert.deepEqual(endpoints.filter((endpoint) => endpoint?.includes('/api/{param}/')), []);
    assert.deepEqual(report.incidents.filter((incident) => incident.kind === 'key_misuse').map((incident) => incident.summary), []);
    assert.equal(report.incidents[0]?.kind, 'scanner');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
