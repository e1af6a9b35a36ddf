// Behaviour one address shows within a minute, on real lines: the CrowdSec hub's agent-rotating
// DoS tool and its 401 brute force, against the shared real logs, where no address does either
// (a proxy-judge scanner of iis-webknowit rotates 7 agents in a minute, below the bar).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { LogRecord } from '../../../src/types.js';
import { createIngestStats, readRecords } from '../../../src/ingest/read-records.js';
import { clfFormat } from '../../../src/ingest/formats/clf.js';
import { AgentRotationTracker } from '../../../src/detect/campaigns/agent-rotation.js';
import { AuthFailureTracker } from '../../../src/detect/campaigns/auth-failure-bursts.js';

const HUB = '../shared/data/real/crowdsec-hub-tests';
const REAL = '../shared/data/real';
const WINDOW_MS = 5 * 60_000;

async function records(...files: string[]): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of readRecords(files, {}, createIngestStats())) out.push(r);
  return out;
}

/** The access lines of a hub test that interleaves nginx error-log lines (those are no requests). */
function accessLines(file: string): LogRecord[] {
  const parser = clfFormat.createParser({});
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => parser.parse(line, { file, line: i + 1 }))
    .filter((r): r is LogRecord => typeof r !== 'string');
}

function rotations(rs: readonly LogRecord[]) {
  const tracker = new AgentRotationTracker();
  for (const r of rs) tracker.observe(r);
  return tracker.candidates(WINDOW_MS);
}

function authBursts(rs: readonly LogRecord[]) {
  const tracker = new AuthFailureTracker();
  for (const r of rs) tracker.observe(r);
  return tracker.candidates(WINDOW_MS);
}

test('an address switching its User-Agent on every request is a rotation (hub: http-dos-switching-ua)', async () => {
  const rs = await records(`${HUB}/http-dos-switching-ua/http-dos-switching-ua.log`);
  const found = rotations(rs);
  // 1.2.3.4, the address the hub test expects; 127.0.0.1's two requests with two agents are not.
  assert.deepEqual(found.map((c) => c.key), ['1.2.3.4']);
  const [c] = found;
  assert.equal(c!.evidence[0]!.feature, 'agent_rotation');
  assert.match(c!.evidence[0]!.text, /^13 different User-Agents in 20 s from one address/);
  // Its 13 requests, each line once, each with its own agent.
  assert.equal(c!.requests, 13);
  assert.deepEqual(c!.claims!.flatMap((claim) => claim.lines!.map((l) => l.line)), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  assert.equal(c!.kind, 'volumetric');
});

test('the same agents spread over more than a minute, or repeated like a NAT of browsers, are no rotation', async () => {
  const rs = (await records(`${HUB}/http-dos-switching-ua/http-dos-switching-ua.log`)).filter((r) => r.client === '1.2.3.4');
  // One new agent every 10 s: never 10 in a minute.
  assert.deepEqual(rotations(rs.map((r, i) => ({ ...r, timeMs: rs[0]!.timeMs + i * 10_000 }))), []);
  // Each agent for a page and its four assets: 12 agents in 60 requests of a minute is a NAT, not a tool.
  const nat = rs.flatMap((r, i) => Array.from({ length: 5 }, (_, k) => ({ ...r, timeMs: rs[0]!.timeMs + i * 4_000 + k * 500 })));
  assert.deepEqual(rotations(nat), []);
});

test('no address of the shared real logs rotates agents (elastic-apache, iis-webknowit, netnea-labor07, logparser-hackers)', async () => {
  const dir = `${REAL}/iis-webknowit`;
  const webknowit = readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => `${dir}/${f}`);
  for (const files of [[`${REAL}/elastic-apache/apache_logs.gz`], webknowit, [`${REAL}/netnea-labor07/labor-07-example-access.log.gz`], [`${REAL}/logparser-hackers/hackers-access.log`]]) {
    assert.deepEqual(rotations(await records(...files)).map((c) => c.key), [], files[0]);
  }
});

test('six 401s to one address within a second are repeated failed authentication (hub: nginx-http-generic-bf)', () => {
  const rs = accessLines(`${HUB}/nginx-http-generic-bf/nginx-http-generic-bf.log`);
  assert.equal(rs.length, 6);
  const found = authBursts(rs);
  assert.deepEqual(found.map((c) => c.key), ['127.0.0.1']);
  assert.equal(found[0]!.kind, 'credential_attack');
  assert.equal(found[0]!.requests, 6);
  assert.equal(found[0]!.evidence[0]!.text, 'repeated failed authentication: 6 requests answered 401 in under 1 s from one address');
  // Five are what a person mistyping does; a calendar client's PROPFIND challenges fail nothing; 403 is no failed login.
  assert.deepEqual(authBursts(rs.slice(0, 5)), []);
  assert.deepEqual(authBursts(rs.map((r) => ({ ...r, method: 'PROPFIND' }))), []);
  assert.deepEqual(authBursts(rs.map((r) => ({ ...r, status: 403 }))), []);
  // One a minute is not a burst.
  assert.deepEqual(authBursts(rs.map((r, i) => ({ ...r, timeMs: r.timeMs + i * 61_000 }))), []);
});
