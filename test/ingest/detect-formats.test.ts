import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogRecord } from '../../src/types.js';
import { createIngestStats, readRecordBatches } from '../../src/ingest/read-records.js';
import { STRUCTURAL_SKIP_REASONS } from '../../src/ingest/ingest-stats.js';

const FORMATS_DIR = '../shared/data/formats';

/**
 * What auto-detection must pick for each example file, and the lines each file
 * is expected to skip (by reason). Several ids joined by `+` mean the file
 * mixes formats line by line (as `kubectl logs` output does).
 */
const EXPECTED: Record<string, { format: string; skipped?: Record<string, number>; headerLines?: number }> = {
  'apache-access.log': { format: 'clf' },
  'aws-alb.log': { format: 'aws-alb' },
  'aws-apigateway.log': { format: 'apigateway-json' },
  'aws-elb-classic.log': { format: 'aws-elb-classic' },
  'azure-appgw.log': { format: 'azure-appgw' },
  'caddy-json.log': { format: 'caddy-json' },
  'cloudfront.log': { format: 'aws-cloudfront', headerLines: 2 },
  // Line 1 is a JSON log_format sample with no time, method or path (SOURCES.md).
  'envoy-json.log': { format: 'envoy-json', skipped: { 'not-envoy-json': 1 } },
  'envoy.log': { format: 'envoy-text' },
  'gcp-http-lb.log': { format: 'gcp-http-lb' },
  'haproxy.log': { format: 'haproxy' },
  'iis-w3c.log': { format: 'iis-w3c', headerLines: 12 },
  // A file-log JSON line interleaved with Kong's own nginx access line.
  'kong-json.log': { format: 'kong-json+clf' },
  'nginx-combined.log': { format: 'clf' },
  // Line 4 is invalid JSON as logged (a broken log_format), kept on purpose.
  'nginx-json.log': { format: 'nginx-json', skipped: { 'bad-json': 1 } },
  'traefik-clf.log': { format: 'traefik-clf' },
  'traefik-json.log': { format: 'traefik-json', skipped: { 'not-json': 1 } },
  'tyk.log': { format: 'tyk-logfmt+tyk-json', skipped: { 'not-access-log': 1 } },
  'wrapped-container.log': { format: 'ingress-nginx+envoy-json+envoy-text+clf' },
};

async function ingest(path: string) {
  const stats = createIngestStats();
  const records: LogRecord[] = [];
  for await (const batch of readRecordBatches([path], {}, stats)) records.push(...batch);
  return { stats, records };
}

function skippedCounts(stats: ReturnType<typeof createIngestStats>): Record<string, number> {
  return Object.fromEntries(Object.entries(stats.skippedByReason).map(([reason, entry]) => [reason, entry.count]));
}

test('every example file has an expectation', () => {
  const files = readdirSync(FORMATS_DIR).filter((name) => name.endsWith('.log')).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
});

for (const [file, expected] of Object.entries(EXPECTED)) {
  test(`${file}: detected as ${expected.format}, no unexpected skips`, async () => {
    const path = join(FORMATS_DIR, file);
    const { stats } = await ingest(path);
    assert.equal(stats.formats[path], expected.format);
    assert.deepEqual(skippedCounts(stats), expected.skipped ?? {});
    assert.equal(stats.headerLines, expected.headerLines ?? 0, 'header and comment lines are counted apart from skipped ones');
    assert.equal(stats.lines, stats.records + stats.skipped + stats.headerLines);
  });
}

test('wrapped-container.log: CRI, Docker and journald envelopes are removed before parsing', async () => {
  const { records } = await ingest(join(FORMATS_DIR, 'wrapped-container.log'));
  assert.equal(records.length, 8);
  // Line 3 is Docker json-file around an ingress-nginx line: fields come from the payload.
  const docker = records.find((r) => r.source.line === 3)!;
  assert.equal(docker.client, '192.168.61.205');
  assert.equal(docker.method, 'GET');
  assert.equal(docker.path, '/');
  assert.equal(docker.status, 200);
  assert.equal(docker.bytesSent, 13);
  assert.equal(new Date(docker.timeMs).toISOString(), '2021-08-24T09:52:13.000Z');
  // Line 8 is platform JSON whose message is `frontend.0 nginx: <combined line>`.
  const journald = records.find((r) => r.source.line === 8)!;
  assert.equal(journald.client, '203.0.113.1');
  assert.equal(journald.status, 502);
  assert.equal(journald.bytesSent, 1535);
});

test('HAProxy lines keep their syslog prefix for the HAProxy parser; a syslog-wrapped nginx line is unwrapped', async () => {
  const { records } = await ingest(join(FORMATS_DIR, 'haproxy.log'));
  assert.equal(records.length, 7);
  assert.deepEqual(
    records.map((r) => r.status),
    [200, 304, 503, 408, 200, 200, 404],
  );
  const nginx = await ingest(join(FORMATS_DIR, 'nginx-combined.log'));
  const wrapped = nginx.records.find((r) => r.source.line === 10)!;
  assert.notEqual(wrapped.client, null);
  assert.notEqual(wrapped.path, null);
});

test('lines wrapped in an extra pair of quotes (spreadsheet export) are unwrapped', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-quoted-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'export.csv');
  writeFileSync(
    path,
    [
      `"203.0.113.10 - - [05/Oct/2026:00:00:00 +0000] ""GET /api/v1/users/8812 HTTP/1.1"" 200 512 ""-"" ""curl/8.4.0"""`,
      `"198.51.100.7 - - [05/Oct/2026:00:00:02 +0000] ""POST /api/v1/login HTTP/1.1"" 401 61 ""-"" ""python-requests/2.31.0"""`,
    ].join('\n'),
  );
  const { stats, records } = await ingest(path);
  assert.equal(stats.formats[path], 'clf');
  assert.deepEqual(
    records.map((r) => [r.method, r.path, r.status, r.userAgent]),
    [
      ['GET', '/api/v1/users/8812', 200, 'curl/8.4.0'],
      ['POST', '/api/v1/login', 401, 'python-requests/2.31.0'],
    ],
  );
});

/** Real access logs (read in place, never copied) and the lines each one is expected to skip. */
const REAL_LOGS: { inputs: string[]; format: string; skipped: Record<string, number> }[] = [
  // The sample is cut at 200 KiB, mid-line: the last line is incomplete.
  { inputs: ['../shared/data/real/nasa-http/NASA_access_log_Aug95'], format: 'clf', skipped: { 'not-clf': 1 } },
  // Line 8899 is cut inside its user agent: kept as a record, counted as truncated (below).
  { inputs: ['../shared/data/real/elastic-apache/apache_logs.gz'], format: 'clf', skipped: {} },
  { inputs: ['../shared/data/real/logparser-hackers/hackers-access.log'], format: 'clf', skipped: {} },
  { inputs: ['../shared/data/real/netnea-labor07/labor-07-example-access.log.gz'], format: 'apache-netnea', skipped: {} },
  {
    inputs: ['../shared/data/real/secrepo-webhawk/access.log.2021-10-22', '../shared/data/real/secrepo-webhawk/access.log.2022-12-22'],
    format: 'clf',
    skipped: {},
  },
];

for (const log of REAL_LOGS) {
  test(`real log ${log.inputs[0]}: detected as ${log.format}, ≥ 99.5% records`, async () => {
    const stats = createIngestStats();
    for await (const batch of readRecordBatches(log.inputs, {}, stats)) void batch;
    for (const input of log.inputs) assert.equal(stats.formats[input], log.format);
    assert.deepEqual(skippedCounts(stats), log.skipped);
    assert.ok(stats.records >= 0.995 * stats.lines, `${stats.records} of ${stats.lines}`);
  });
}

test('real IIS logs (directories of daily files): every data line is a record; headers are counted as header', async () => {
  for (const dir of ['../shared/data/real/iis-waikolai', '../shared/data/real/iis-webknowit']) {
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.log'))
      .map((name) => join(dir, name));
    const stats = createIngestStats();
    for await (const batch of readRecordBatches(files, {}, stats)) void batch;
    assert.ok(files.every((file) => stats.formats[file] === 'iis-w3c'));
    const dataSkips = Object.entries(stats.skippedByReason).filter(([reason]) => !STRUCTURAL_SKIP_REASONS.has(reason));
    assert.deepEqual(dataSkips, []);
    assert.ok(stats.records > 1000);
  }
});
