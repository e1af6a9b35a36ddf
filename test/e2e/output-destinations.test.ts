// `-o` writes where the user pointed: through symlinks, into FIFOs and devices
// in place, atomically for regular files, and never leaves a temporary file
// behind, whether the run fails or is interrupted (SIGINT/SIGTERM).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { lstat, mkdtemp, open, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

const LOG = 'fixtures/generated/clean-nginx/nginx.log';
const BIN = fileURLToPath(new URL('../../bin/anomalog', import.meta.url));

async function freshDirectory(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `anomalog-out-${name}-`));
}

/**
 * Reads a FIFO to its end in a `cat` (a reader must be open for the writer's
 * open to return). `cat` is killed if nothing ever writes, so a regression
 * that replaces the FIFO fails the test instead of hanging it.
 */
function drain(path: string, writerDone: Promise<unknown>): Promise<string> {
  const reader = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  reader.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  void writerDone.then(() => setTimeout(() => reader.kill('SIGKILL'), 3_000).unref());
  return new Promise((resolve) => reader.on('close', () => resolve(Buffer.concat(chunks).toString('utf8'))));
}

test('-o onto a symlink writes its target and leaves the link a link (also a dangling one)', async () => {
  const directory = await freshDirectory('symlink');
  await writeFile(join(directory, 'real.ndjson'), 'old\n');
  await symlink('real.ndjson', join(directory, 'link.ndjson'));
  await symlink(join(directory, 'created-by-write.json'), join(directory, 'dangling.json'));
  const [viaLink, viaDangling] = await Promise.all([
    runCli(['parse', LOG, '-o', join(directory, 'link.ndjson')]),
    runCli(['analyze', LOG, '--no-config', '--format', 'json', '-o', join(directory, 'dangling.json')]),
  ]);
  assert.equal(viaLink.code, 0, viaLink.stderr);
  assert.equal(viaDangling.code, 0, viaDangling.stderr);
  assert.ok((await lstat(join(directory, 'link.ndjson'))).isSymbolicLink(), 'the symlink was replaced by a file');
  assert.equal(await readlink(join(directory, 'link.ndjson')), 'real.ndjson');
  const records = (await readFile(join(directory, 'real.ndjson'), 'utf8')).trimEnd().split('\n');
  assert.ok(records.length > 100 && records.every((line) => line.startsWith('{"time":')), 'the target holds the records');
  assert.ok((await lstat(join(directory, 'dangling.json'))).isSymbolicLink());
  assert.equal((JSON.parse(await readFile(join(directory, 'created-by-write.json'), 'utf8')) as { schemaVersion: number }).schemaVersion, 1);
  assert.deepEqual((await readdir(directory)).sort(), ['created-by-write.json', 'dangling.json', 'link.ndjson', 'real.ndjson']);
});

test('-o onto a FIFO, or a symlink to one (as /dev/null is to a device), writes into it and keeps the node', async () => {
  const directory = await freshDirectory('fifo');
  const fifo = join(directory, 'pipe');
  execFileSync('mkfifo', [fifo]);
  await symlink(fifo, join(directory, 'null'));
  for (const destination of [fifo, join(directory, 'null')]) {
    const run = runCli(['parse', LOG, '--limit', '3', '-o', destination]);
    const [received, result] = await Promise.all([drain(fifo, run), run]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(received.trimEnd().split('\n').length, 3, `three records arrived through ${destination}`);
    assert.ok((await lstat(fifo)).isFIFO(), `${destination}: the FIFO was replaced`);
  }
  assert.ok((await lstat(join(directory, 'null'))).isSymbolicLink());
  assert.deepEqual((await readdir(directory)).sort(), ['null', 'pipe'], 'no temporary file beside the FIFO');
});

/**
 * Character devices of the test's own, made with mknod in a temporary directory (never the
 * real /dev/null): the null device (1,3) and the full device (1,7), whose every write fails
 * with ENOSPC. `null` when this system does not let the test make or open them (not root, or
 * a container without CAP_MKNOD or with the devices cgroup closed).
 */
async function ownDevices(directory: string): Promise<{ nullDevice: string; fullDevice: string } | null> {
  const nullDevice = join(directory, 'null');
  const fullDevice = join(directory, 'full');
  for (const [path, minor] of [[nullDevice, '3'], [fullDevice, '7']] as const) {
    if (spawnSync('mknod', [path, 'c', '1', minor], { stdio: 'ignore' }).status !== 0) return null;
    try {
      await (await open(path, 'w')).close();
    } catch {
      return null;
    }
  }
  return { nullDevice, fullDevice };
}

/** The test's own devices, or null after marking the test skipped where no device node can be made. */
async function ownDevicesOrSkip(t: TestContext, directory: string): Promise<{ nullDevice: string; fullDevice: string } | null> {
  const devices = await ownDevices(directory);
  if (devices === null) t.skip('cannot make a device node here (mknod needs root and CAP_MKNOD)');
  return devices;
}

test('-o onto a device (a null device of its own, directly or through a symlink) writes in place and keeps the node; a device that refuses the write is exit 2', async (t) => {
  const directory = await freshDirectory('device');
  const devices = await ownDevicesOrSkip(t, directory);
  if (devices === null) return;
  await symlink(devices.nullDevice, join(directory, 'to-null'));
  const [parsed, analyzed, viaLink] = await Promise.all([
    runCli(['parse', LOG, '-o', devices.nullDevice]),
    runCli(['analyze', LOG, '--no-config', '--format', 'json', '-o', devices.nullDevice]),
    runCli(['learn', LOG, '--no-config', '-q', '-o', join(directory, 'to-null')]),
  ]);
  for (const result of [parsed, analyzed, viaLink]) assert.equal(result.code, 0, result.stderr);
  assert.ok((await lstat(devices.nullDevice)).isCharacterDevice(), 'the device node was replaced');
  assert.ok((await lstat(join(directory, 'to-null'))).isSymbolicLink());
  // A write that fails on its last block (a small report) must fail the run as much as one that fails early.
  const [smallReport, manyRecords] = await Promise.all([
    runCli(['analyze', LOG, '--no-config', '--format', 'json', '-o', devices.fullDevice]),
    runCli(['parse', LOG, '-o', devices.fullDevice]),
  ]);
  for (const result of [smallReport, manyRecords]) {
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr, `anomalog: cannot write ${devices.fullDevice}: no space left on device\n`);
  }
  assert.ok((await lstat(devices.fullDevice)).isCharacterDevice());
  assert.deepEqual((await readdir(directory)).sort(), ['full', 'null', 'to-null'], 'no temporary file beside the devices');
});

test('stdout redirected onto a device that refuses the write: one line and exit 2, no stack trace', async (t) => {
  const directory = await freshDirectory('stdout-full');
  const devices = await ownDevicesOrSkip(t, directory);
  if (devices === null) return;
  const full = await open(devices.fullDevice, 'w');
  try {
    const child = spawnSync(process.execPath, [BIN, 'analyze', LOG, '--no-config', '--format', 'json'], { cwd: REPO_ROOT, stdio: ['ignore', full.fd, 'pipe'], encoding: 'utf8' });
    assert.equal(child.status, 2, child.stderr);
    assert.equal(child.stderr, 'anomalog: cannot write stdout: no space left on device\n');
  } finally {
    await full.close();
  }
});

test('a failed merge (a missing or corrupt baseline) leaves no temporary file', async () => {
  const directory = await freshDirectory('merge');
  const baseline = join(directory, 'a.json');
  const learned = await runCli(['learn', LOG, '--no-config', '-o', baseline]);
  assert.equal(learned.code, 0, learned.stderr);
  await writeFile(join(directory, 'corrupt.json'), '{"not": "a baseline"}\n');
  for (const other of [join(directory, 'missing.json'), join(directory, 'corrupt.json')]) {
    const result = await runCli(['merge', baseline, other, '-o', join(directory, 'merged.json')]);
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  }
  assert.deepEqual((await readdir(directory)).sort(), ['a.json', 'corrupt.json']);
});

/**
 * Starts a command reading a stdin that stays open, waits until its temporary
 * output exists, sends `signal`, and returns the exit code.
 */
async function interruptWhileWriting(args: string[], directory: string, signal: NodeJS.Signals): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // The child dies with stdin still open: a write it never reads must not fail the test.
  child.stdin.on('error', () => undefined);
  child.stdin.write(await readFile(join(REPO_ROOT, LOG)));
  const deadline = Date.now() + 15_000;
  while (!(await readdir(directory)).some((name) => name.endsWith('.tmp'))) {
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      assert.fail(`no temporary file appeared: ${Buffer.concat(stderr).toString()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill(signal);
  const code = await exited;
  return { code, stderr: Buffer.concat(stderr).toString('utf8') };
}

test('SIGINT or SIGTERM during parse -o or learn: exit 130 / 143 and the temporary file is removed', async () => {
  const exits = { SIGINT: 130, SIGTERM: 143 } as const;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const parseDirectory = await freshDirectory(`parse-${signal}`);
    const parsed = await interruptWhileWriting(['parse', '-', '-o', join(parseDirectory, 'records.ndjson')], parseDirectory, signal);
    assert.equal(parsed.code, exits[signal], `parse, ${signal}: ${parsed.stderr}`);
    assert.deepEqual(await readdir(parseDirectory), [], `parse, ${signal}`);

    const learnDirectory = await freshDirectory(`learn-${signal}`);
    await writeFile(join(learnDirectory, 'baseline.json'), 'previous\n');
    const learned = await interruptWhileWriting(['learn', '-', '--no-config', '-o', join(learnDirectory, 'baseline.json')], learnDirectory, signal);
    assert.equal(learned.code, exits[signal], `learn, ${signal}: ${learned.stderr}`);
    assert.deepEqual(await readdir(learnDirectory), ['baseline.json'], `learn, ${signal}`);
    assert.equal(await readFile(join(learnDirectory, 'baseline.json'), 'utf8'), 'previous\n', `learn, ${signal}: the previous baseline is untouched`);
  }
});
