import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBaseline } from '../../src/pipeline/load-baseline.js';
import { FEATURE_NAMES } from '../../src/features/feature-names.js';
import { runCli } from '../helpers/run-cli.js';

const LEARN = 'fixtures/generated/learn-score-apigw/apigw.learn.log';

/** The file as another anomalog would have written it: its checksum over what it holds. */
function resealed(doc: Record<string, unknown>): string {
  const { checksum: _old, ...body } = doc;
  return `${JSON.stringify({ ...body, checksum: `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}` })}\n`;
}

test('a baseline whose forests were grown on other features is refused in one sentence, not scored on the wrong values', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-load-baseline-'));
  const path = join(directory, 'b.json');
  const learned = await runCli(['learn', '--no-config', '-q', '-o', path, LEARN]);
  assert.equal(learned.code, 0, learned.stderr);
  const loaded = await loadBaseline(path);
  assert.deepEqual(loaded.baseline.models.endpoint?.featureNames, [...FEATURE_NAMES.endpoint]);

  const doc = JSON.parse(await readFile(path, 'utf8')) as { models: { endpoint: { featureNames: string[] } } } & Record<string, unknown>;
  const names = doc.models.endpoint.featureNames;
  [names[0], names[1]] = [names[1]!, names[0]!];
  const swapped = join(directory, 'swapped.json');
  await writeFile(swapped, resealed(doc));
  await assert.rejects(loadBaseline(swapped), (error: Error) => {
    assert.equal(error.name, 'InputError');
    assert.match(error.message, /^the baseline .*swapped\.json was learned on other endpoint features \(error_5xx_ratio, volume, .*\) than this anomalog computes \(volume, error_5xx_ratio, .*\); learn it again with 'anomalog learn'$/);
    return true;
  });
});
