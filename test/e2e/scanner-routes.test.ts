// A scanner requesting a few hundred random names directly under /api/ (`/api/fdcf756e.sql`,
// `/api/f9f94b37.json`…) at the start of a log must not turn every real route into
// `/api/{param}/…`: the baseline and the report keep `GET /api/v1/search`, `GET /api/v1/cart`…
// and the probes share one `/api/{param}` route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const CLEAN = 'fixtures/e2e/clean/nginx.log';

test('learn and analyze: 400 random names probed under /api/ before the real traffic leave the real endpoints named', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-scanner-routes-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const extensions = ['sql', 'json', 'bak', 'zip', 'php', 'env'];
  const probes = Array.from({ length: 400 }, (_, i) => {
    const name = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
    const second = String(i % 60).padStart(2, '0');
    return `198.51.100.66 - - [03/Mar/2026:00:0${Math.floor(i / 60)}:${second} +0000] "GET /api/${name}.${extensions[i % extensions.length]} HTTP/1.1" 404 153 "-" "Mozilla/5.0 (compatible; scanner)" 0.002`;
  });
  const log = join(dir, 'nginx.log');
  writeFileSync(log, `${probes.join('\n')}\n${readFileSync(CLEAN, 'utf8')}`);

  const baselinePath = join(dir, 'baseline.json');
  const [learned, analyzed, clean] = await Promise.all([
    runCli(['learn', log, '--no-config', '-o', baselinePath]),
    runCli(['analyze', log, '--no-config', '--format', 'json', '-q']),
    runCli(['learn', CLEAN, '--no-config', '-o', join(dir, 'clean.json')]),
  ]);
  for (const run of [learned, analyzed, clean]) assert.equal(run.code, 0, run.stderr);

  const endpoints = Object.keys((JSON.parse(readFileSync(baselinePath, 'utf8')) as { endpoints: Record<string, unknown> }).endpoints);
  const cleanEndpoints = Object.keys((JSON.parse(readFileSync(join(dir, 'clean.json'), 'utf8')) as { endpoints: Record<string, unknown> }).endpoints);
  assert.ok(cleanEndpoints.includes('GET /api/v1/cart') && cleanEndpoints.includes('GET /api/v1/products/{id}'), cleanEndpoints.join(', '));
  // Every real endpoint is still there under its name; the probes add one route of their own.
  assert.deepEqual(endpoints.filter((endpoint) => !cleanEndpoints.includes(endpoint)), ['GET /api/{param}']);
  assert.deepEqual(cleanEndpoints.filter((endpoint) => !endpoints.includes(endpoint)), []);

  const report = JSON.parse(analyzed.stdout) as Report;
  const named = report.incidents.map((incident) => incident.endpoint).filter((endpoint) => endpoint !== null && endpoint !== undefined);
  assert.deepEqual(named.filter((endpoint) => endpoint.includes('/api/{param}/')), []);
});
