// merge adds baselines learned from different files. It builds a new baseline: the baselines it
// reads must come out exactly as they went in (it once accumulated into the first file's
// profiles, and handed a later file's profile objects to the merged baseline to be added into).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learnTraffic } from '../../src/pipeline/analyze-traffic.js';
import { parseBaseline, serializeBaseline, type BaselineFile } from '../../src/baseline/baseline-file.js';
import { mergeBaselines } from '../../src/baseline/merge-baselines.js';

const SETTINGS = { seed: 42, trees: 20, sampleSize: 128 };
const REAL = '../shared/data/real';
const LOGS = [`${REAL}/secrepo-webhawk/access.log.2021-10-22`, `${REAL}/secrepo-webhawk/access.log.2022-12-22`, `${REAL}/elastic-apache/apache_logs.gz`];

async function learned(input: string): Promise<BaselineFile> {
  const run = await learnTraffic({ inputs: [input], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  return parseBaseline(serializeBaseline(run.baseline, run.training, run.stats.files), input);
}

const text = (file: BaselineFile): string => serializeBaseline(file.baseline, file.training, file.files, file.sources);

test('merging three real baselines leaves each of them as it was and adds their counts', async () => {
  const files = await Promise.all(LOGS.map(learned));
  const before = files.map(text);
  const { baseline } = mergeBaselines(files, LOGS);
  assert.deepEqual(files.map(text), before, 'an input baseline changed while merging');

  assert.equal(baseline.records, files.reduce((n, f) => n + f.baseline.records, 0));
  assert.equal(baseline.clients.windows, files.reduce((n, f) => n + f.baseline.clients.windows, 0));
  // A route all three sites serve: its merged profile adds the three, each input keeps its own count.
  const shared = [...baseline.endpoints.keys()].filter((key) => files.every((f) => f.baseline.endpoints.has(key)));
  assert.ok(shared.length > 0, 'the three logs share no route');
  for (const key of shared) {
    const counts = files.map((f) => f.baseline.endpoints.get(key)!.requests);
    assert.equal(baseline.endpoints.get(key)!.requests, counts[0]! + counts[1]! + counts[2]!);
    assert.equal(baseline.endpoints.get(key)!.latency.count, files.reduce((n, f) => n + f.baseline.endpoints.get(key)!.latency.count, 0));
  }
  // Merging again from the same inputs gives the same baseline: nothing carried over from the first merge.
  const again = mergeBaselines(files, LOGS);
  assert.equal(serializeBaseline(again.baseline, again.training, again.files), serializeBaseline(baseline, mergeBaselines(files, LOGS).training, again.files));
});
