import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';
import { formats } from '../../src/ingest/formats/index.js';

test('formats lists every registered format with its description and field sources', async () => {
  const result = await runCli(['formats']);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  for (const format of formats) {
    assert.ok(result.stdout.includes(`\n${format.id}  ${format.description}\n`), format.id);
  }
  assert.match(result.stdout, /^\d+ formats, detected per file/);
});

test('formats --json is machine-readable and maps timeMs to the printed name time', async () => {
  const result = await runCli(['formats', '--json']);
  assert.equal(result.code, 0);
  const list = JSON.parse(result.stdout) as { id: string; description: string; fields: Record<string, string> }[];
  assert.deepEqual(
    list.map((entry) => entry.id),
    formats.map((format) => format.id),
  );
  const clf = list.find((entry) => entry.id === 'clf');
  assert.ok(clf !== undefined);
  assert.ok('time' in clf.fields && !('timeMs' in clf.fields));
});

test('help formats shows an example', async () => {
  const result = await runCli(['help', 'formats']);
  assert.equal(result.code, 0);
  assert.match(result.stdout, /Examples:\n {2}\$ anomalog formats/);
});
