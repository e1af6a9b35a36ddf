import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeTraffic, learnTraffic, scoreTraffic } from '../../src/pipeline/analyze-traffic.js';

// The injection scan on a worker thread must find exactly what it finds inline: the same
// records reach it in the same order, only on another core.
const SETTINGS = { seed: 42, trees: 50, sampleSize: 256 };
const fixture = (kind: string): string => {
  const dir = join('fixtures/generated/kinds', kind);
  return join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!);
};

test('analyze on two threads reports what one thread reports, the injection incident first', async () => {
  const log = fixture('injection');
  const inline = await analyzeTraffic({ inputs: [log], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  const threaded = await analyzeTraffic({ inputs: [log], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 2 });
  assert.equal(threaded.detection.incidents[0]?.kind, 'injection');
  assert.deepEqual(threaded.detection, inline.detection);
});

test('learn on two threads saves the same injection profiles, and score finds the same with them', async () => {
  const dir = 'fixtures/generated/learn-score-apigw';
  const inline = await learnTraffic({ inputs: [join(dir, 'apigw.learn.log')], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 });
  const threaded = await learnTraffic({ inputs: [join(dir, 'apigw.learn.log')], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 2 });
  assert.ok(threaded.baseline.injection !== null);
  assert.deepEqual(threaded.baseline.injection, inline.baseline.injection);
  const scoredInline = await scoreTraffic({ inputs: [join(dir, 'apigw.log')], ingest: {}, filter: {}, baseline: inline.baseline }, { threads: 1 });
  const scoredThreaded = await scoreTraffic({ inputs: [join(dir, 'apigw.log')], ingest: {}, filter: {}, baseline: inline.baseline }, { threads: 2 });
  assert.ok(scoredThreaded.detection.incidents.length > 0);
  assert.deepEqual(scoredThreaded.detection, scoredInline.detection);
});
