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

const CLIENT_LINES = 100_000;
const MAX_CLIENTS = 20_000;
const clientOf = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

test(`${CLIENT_LINES} lines from a new client each: clients past --max-clients count as one "(other clients)" with a warning, memory stops following clients at the cap`, async (t) => {
  const dir = tempDir(t);
  const capped = join(dir, 'capped.log');
  const half = join(dir, 'half.log');
  // The same number of lines each time; only how many distinct clients they come from differs.
  await writeLog(capped, CLIENT_LINES, () => '/api/items', clientOf);
  await writeLog(half, CLIENT_LINES, () => '/api/items', (i) => clientOf(i % MAX_CLIENTS));
  const [many, few] = await Promise.all([
    runCliMeasured(['analyze', '--no-config', '--format', 'json', '--max-clients', String(MAX_CLIENTS), capped], { cwd: process.cwd(), timeoutMs: 120_000 }),
    runCliMeasured(['analyze', '--no-config', '--format', 'json', '--max-clients', String(MAX_CLIENTS), half], { cwd: process.cwd(), timeoutMs: 120_000 }),
  ]);
  assertNoCrash(many);
  assert.equal(many.code, 0, many.stderr);
  assert.equal(few.code, 0, few.stderr);
  const folded = CLIENT_LINES - MAX_CLIENTS;
  assert.match(many.stderr, new RegExp(`^anomalog: ${folded} requests from clients past the first --max-clients were counted as one "\\(other clients\\)"`, 'm'));
  assert.doesNotMatch(few.stderr, /other clients/);
  const report = JSON.parse(many.stdout) as { input: { records: number }; incidents: { clients: string[] }[] };
  assert.equal(report.input.records, CLIENT_LINES, 'folded clients\' requests still count as records');
  for (const incident of report.incidents) assert.ok(!incident.clients.includes('(other clients)'), 'the folded bucket is never named as a client');
  // 80 000 more distinct clients, each kept apart, cost about 28 MiB more (measured with --max-clients 1000000); folded, nothing.
  const extraMiB = (many.maxRssKiB - few.maxRssKiB) / 1024;
  assert.ok(extraMiB < 10, `${folded} clients past the cap added ${extraMiB.toFixed(0)} MiB of peak RSS`);
});
