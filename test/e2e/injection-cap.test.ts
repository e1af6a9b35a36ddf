// A log that is mostly an attack: flagged requests past the cap are counted and reported
// on stderr, and the attack is still the top incident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { MAX_FLAGGED } from '../../src/detect/injection-incidents.js';

test('past the flagged-request cap, a sqlmap-sized traversal run is one warning and still the first incident', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-e2e-injection-cap-'));
  t.after(() => rm(directory, { recursive: true, force: true }));
  const extra = 10_000;
  const lines: string[] = [];
  for (let i = 0; i < MAX_FLAGGED + extra; i++) {
    const s = i % 60;
    const m = Math.floor(i / 60) % 60;
    const h = Math.floor(i / 3600) % 24;
    const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    lines.push(`203.0.113.${i % 200} - - [05/Dec/2026:${time} +0000] "GET /download?file=../../../etc/passwd&n=${i} HTTP/1.1" 404 153 "-" "sqlmap/1.8"`);
  }
  const log = join(directory, 'sqlmap.log');
  await writeFile(log, `${lines.join('\n')}\n`);
  const run = await runCli(['analyze', log, '--format', 'json', '--no-config', '--top', '3']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`^anomalog: ${extra} more requests were flagged for injection past the first ${MAX_FLAGGED}; they are counted here but in no incident$`, 'm'));
  const report = JSON.parse(run.stdout);
  assert.equal(report.input.records, MAX_FLAGGED + extra);
  assert.equal(report.incidents[0].kind, 'injection');
});
