// Malicious or broken baseline files. A baseline is learned from a real log
// with `anomalog learn`, then damaged; `score --baseline` and `inspect` must
// refuse each with one sentence and exit 2: no stack trace, no partial output.
// Where the damage sits behind the checksum, the test recomputes the checksum
// (sha256 of JSON.stringify of the document without it) to reach the deeper
// validation, as an attacker would.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { runCli } from '../helpers/run-cli.js';
import { assertNoCrash } from './cli-accounting.js';

type Json = Record<string, unknown>;

const DIR = mkdtempSync(join(tmpdir(), 'anomalog-baseline-'));
process.on('exit', () => rmSync(DIR, { recursive: true, force: true }));
const LOG = join(DIR, 'apache.log');
const GOOD = join(DIR, 'good.json');
let goodText = '';

before(async () => {
  // 1500 lines of the elastic/examples Apache log (Apache-2.0).
  const text = gunzipSync(readFileSync('../shared/data/real/elastic-apache/apache_logs.gz')).toString('utf8');
  writeFileSync(LOG, `${text.split('\n').slice(0, 1500).join('\n')}\n`);
  const learned = await runCli(['learn', LOG, '-o', GOOD, '--quiet', '--trees', '20']);
  assert.equal(learned.code, 0, learned.stderr);
  goodText = readFileSync(GOOD, 'utf8');
});

function document(): Json {
  return JSON.parse(goodText) as Json;
}

/** The document as `learn` would write it, checksum recomputed over the (edited) body. */
function withChecksum(doc: Json): string {
  const { checksum: _old, ...body } = doc;
  const checksum = `sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}`;
  return `${JSON.stringify({ ...body, checksum })}\n`;
}

function firstKey(object: unknown): string {
  return Object.keys(object as Json)[0]!;
}

function at(doc: Json, ...path: string[]): Json {
  let value: unknown = doc;
  for (const key of path) value = (value as Json)[key];
  return value as Json;
}

async function assertRefused(name: string, text: string, expected: RegExp): Promise<void> {
  const path = join(DIR, `${name}.json`);
  writeFileSync(path, text);
  const commands = [
    ['score', LOG, '--baseline', path, '--format', 'json'],
    ['inspect', path],
  ];
  const results = await Promise.all(commands.map((args) => runCli(args)));
  for (const [i, result] of results.entries()) {
    const command = commands[i]![0];
    assertNoCrash(result);
    assert.equal(result.code, 2, `${name}: ${command} exits 2\n${result.stderr}`);
    assert.equal(result.stdout, '', `${name}: ${command} prints nothing on stdout`);
    const lines = result.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, `${name}: ${command} says one sentence\n${result.stderr}`);
    assert.match(lines[0]!, /^anomalog: /);
    assert.match(lines[0]!, expected, `${name}: ${command}`);
  }
}

test('the untouched baseline is accepted by score and inspect (so the refusals below are about the damage)', async () => {
  const score = await runCli(['score', LOG, '--baseline', GOOD, '--format', 'json']);
  assert.equal(score.code, 0, score.stderr);
  const inspect = await runCli(['inspect', GOOD]);
  assert.equal(inspect.code, 0, inspect.stderr);
  // The checksum helper reproduces what learn wrote, byte for byte.
  assert.equal(withChecksum(document()), goodText);
});

test('truncated JSON, an empty file and not-JSON are refused', async () => {
  await Promise.all([
    assertRefused('truncated', goodText.slice(0, Math.floor(goodText.length / 2)), /not valid JSON/),
    assertRefused('empty', '', /not valid JSON/),
    assertRefused('binary', '\u0000\u001b[2J\u00ff', /not valid JSON/),
    assertRefused('array', '[]', /is not an object|not an anomalog baseline/),
  ]);
});

test('a wrong checksum (an edit without recomputing it) is refused', async () => {
  const doc = document();
  doc.records = (doc.records as number) + 1;
  await assertRefused('edited', `${JSON.stringify(doc)}\n`, /fails its checksum/);
  const missing = document();
  delete missing.checksum;
  await assertRefused('no-checksum', `${JSON.stringify(missing)}\n`, /fails its checksum/);
});

test('another schema version and another format are refused', async () => {
  await Promise.all(
    [2, 0, '1', null].map((version) => {
      const doc = document();
      doc.schemaVersion = version;
      return assertRefused(`version-${String(version)}`, withChecksum(doc), /schema version/);
    }),
  );
  const other = document();
  other.format = 'something-else';
  await assertRefused('format', withChecksum(other), /not an anomalog baseline/);
});

test('absurd sizes are refused before anything is allocated from them: a million trees, huge node counts, too many entries', async () => {
  const trees = document();
  at(trees, 'settings').trees = 1_000_000;
  await assertRefused('settings-trees', withChecksum(trees), /settings\.trees/);

  const forest = document();
  const kind = firstKey(at(forest, 'models'));
  at(forest, 'models', kind, 'forest').trees = 1_000_000;
  await assertRefused('forest-trees', withChecksum(forest), /forest .*invalid|trees/i);

  const nodes = document();
  const nodeCounts = at(nodes, 'models', kind, 'forest').nodesPerTree as number[];
  nodeCounts[0] = 2 ** 31;
  await assertRefused('forest-nodes', withChecksum(nodes), /models\.\w+\.forest\.nodesPerTree\[0\] is not a whole number/);

  const histories = document();
  histories.clientHistories = Array.from({ length: 100_001 }, (_, i) => [`10.0.${i >> 8}.${i & 255}`, 1, 1, 1]);
  await assertRefused('histories', withChecksum(histories), /clientHistories has 100001 items/);

  const window = document();
  window.windowMs = 1e300;
  await assertRefused('window', withChecksum(window), /windowMs/);
});

test('NaN, infinities, strings for numbers and negative counts are refused', async () => {
  const endpoint = firstKey(document().endpoints);
  const cases: [string, (doc: Json) => void, RegExp][] = [
    ['negative-requests', (doc) => void (at(doc, 'endpoints', endpoint).requests = -5), /requests is not a non-negative number/],
    ['string-requests', (doc) => void (at(doc, 'endpoints', endpoint).requests = 'NaN'), /requests is not a non-negative number/],
    ['negative-records', (doc) => void (doc.records = -1), /records is not a non-negative number/],
    ['null-start', (doc) => void (doc.startMs = null), /startMs is not a finite number/],
    ['statuses', (doc) => void (at(doc, 'endpoints', endpoint, 'status')['2xx'] = 1e12), /more statuses than requests/],
    ['coverage', (doc) => void (doc.coverage = [1, 2, 3]), /coverage must have 168 items/],
    ['missing-field', (doc) => void delete at(doc, 'clients').writes, /clients\.writes is missing/],
    ['history-tuple', (doc) => void (doc.clientHistories = [['10.0.0.1', 1, 2]]), /clientHistories\[0\] must have 4 items/],
    ['unknown-kind', (doc) => void (at(doc, 'models').robot = at(doc, 'models', firstKey(at(doc, 'models')))), /models has an unknown entity kind "robot"/],
    ['sketch-sum', (doc) => void ((at(doc, 'endpoints', endpoint, 'latencyMs').count as number) += 5), new RegExp(`endpoints\\["${endpoint.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\]\\.latencyMs has bins that do not add up to its count`)],
    ['bin-weight', (doc) => void (((at(doc, 'clients', 'requests').bins as number[][])[0]![1] = -1)), /clients\.requests\.bins\[0\]\[1\] is not a positive number/],
  ];
  await Promise.all(
    cases.map(([name, edit, expected]) => {
      const doc = document();
      edit(doc);
      return assertRefused(name, withChecksum(doc), expected);
    }),
  );
  // JSON has no NaN; 1e999 parses as Infinity, the nearest a file can get.
  const text = withChecksum(document()).replace(/"records":\d+/, '"records":1e999');
  const { checksum: _c, ...body } = JSON.parse(text) as Json;
  const infinite = text.replace(/"checksum":"[^"]+"/, `"checksum":"sha256:${createHash('sha256').update(JSON.stringify(body)).digest('hex')}"`);
  await assertRefused('infinite', infinite, /records is not a non-negative number/);
});

test('__proto__, constructor and prototype keys in the map-like sections are refused', async () => {
  const refusals: Promise<void>[] = [];
  for (const key of ['__proto__', 'constructor', 'prototype']) {
    for (const map of ['endpoints', 'consumers']) {
      const doc = document();
      // JSON.parse makes "__proto__" an own key, as it would be in a hostile file.
      const hostile = JSON.parse(`{${JSON.stringify(key)}: {"polluted": true}}`) as Json;
      doc[map] = { ...(doc[map] as Json), ...hostile };
      refusals.push(assertRefused(`${map}-${key}`, withChecksum(doc), new RegExp(`${map} has a forbidden key "${key}"`)));
    }
  }
  await Promise.all(refusals);
});

test('a baseline that is missing or a directory is refused with one sentence', async () => {
  const commands = [
    ['score', LOG, '--baseline', join(DIR, 'nope.json')],
    ['inspect', join(DIR, 'nope.json')],
    ['score', LOG, '--baseline', DIR],
    ['inspect', DIR],
  ];
  const results = await Promise.all(commands.map((args) => runCli(args)));
  for (const [i, result] of results.entries()) {
    assertNoCrash(result);
    assert.equal(result.code, 2, commands[i]!.join(' '));
    assert.equal(result.stderr.split('\n').filter(Boolean).length, 1, result.stderr);
  }
});
