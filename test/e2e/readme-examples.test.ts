// Every README (and docs/ci.md) example that shows output is run here with the built CLI (`npm test` builds first)
// and compared with what the README shows, so a change that alters an example fails until the
// README is regenerated: `npm run build && npm run readme:examples` rewrites the blocks in place.
//
// Examples are the ```console blocks after a `<!-- readme-example: NAME -->` marker; they run in
// README order in one sandbox laid out like the repository root (scripts/readme-examples/).
// Normalised on both sides, and nothing else: the tool's version (`anomalog 0.1.0`, the JSON
// `"version"`), the sandbox's temporary path, and trailing blanks. Timings are not normalised
// because no example prints one: elapsed time is shown only on a terminal and every example pipes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_DOCUMENTS, ExampleSandbox, README_PATH, REPO_ROOT, normalizeOutput, parseReadmeExamples } from '../../scripts/readme-examples/readme-examples.js';

const examples = parseReadmeExamples(readFileSync(README_PATH, 'utf8'));
/** README.md and docs/ci.md, each with its marked examples. */
const documents = EXAMPLE_DOCUMENTS.map((document) => {
  const text = readFileSync(join(REPO_ROOT, document), 'utf8');
  return { document, text, examples: parseReadmeExamples(text, document) };
});

test('the README marks its examples: the "In one minute" run, learn/score/inspect/merge, the JSON report and the forensics walk-through', () => {
  const names = examples.map((e) => e.name);
  for (const name of ['in-one-minute', 'learn-score-inspect-merge', 'report-json', 'forensics-show', 'forensics-client', 'forensics-explain']) {
    assert.ok(names.includes(name), `README.md has an example marked ${name}`);
  }
  // An output block that is not marked is not tested: every ```console block must be an example.
  for (const { document, text, examples: marked } of documents) {
    const consoleBlocks = text.split('\n').filter((line) => line.startsWith('```console')).length;
    assert.equal(consoleBlocks, marked.length, `every \`\`\`console block in ${document} is marked <!-- readme-example: NAME -->`);
  }
});

test('docs/ci.md marks its walkthrough: the gate, NDJSON, nothing to judge and the baseline overlap', () => {
  const names = documents.find((d) => d.document === 'docs/ci.md')!.examples.map((e) => e.name);
  assert.deepEqual(names, ['ci-gate', 'ci-nothing-to-judge']);
});

for (const { document, examples: marked } of documents) {
  test(`every ${document} example prints what ${document} shows (npm run readme:examples regenerates them)`, { timeout: 1_200_000 }, async (t) => {
    const sandbox = new ExampleSandbox();
    try {
      for (const example of marked) {
        for (const command of example.commands) {
          // Sequential on purpose: later examples read what earlier ones wrote (report.json, baseline.json).
          // eslint-disable-next-line no-await-in-loop
          await t.test(`${example.name}: $ ${command.command.slice(0, 100)}`, async () => {
            const run = await sandbox.run(command.command);
            assert.equal(run.exitCode, command.expectedExit, `exit status of \`${command.command}\` (${document} says ${command.expectedExit}); it printed:\n${run.output}`);
            assert.equal(normalizeOutput(run.output), normalizeOutput(command.shown), `${document} example "${example.name}" is stale: run \`npm run build && npm run readme:examples\``);
          });
        }
      }
    } finally {
      sandbox.remove();
    }
  });
}
