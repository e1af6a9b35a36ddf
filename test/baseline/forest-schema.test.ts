// A baseline file is checked by one ajv validation, its forests included (model/forest-schema.ts
// inside baseline-schema.ts): a forged or damaged forest is refused in the sentence every corrupt
// baseline gets, naming the field, before anything is built from it. What a schema cannot say
// (tables that are no real trees) is refused by deserializeForest in the same sentence.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import { learnTraffic } from '../../src/pipeline/analyze-traffic.js';
import { parseBaseline, serializeBaseline } from '../../src/baseline/baseline-file.js';
import { InputError } from '../../src/errors.js';

const LOG = 'fixtures/generated/learn-score-apigw/apigw.learn.log';
const run = await learnTraffic({ inputs: [LOG], ingest: {}, windowMs: 300_000, filter: {}, model: { seed: 7, trees: 10, sampleSize: 64 } }, { threads: 1 });
const written = serializeBaseline(run.baseline, run.training, run.stats.files);

/** The learned file with its endpoint forest edited, its checksum recomputed (so only the schema can refuse it). */
function withForest(edit: (forest: Record<string, unknown>) => unknown): string {
  const { checksum: _old, ...body } = JSON.parse(written) as Record<string, unknown> & { models: { endpoint: { forest: Record<string, unknown> } } };
  body.models.endpoint.forest = edit({ ...body.models.endpoint.forest }) as Record<string, unknown>;
  const checksum = `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
  return JSON.stringify({ ...body, checksum });
}

function refused(text: string, what: string): void {
  assert.throws(
    () => parseBaseline(text, 'b.json'),
    (error: unknown) => {
      assert.ok(error instanceof InputError, String(error));
      assert.equal(error.message, `the baseline b.json is corrupt: models.endpoint.forest${what}; learn it again with 'anomalog learn'`);
      return true;
    },
  );
}

test('the learned file reads back with its forests', () => {
  assert.equal(withForest((f) => f), written.trimEnd());
  assert.ok(parseBaseline(written, 'b.json').baseline.models.endpoint);
});

test('a forest of the wrong shape is refused by the baseline schema, naming the field', () => {
  refused(withForest(() => []), ' is not an object');
  refused(withForest((f) => ({ ...f, version: 2 })), '.version is not 1');
  refused(withForest((f) => ({ ...f, format: 'other' })), '.format is not "anomalog-isolation-forest"');
  refused(withForest((f) => ({ ...f, extra: 1 })), ' has an unexpected field "extra"');
  refused(withForest((f) => ({ ...f, trees: 1_000_000 })), '.trees is not a whole number from 1 to 10000');
  refused(withForest((f) => ({ ...f, sampleSize: '64' })), '.sampleSize is not a whole number from 2 to 65536');
  refused(withForest(({ split: _split, ...f }) => f), '.split is missing');
  refused(withForest((f) => ({ ...f, left: `${String(f.left).slice(0, -4)}@@@@` })), '.left is not base64');
});

test('a __proto__ key in a forest is an unexpected field, not a prototype', () => {
  const text = withForest((f) => f).replace('"forest":{', '"forest":{"__proto__":{"trees":1},');
  const { checksum: _old, ...body } = JSON.parse(text) as Record<string, unknown>;
  refused(JSON.stringify({ ...body, checksum: `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}` }), ' has an unexpected field "__proto__"');
});

test('tables that are no real trees are refused in the same sentence', () => {
  const split = (f: Record<string, unknown>): Record<string, unknown> => {
    const bytes = Buffer.from(String(f.split), 'base64');
    bytes.writeDoubleLE(Number.NaN, 0);
    return { ...f, split: bytes.toString('base64') };
  };
  refused(withForest(split), ' tree 0 node 0 has a split value that is not a finite number');
  refused(withForest((f) => ({ ...f, nodesPerTree: (f.nodesPerTree as number[]).slice(1) })), ' "nodesPerTree" must be an array of 10 node counts');
});
