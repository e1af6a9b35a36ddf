// `npm run readme:examples [-- --check] [-- --only NAME]`: runs every example the README marks
// with `<!-- readme-example: NAME -->` (scripts/readme-examples/readme-examples.ts says how) with
// the built CLI (`npm run build` first) and rewrites its output in place, so the README shows
// what this checkout prints. With --check nothing is written: each command whose exit status or
// output differs from the README is listed, and the exit status is 1.
// test/e2e/readme-examples.test.ts runs the same check.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ExampleSandbox, README_PATH, normalizeOutput, parseReadmeExamples, rewriteReadme } from './readme-examples/readme-examples.js';

const { values: flags } = parseArgs({ options: { check: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } } });

const text = readFileSync(README_PATH, 'utf8');
const examples = parseReadmeExamples(text);
const sandbox = new ExampleSandbox();
const outputs: string[][] = [];
const problems: string[] = [];
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
      if (run.exitCode !== command.expectedExit) problems.push(`${example.name}: \`${command.command}\` exited ${run.exitCode}, the README says ${command.expectedExit}\n${output}`);
      else if (normalizeOutput(output) !== normalizeOutput(command.shown)) problems.push(`${example.name}: \`${command.command}\` prints something else than the README shows`);
    }
    outputs.push(results);
    process.stderr.write(`${example.name}: ${example.commands.length} command(s) run\n`);
  }
} finally {
  sandbox.remove();
}

if (flags.check) {
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  process.stderr.write(problems.length === 0 ? `README examples: ${examples.length} up to date\n` : `README examples: ${problems.length} stale (npm run readme:examples rewrites them)\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
} else {
  const exitProblems = problems.filter((p) => p.includes(' exited '));
  writeFileSync(README_PATH, rewriteReadme(text, examples, outputs));
  process.stderr.write(`README.md: ${examples.length} examples rewritten, ${problems.length - exitProblems.length} changed\n`);
  // A command that fails is not an example: write its output so it can be read, but say so and fail.
  for (const problem of exitProblems) process.stderr.write(`${problem}\n`);
  if (exitProblems.length > 0) process.exitCode = 1;
}
