// Every input saved in this directory (by `npm run fuzz` or by hand, see
// README.md) goes through the built CLI again under the fuzzer's own checks, so
// a crash or a lost line found once stays fixed. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_COMMANDS, FILE_PLACEHOLDER, checkInput, checkOutcome, describeCommand, type CommandSpec, type RunOutcome } from '../../scripts/fuzz/checks.js';

const DIR = fileURLToPath(new URL('.', import.meta.url));
// Generous: both commands of two inputs run at once on a machine that may be busy; a real hang still ends the run.
const TIMEOUT_MS = 60_000;

function isInput(name: string): boolean {
  return name !== 'README.md' && !name.endsWith('.ts') && !name.endsWith('.json');
}

function isCommandSpec(value: unknown): value is CommandSpec {
  if (typeof value !== 'object' || value === null) return false;
  const { args, stdin } = value as { args?: unknown; stdin?: unknown };
  return Array.isArray(args) && args.every((arg) => typeof arg === 'string') && (stdin === undefined || typeof stdin === 'boolean');
}

/** The base commands plus whatever the sidecar says found (or was written to exercise) the input. */
function commandsFor(name: string): CommandSpec[] {
  const sidecarPath = join(DIR, `${name.replace(/\.log(\.gz)?$/, '')}.json`);
  const commands = [...BASE_COMMANDS];
  if (!existsSync(sidecarPath)) return commands;
  const sidecar = JSON.parse(readFileSync(sidecarPath, 'utf8')) as { commands?: unknown };
  assert.ok(Array.isArray(sidecar.commands) && sidecar.commands.every(isCommandSpec), `${sidecarPath}: "commands" is a list of { args, stdin? }`);
  for (const spec of sidecar.commands) {
    assert.ok(spec.args.includes(FILE_PLACEHOLDER) || (spec.stdin === true && spec.args.includes('-')), `${sidecarPath}: ${spec.args.join(' ')} names ${FILE_PLACEHOLDER} or reads stdin`);
    if (!commands.some((known) => describeCommand(known) === describeCommand(spec))) commands.push(spec);
  }
  return commands;
}

const inputs = readdirSync(DIR).filter(isInput).sort();

test('saved inputs: no crash, every line accounted for, reports valid', { concurrency: 2 }, async (t) => {
  await Promise.all(
    inputs.map((name) =>
      t.test(name, async () => {
        const { failures } = await checkInput(join(DIR, name), commandsFor(name), TIMEOUT_MS);
        assert.deepEqual(failures, [], `${name}:\n${failures.map((f) => `  ${f.kind}: ${f.command}: ${f.detail}`).join('\n')}`);
      }),
    ),
  );
});

// The checks themselves must be able to fail, or an empty list above proves nothing.
function outcome(parts: Partial<RunOutcome> & { stdout?: Buffer }): RunOutcome {
  return { code: 0, signal: null, timedOut: false, stdout: Buffer.alloc(0), stderr: '', ...parts };
}

const PARSE = BASE_COMMANDS[0]!;
const ANALYZE = BASE_COMMANDS[1]!;
const STATS = 'lines read: 5 (1 file)\nrecords: 3\nskipped: 2\n  blank: 1 (/tmp/a.log:2)\n  not-clf: 1 (/tmp/a.log:3)\nformats:\n  /tmp/a.log: clf\n';

test('the checks flag a signal, a timeout, an exit code other than 0/1/2, a stack trace and an internal error', () => {
  const kinds = (result: RunOutcome): string[] => checkOutcome(PARSE, result).failures.map((failure) => failure.kind);
  assert.deepEqual(kinds(outcome({ code: null, signal: 'SIGSEGV' })), ['crash']);
  assert.deepEqual(kinds(outcome({ code: null, signal: 'SIGKILL', timedOut: true })), ['crash']);
  assert.deepEqual(kinds(outcome({ code: 134 })), ['crash']);
  assert.ok(kinds(outcome({ code: 1, stderr: "file:///x/dist/a.js:3\nTypeError: Cannot read properties of undefined\n    at parse (file:///x/dist/a.js:3:7)\n" })).includes('crash'));
  assert.deepEqual(kinds(outcome({ code: 2, stderr: 'anomalog: internal error: Invalid string length (re-run with ANOMALOG_DEBUG=1 for details; please report it)\n' })), ['crash']);
  // A refusal in the CLI's own words is not a crash, even when it quotes an error name from the log.
  assert.deepEqual(kinds(outcome({ code: 2, stderr: 'anomalog: cannot detect the log format of /tmp/TypeError.log; use --log-format NAME\n' })), []);
});

test('the checks flag lines neither a record nor a counted skip, and reasons that do not add up', () => {
  const lost = checkOutcome(PARSE, outcome({ stderr: STATS.replace('records: 3', 'records: 1'), stdout: Buffer.from('{}\n') })).failures;
  assert.deepEqual(lost.map((failure) => [failure.kind, failure.unaccountedLines]), [['unaccounted', 2]]);
  const reasons = checkOutcome(PARSE, outcome({ stderr: STATS.replace('blank: 1', 'blank: 0'), stdout: Buffer.from('{}\n{}\n{}\n') })).failures;
  assert.deepEqual(reasons.map((failure) => failure.kind), ['unaccounted']);
  const printed = checkOutcome(PARSE, outcome({ stderr: STATS, stdout: Buffer.from('{}\n') })).failures;
  assert.deepEqual(printed.map((failure) => failure.kind), ['output'], 'ndjson lines printed = records');
  assert.deepEqual(checkOutcome(PARSE, outcome({ stderr: STATS, stdout: Buffer.from('{}\n{}\n{}\n') })).failures, []);
});

test('the checks flag a report that is not JSON, does not match the schema, or disagrees with parse', () => {
  assert.deepEqual(checkOutcome(ANALYZE, outcome({ stdout: Buffer.from('{"schemaVersion":1') })).failures.map((f) => f.kind), ['schema']);
  assert.deepEqual(checkOutcome(ANALYZE, outcome({ stdout: Buffer.from('{"schemaVersion":1}') })).failures.map((f) => f.kind), ['schema']);
  const input = { lines: 5, records: 3, skipped: 1, skippedByReason: { blank: 1 } };
  const failures = checkOutcome(ANALYZE, outcome({ stdout: Buffer.from(JSON.stringify({ input })) }), { lines: 6, records: 3, skipped: 3 }).failures;
  assert.deepEqual(
    failures.filter((failure) => failure.kind === 'unaccounted').map((failure) => failure.unaccountedLines),
    [1, 1],
    'lines ≠ records + skipped, and parse read another line count',
  );
});

test('the checks flag raw terminal control characters in table output and on stderr', () => {
  const table: CommandSpec = { args: ['analyze', '--format', 'table', FILE_PLACEHOLDER] };
  assert.deepEqual(checkOutcome(table, outcome({ stdout: Buffer.from('│ /\x1b]0;pwned\x07 │\n') })).failures.map((f) => f.kind), ['output']);
  assert.deepEqual(checkOutcome(table, outcome({ stdout: Buffer.from('│ /␛]0;pwned␇ │\n') })).failures, []);
  assert.deepEqual(checkOutcome(table, outcome({ stderr: 'anomalog: warning: line 3 \x1b[2J\n' })).failures.map((f) => f.kind), ['output']);
});
