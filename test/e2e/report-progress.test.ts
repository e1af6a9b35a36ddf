// The progress bar wiring of the CLI (src/cli/diagnostics.ts createProgress):
// stderr only on a terminal, never with --quiet, total = the inputs' sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createProgress, totalInputBytes } from '../../src/cli/diagnostics.js';
import { createIngestStats } from '../../src/ingest/read-records.js';

const INPUTS = ['fixtures/e2e/clean/nginx.log', 'fixtures/e2e/incidents/apigw.log'];
const TOTAL = INPUTS.reduce((sum, path) => sum + statSync(path).size, 0);

function fakeStream(isTTY: boolean): { isTTY: boolean; columns: number; writes: string[]; write(chunk: string): boolean } {
  const writes: string[] = [];
  return { isTTY, columns: 200, writes, write: (chunk: string) => writes.push(chunk) > 0 };
}

function statsWithRecords(records: number): ReturnType<typeof createIngestStats> {
  const stats = createIngestStats();
  stats.records = records;
  return stats;
}

test('total input bytes: file sizes summed, directories walked, unknown for stdin or a missing file', async () => {
  assert.equal(await totalInputBytes(INPUTS), TOTAL);
  const directory = ['fixtures/e2e/clean/nginx.log', 'fixtures/e2e/clean/labels.json'].reduce((sum, path) => sum + statSync(path).size, 0);
  assert.equal(await totalInputBytes(['fixtures/e2e/clean']), directory);
  assert.equal(await totalInputBytes([INPUTS[0]!, '-']), 0);
  assert.equal(await totalInputBytes([INPUTS[0]!, 'fixtures/e2e/no-such.log']), 0);
});

test('no bar when stderr is not a terminal or the run is quiet, however long it takes', async () => {
  let clock = 0;
  const now = (): number => clock;
  for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
    const stream = fakeStream(isTTY);
    const progress = await createProgress({ quiet }, INPUTS, { stream, now });
    for (clock = 0; clock < 10_000; clock += 500) progress.onBatch(statsWithRecords(clock));
    progress.done();
    assert.deepEqual(stream.writes, [], `isTTY ${isTTY}, quiet ${quiet}`);
  }
});

test('on a terminal: nothing in the first second, then bytes of the total and records per second; cleared when done', async () => {
  let clock = 0;
  const stream = fakeStream(true);
  const progress = await createProgress({ quiet: false }, INPUTS, { stream, now: () => clock });
  clock = 500;
  progress.onBatch(statsWithRecords(1000));
  assert.equal(stream.writes.length, 0, 'a short run never shows a bar');
  // what the run would read
  for (const path of INPUTS) readFileSync(path);
  clock = 2000;
  progress.onBatch(statsWithRecords(2000));
  assert.equal(stream.writes.length, 1);
  const line = stream.writes[0]!;
  assert.ok(line.startsWith('\r') && line.endsWith('\x1b[K'), 'redraws one line in place');
  assert.ok(line.includes(`of ${(TOTAL / 1000).toFixed(1)} kB`), line);
  assert.match(line, /1,000 records\/s/);
  if (existsSync('/proc/self/io')) assert.match(line, /100% /, 'bytes read come from the process, capped at the total');
  progress.done();
  assert.equal(stream.writes.at(-1), '\r\x1b[K');
});
