// Resource bounds: a log whose every line has a new path (a scanner, random
// cache-busters) must not grow memory with the paths. Routes beyond
// --max-routes fold into /{other}, the run says how many, and the baseline
// holds at most the cap. Memory is compared with the same traffic on one path,
// so the assertion is about what distinct paths cost, not about the machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { assertNoCrash, runCliMeasured, tempDir } from './cli-accounting.js';

const LINES = 200_000;
const MAX_ROUTES = 500;
const START_MS = Date.UTC(2024, 0, 1);
const MONTH = 'Jan';

/** Writes `lines` combined-format lines, one every 200 ms; `pathOf`/`clientOf` choose what is distinct. */
async function writeLog(path: string, lines: number, pathOf: (i: number) => string, clientOf: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '';
  for (let i = 0; i < lines; i += 1) {
    const iso = new Date(START_MS + i * 200).toISOString();
    const clf = `${iso.slice(8, 10)}/${MONTH}/${iso.slice(0, 4)}:${iso.slice(11, 19)} +0000`;
    chunk += `${clientOf(i)} - - [${clf}] "GET ${pathOf(i)} HTTP/1.1" 200 ${100 + (i % 900)} "-" "probe/${i % 7}"\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

const uniquePath = (i: number): string => `/u${i.toString(36)}/x${((i * 7919) % 1_000_003).toString(36)}`;
const fewClients = (i: number): string => `10.0.0.${i % 256}`;

test(`${LINES} lines with a new path each: routes fold to /{other} with a warning, the baseline keeps at most --max-routes, memory does not follow the paths`, async (t) => {
  const dir = tempDir(t);
  const unique = join(dir, 'unique-paths.log');
  const constant = join(dir, 'one-path.log');
  await writeLog(unique, LINES, uniquePath, fewClients);
  await writeLog(constant, LINES, () => '/static/app.js', fewClients);

  const [spread, single] = await Promise.all([
    runCliMeasured(['learn', unique, '-o', join(dir, 'unique.json'), '--max-routes', String(MAX_ROUTES)], { cwd: process.cwd(), timeoutMs: 120_000 }),
    runCliMeasured(['learn', constant, '-o', join(dir, 'one.json'), '--max-routes', String(MAX_ROUTES)], { cwd: process.cwd(), timeoutMs: 120_000 }),
  ]);
  assertNoCrash(spread);
  assert.equal(spread.code, 0, spread.stderr);
  assert.equal(single.code, 0, single.stderr);
  assert.match(spread.stderr, new RegExp(`^anomalog: ${LINES - MAX_ROUTES} rare routes were folded into /\\{other\\} \\(raise --max-routes to keep more\\)$`, 'm'));
  assert.doesNotMatch(single.stderr, /folded/);

  const inspected = await runCli(['inspect', '--format', 'json', join(dir, 'unique.json')]);
  assert.equal(inspected.code, 0, inspected.stderr);
  const endpoints = (JSON.parse(inspected.stdout) as { endpoints: { endpoint: string }[] }).endpoints;
  assert.ok(endpoints.length <= MAX_ROUTES + 1, `${endpoints.length} endpoints in the baseline`);
  assert.ok(endpoints.some((entry) => entry.endpoint === 'GET /{other}'));

  // 200 000 distinct paths held as strings alone would take tens of MiB; what they may add is far less than the windows cost.
  const extraMiB = (spread.maxRssKiB - single.maxRssKiB) / 1024;
  assert.ok(extraMiB < 120, `distinct paths added ${extraMiB.toFixed(0)} MiB of peak RSS (one path: ${(single.maxRssKiB / 1024).toFixed(0)} MiB)`);
});

test(
  'a new client on every line keeps memory bounded too',
  { todo: 'per-client window state is not capped (src/features/traffic-aggregator.ts); about 4-6 KiB per distinct client today' },
  async (t) => {
    const dir = tempDir(t);
    const unique = join(dir, 'unique-clients.log');
    const constant = join(dir, 'one-client.log');
    const lines = 50_000;
    await writeLog(unique, lines, () => '/api/items', (i) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    await writeLog(constant, lines, () => '/api/items', () => '10.0.0.1');
    const [spread, single] = await Promise.all([
      runCliMeasured(['analyze', '--format', 'json', unique], { cwd: process.cwd(), timeoutMs: 120_000 }),
      runCliMeasured(['analyze', '--format', 'json', constant], { cwd: process.cwd(), timeoutMs: 120_000 }),
    ]);
    assertNoCrash(spread);
    assert.equal(spread.code, 0, spread.stderr);
    const extraMiB = (spread.maxRssKiB - single.maxRssKiB) / 1024;
    assert.ok(extraMiB < 60, `${lines} distinct clients added ${extraMiB.toFixed(0)} MiB of peak RSS`);
  },
);
