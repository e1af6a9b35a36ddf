// `npm run readme:examples [-- --check] [-- --only NAME] [-- --document docs/ci.md]`: runs every example README.md and
// docs/ci.md mark with `<!-- readme-example: NAME -->` (scripts/readme-examples/readme-examples.ts
// says how) with the built CLI (`npm run build` first) and rewrites its output in place, so the
// documents show what this checkout prints. With --check nothing is written: each command whose
// exit status or output differs from its document is listed, and the exit status is 1.
// --document runs the examples of one document only. test/e2e/readme-examples.test.ts runs the same check.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXAMPLE_DOCUMENTS, ExampleSandbox, REPO_ROOT, normalizeOutput, parseReadmeExamples, rewriteReadme } from './readme-examples/readme-examples.js';

const { values: flags } = parseArgs({ options: { check: { type: 'boolean', default: false }, only: { type: 'string', multiple: true }, document: { type: 'string', multiple: true } } });

const problems: string[] = [];
let examplesRun = 0;
let changed = 0;
const documents = EXAMPLE_DOCUMENTS.filter((d) => flags.document === undefined || flags.document.includes(d));
for (const document of documents) {
  const path = join(REPO_ROOT, document);
  const text = readFileSync(path, 'utf8');
  const examples = parseReadmeExamples(text, document);
  // One sandbox per document: its examples run in order and read what earlier ones wrote.
  const sandbox = new ExampleSandbox();
  const outputs: string[][] = [];
  try {
    for (const example of examples) {
      const selected = flags.only === undefined || flags.only.includes(example.name);
      const results: string[] = [];
      for (const command of example.commands) {
        // Skipped examples still run when a later one may read what they write; only their output is kept as is.
        const run = await sandbox.run(command.command);
        const output = run.output.replace(/[ \t]+$/gm, '');
        results.push(selected ? output : command.shown);
        if (!selected) continue;
        if (run.exitCode !== command.expectedExit) problems.push(`${document} ${example.name}: \`${command.command}\` exited ${run.exitCode}, the document says ${command.expectedExit}\n${output}`);
        else if (normalizeOutput(output) !== normalizeOutput(command.shown)) {
          problems.push(`${document} ${example.name}: \`${command.command}\` prints something else than the document shows`);
          changed += 1;
        }
      }
      outputs.push(results);
      examplesRun += 1;
      process.stderr.write(`${document} ${example.name}: ${example.commands.length} command(s) run\n`);
    }
  } finally {
    sandbox.remove();
  }
  if (!flags.check) writeFileSync(path, rewriteReadme(text, examples, outputs));
}

if (flags.check) {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stderr.write(problems.length === 0 ? `examples: ${examplesRun} up to date\n` : `examples: ${problems.length} stale (npm run readme:examples rewrites them)\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} else {
  const exitProblems = problems.filter((p) => p.includes(' exited '));
  process.stderr.write(`${documents.join(', ')}: ${examplesRun} examples rewritten, ${changed} changed\n`);
  // A command that fails is not an example: write its output so it can be read, but say so and fail.
  for (const problem of exitProblems) process.stderr.write(`${problem}\n`);
  if (exitProblems.length > 0) process.exitCode = 1;
}
