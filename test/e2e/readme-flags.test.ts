// The README's flag lists are what each command accepts: "Model flags of analyze and learn",
// "Flags shared by analyze, learn and score" and "Report flags (analyze, score)" are read from
// the README and checked against each command's --help, so a flag the README promises to a
// command it does not have (`score --seed`, `score --window` once) fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

const README = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');

/** The `--flag` names in the README text from `start` up to the first of `ends` after it. */
function flagsBetween(start: string, ends: string[]): string[] {
  const from = README.indexOf(start);
  assert.ok(from >= 0, `README.md says "${start}"`);
  const to = Math.min(...ends.map((end) => README.indexOf(end, from + start.length)).filter((index) => index >= 0));
  assert.ok(Number.isFinite(to), `the list after "${start}" ends`);
  return [...new Set([...README.slice(from, to).matchAll(/`[^`]*`/g)].flatMap(([code]) => [...code.matchAll(/--[a-z][a-z-]*/g)].map(([flag]) => flag)))];
}

/** The long options a command's --help lists. */
async function optionsOf(command: string): Promise<Set<string>> {
  const help = await runCli(['help', command]);
  assert.equal(help.code, 0, help.stderr);
  return new Set([...help.stdout.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map(([, flag]) => flag!));
}

test('the README lists, for analyze, learn and score, flags each of them takes (and score none of the model flags)', async () => {
  const model = flagsBetween('Model flags of `analyze` and `learn`', ['Flags shared']);
  const shared = flagsBetween('Flags shared\nby `analyze`, `learn` and `score`', ['\n\n']);
  const report = flagsBetween('Report flags (`analyze`, `score`)', ['\n\n']);
  assert.ok(model.length >= 4 && shared.length >= 8 && report.length >= 10, JSON.stringify({ model, shared, report }));
  const [analyze, learn, score] = await Promise.all(['analyze', 'learn', 'score'].map(optionsOf));
  const missing: string[] = [];
  const expect = (command: string, options: Set<string>, flags: string[]): void => {
    for (const flag of flags) if (!options.has(flag)) missing.push(`${command} ${flag}`);
  };
  expect('analyze', analyze!, [...model, ...shared, ...report]);
  expect('learn', learn!, [...model, ...shared]);
  expect('score', score!, [...shared, ...report]);
  assert.deepEqual(missing, [], 'flags the README promises that the command does not take');
  assert.deepEqual(model.filter((flag) => score!.has(flag)), [], 'score takes the model flags from the baseline');
  // score --seed is refused in one line, as the README's "(score takes them from the baseline)" implies
  const refused = await runCli(['score', 'fixtures/e2e/clean/nginx.log', '--baseline', 'x.json', '--seed', '1']);
  assert.equal(refused.code, 2);
  assert.equal(refused.stderr.split('\n').length, 2, refused.stderr);
});
