// What the built CLI does to the stream it prints on: colour rules, a reader
// that stops early (`| head`), and --quiet for stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli, REPO_ROOT } from '../helpers/run-cli.js';

const INCIDENTS_LOG = 'fixtures/e2e/incidents/apigw.log';
const CLEAN_LOG = 'fixtures/e2e/clean/nginx.log';
const HOSTILE_LOG = 'fixtures/e2e/hostile/hostile.log';
const BIN = fileURLToPath(new URL('../../bin/anomalog', import.meta.url));
// Colour codes the table may use (SGR); nothing else may start with ESC.
const SGR = /\x1b\[[0-9;]*m/g;

/** The environment of the test run without any colour preference, plus `extra`. */
function colourEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ['NO_COLOR', 'FORCE_COLOR'] as const) if (!(name in extra)) delete env[name];
  return env;
}

/** Runs the CLI with exactly the colour variables given (runCli always sets NO_COLOR). */
function runWithColourEnv(args: string[], extra: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: colourEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

function table(env: Record<string, string>, ...flags: string[]): Promise<string> {
  return runWithColourEnv(['analyze', INCIDENTS_LOG, '--format', 'table', ...flags], env).then((result) => {
    assert.equal(result.code, 0, result.stderr);
    return result.stdout;
  });
}

test('colour: NO_COLOR and --no-color turn it off, FORCE_COLOR and --color force it on a pipe', async () => {
  const [noColor, plainPipe, forced, flag, noColorFlagBeatsForce, flagBeatsNoColor] = await Promise.all([
    table({ NO_COLOR: '1' }),
    table({}),
    table({ FORCE_COLOR: '1' }),
    table({}, '--color'),
    table({ FORCE_COLOR: '1' }, '--no-color'),
    table({ NO_COLOR: '1' }, '--color'),
  ]);
  assert.ok(!noColor.includes('\x1b'), 'NO_COLOR: no ESC byte');
  assert.ok(!plainPipe.includes('\x1b'), 'a pipe is not a terminal: no colour by default');
  assert.ok(!noColorFlagBeatsForce.includes('\x1b'), '--no-color beats FORCE_COLOR');
  for (const [name, text] of [['FORCE_COLOR=1', forced], ['--color', flag], ['--color over NO_COLOR', flagBeatsNoColor]] as const) {
    assert.match(text, /\x1b\[31m|\x1b\[1m/, `${name}: coloured`);
    assert.ok(!text.replace(SGR, '').includes('\x1b'), `${name}: only SGR colour codes`);
    // colour is the only difference from the plain table
    assert.equal(text.replace(SGR, ''), noColor, `${name}: same text as without colour`);
  }
});

test('colour never reaches machine formats or a report file, even when forced', async () => {
  const results = await Promise.all(
    ['json', 'markdown', 'html'].map((format) => runWithColourEnv(['analyze', INCIDENTS_LOG, '--format', format, '--color'], { FORCE_COLOR: '1' })),
  );
  for (const result of results) {
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes('\x1b'));
  }
});

/** Spawns the CLI with its stdout read end closed at once: every write it makes hits EPIPE. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

test('a reader that goes away (broken pipe) ends the run quietly: no EPIPE trace, the exit code it would have had', async () => {
  const [ndjson, table, verdict] = await Promise.all([
    runWithClosedStdout(['analyze', INCIDENTS_LOG, '--format', 'ndjson']),
    runWithClosedStdout(['analyze', INCIDENTS_LOG, '--format', 'table']),
    runWithClosedStdout(['analyze', INCIDENTS_LOG, '--format', 'html', '--fail-on', 'high']),
  ]);
  for (const result of [ndjson, table]) {
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
  }
  assert.equal(verdict.stderr, '');
  assert.equal(verdict.code, 1, '--fail-on still decides the exit code');
});

test('`anomalog analyze FILE --format ndjson | head -2` prints the header and one incident and nothing on stderr', async () => {
  const result = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
    // PIPESTATUS[0] is anomalog's own exit code, not head's.
    const shell = spawn('bash', ['-c', `node bin/anomalog analyze ${INCIDENTS_LOG} --format ndjson | head -2; exit "\${PIPESTATUS[0]}"`], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    shell.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    shell.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    shell.on('error', reject);
    shell.on('close', (code) => resolve({ stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), code }));
  });
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.equal((JSON.parse(lines[0]!) as { type: string }).type, 'header');
  assert.equal((JSON.parse(lines[1]!) as { incident: { rank: number } }).incident.rank, 1);
});

test('--quiet: stderr is empty on input with skipped lines; without it the skipped lines are summarised there', async () => {
  const inputs = [CLEAN_LOG, HOSTILE_LOG];
  const [loud, quiet] = await Promise.all([
    runCli(['analyze', ...inputs, '--format', 'json']),
    runCli(['analyze', ...inputs, '--format', 'json', '--quiet']),
  ]);
  assert.equal(loud.code, 0, loud.stderr);
  assert.equal(quiet.code, 0, quiet.stderr);
  const skipped = (JSON.parse(loud.stdout) as { input: { skipped: number; lines: number } }).input;
  assert.ok(skipped.skipped > 0, 'the fixture has skipped lines');
  assert.match(loud.stderr, new RegExp(`^anomalog: skipped ${skipped.skipped} of ${skipped.lines} lines: .*\\(first at ${HOSTILE_LOG.replace(/\./g, '\\.')}:\\d+`));
  assert.ok(!loud.stderr.includes('\x1b'), 'diagnostics are escaped too');
  assert.equal(quiet.stderr, '');
  assert.equal(quiet.stdout, loud.stdout, '--quiet changes stderr only');
});
