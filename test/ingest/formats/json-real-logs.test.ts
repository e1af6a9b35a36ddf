// The JSON access logs among the real crowdsec hub test logs (MIT), each through
// its format's parser: every access record parses; the other lines are listed
// with their exact reasons.
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { jsonFormats } from '../../../src/ingest/formats/json-formats.js';

const HUB = '../shared/data/real/crowdsec-hub-tests';

// Envoy lines come inside containerd (CRI) envelopes, which the ingest layer
// strips before parsing; the test strips them the same way.
const CRI_PREFIX = /^\S+ (?:stdout|stderr) [FP] /;

const CASES: { file: string; format: string; lines: number; skipped: Record<string, number[]> }[] = [
  // Line 11 is a reverse_proxy debug entry, line 12 is empty.
  { file: 'caddy-logs/caddy-logs.log', format: 'caddy-json', lines: 12, skipped: { 'not-caddy-json': [11], blank: [12] } },
  { file: 'caddy-basic-auth-bf/caddy-logs.log', format: 'caddy-json', lines: 6, skipped: {} },
  // Line 6 is the CrowdSec bouncer plugin's debug output.
  { file: 'traefik_json/traefik_json.log', format: 'traefik-json', lines: 7, skipped: { 'not-json': [6] } },
  { file: 'traefik_base-http-scenario/traefik_base-http-scenario.log', format: 'traefik-json', lines: 80, skipped: {} },
  // Lines 4, 5, 9, 10 are Envoy's default TEXT format (a text parser's job).
  { file: 'envoy-logs/envoy.log', format: 'envoy-json', lines: 10, skipped: { 'not-json': [4, 5, 9, 10] } },
  { file: 'envoy-http-bad-user-agent/envoy-http-bad-user-agent.log', format: 'envoy-json', lines: 2, skipped: {} },
  { file: 'envoy-http-crawl-non_statics/envoy-http-crawl-non_statics.log', format: 'envoy-json', lines: 41, skipped: {} },
];

let accessLines = 0;
let accessRecords = 0;

for (const { file, format: formatId, lines: expectedLines, skipped } of CASES) {
  it(`${file} parses with ${formatId}`, () => {
    const format = jsonFormats.find((candidate) => candidate.id === formatId)!;
    const parser = format.createParser({});
    const lines = readFileSync(`${HUB}/${file}`, 'utf8').split('\n');
    if (lines.at(-1) === '') lines.pop();
    assert.equal(lines.length, expectedLines);
    const reasons: Record<string, number[]> = {};
    let records = 0;
    lines.forEach((line, index) => {
      const outcome = parser.parse(line.replace(CRI_PREFIX, ''), { file, line: index + 1 });
      if (typeof outcome === 'string') {
        (reasons[outcome] ??= []).push(index + 1);
        return;
      }
      records++;
      assert.ok(Number.isFinite(outcome.timeMs), `${file}:${index + 1} has a time`);
      assert.ok(outcome.method !== null && outcome.path !== null, `${file}:${index + 1} has a request`);
    });
    assert.deepEqual(reasons, skipped);
    const nonAccess = Object.values(skipped).flat().length;
    accessLines += lines.length - nonAccess;
    accessRecords += records;
    assert.equal(records, lines.length - nonAccess);
  });
}

it('≥ 99.5% of the access lines become records', () => {
  assert.ok(accessLines > 150, `${accessLines} access lines seen`);
  assert.ok(accessRecords / accessLines >= 0.995);
});

it('traefik Duration is read as nanoseconds', () => {
  const traefik = jsonFormats.find((f) => f.id === 'traefik-json')!.createParser({});
  const line = readFileSync(`${HUB}/traefik_json/traefik_json.log`, 'utf8').split('\n')[0]!;
  const record = traefik.parse(line, { file: 't', line: 1 });
  assert.equal(typeof record, 'object');
  // "Duration":357313 → 0.357313 ms, not 357 s or 357 ms.
  assert.equal((record as { durationMs: number }).durationMs, 0.357313);
});
