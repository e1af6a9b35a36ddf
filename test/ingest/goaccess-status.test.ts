// Status totals on a real log agree with GoAccess, a widely used log analyser,
// line for line: elastic-apache line 8899 is cut inside its user agent and is
// a record for both. GoAccess is the Debian package `goaccess` (.ci/run
// installs it); without it the comparison reports itself skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createIngestStats, readRecordBatches } from '../../src/ingest/read-records.js';

const LOG = '../shared/data/real/elastic-apache/apache_logs.gz';
const hasGoAccess = spawnSync('sh', ['-c', 'command -v goaccess'], { encoding: 'utf8' }).status === 0;

interface GoAccessPanel {
  data: { data: string; hits: { count: number }; items?: { data: string; hits: { count: number } }[] }[];
}

test('elastic-apache: the line cut inside its user agent is a record, counted as truncated, not skipped', async () => {
  const stats = createIngestStats();
  let cut = null;
  for await (const batch of readRecordBatches([LOG], {}, stats)) for (const record of batch) if (record.truncated !== undefined) cut = record;
  assert.deepEqual({ lines: stats.lines, records: stats.records, skipped: stats.skipped, truncated: stats.truncated }, { lines: 10000, records: 10000, skipped: 0, truncated: 1 });
  assert.deepEqual(stats.truncatedByReason, { 'user-agent-cut': { count: 1, firstLines: [{ file: LOG, line: 8899 }] } });
  assert.equal(cut?.source.line, 8899);
});

test('elastic-apache: status totals equal GoAccess\'s, code by code', { skip: hasGoAccess ? false : 'goaccess is not installed (apt-get install goaccess)' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-goaccess-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const plain = join(dir, 'apache_logs');
  writeFileSync(plain, gunzipSync(readFileSync(LOG)));
  const output = join(dir, 'report.json');
  const run = spawnSync('goaccess', [plain, '--log-format=COMBINED', '--no-global-config', '-o', output], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(run.status, 0, run.stderr);
  const report = JSON.parse(readFileSync(output, 'utf8')) as { general: { valid_requests: number }; status_codes: GoAccessPanel };
  const goaccess: Record<string, number> = {};
  for (const group of report.status_codes.data) for (const item of group.items ?? []) goaccess[item.data.slice(0, 3)] = item.hits.count;

  const ours: Record<string, number> = {};
  for await (const batch of readRecordBatches([LOG], {}, createIngestStats())) {
    for (const record of batch) if (record.status !== null) ours[record.status] = (ours[record.status] ?? 0) + 1;
  }
  assert.equal(report.general.valid_requests, 10000);
  assert.deepEqual(ours, goaccess);
});
