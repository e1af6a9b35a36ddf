// `--redact`: a report meant to leave the team carries no client address or
// consumer id of its input, in any format, and the tokens are stable per key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../helpers/run-cli.js';
import type { Report } from '../../src/types.js';

const INCIDENTS_LOG = 'fixtures/e2e/incidents/apigw.log';
const KEY = 'e2e-redaction-key';
const FORMATS = ['json', 'ndjson', 'csv', 'markdown', 'html', 'table'] as const;

async function run(args: string[], env?: Record<string, string>): Promise<string> {
  const result = await runCli(args, env ? { env } : {});
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Every client address and consumer id in the fixture, read by the project's own parser. */
const identifiers = run(['parse', INCIDENTS_LOG, '--format', 'ndjson']).then((text) => {
  const clients = new Set<string>();
  const consumers = new Set<string>();
  for (const line of text.trimEnd().split('\n')) {
    const record = JSON.parse(line) as { client: string | null; consumer: string | null };
    if (record.client) clients.add(record.client);
    if (record.consumer) consumers.add(record.consumer);
  }
  return { clients, consumers };
});

/** `value` standing alone (not inside a longer address or word). */
function occurs(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![A-Za-z0-9_.:-])${escaped}(?![A-Za-z0-9_:-]|\\.[0-9])`).test(text);
}

test('no client address or consumer id of the input appears in any format of a redacted report', async () => {
  const [{ clients, consumers }, plainJson, ...redacted] = await Promise.all([
    identifiers,
    run(['analyze', INCIDENTS_LOG, '--format', 'json']),
    ...FORMATS.map((format) => run(['analyze', INCIDENTS_LOG, '--format', format, '--redact', '--redact-key', KEY])),
  ]);
  assert.ok(clients.size > 50 && consumers.size > 0, `the fixture has clients (${clients.size}) and consumers (${consumers.size})`);
  // the unredacted report does name some of them, so the check below can fail
  const plain = JSON.parse(plainJson) as Report;
  const named = plain.incidents.flatMap((i) => [...i.clients, ...i.consumers]);
  assert.ok(named.length > 0 && named.some((id) => consumers.has(id)), 'the plain report names clients and a consumer');
  FORMATS.forEach((format, i) => {
    const text = redacted[i]!;
    for (const id of [...clients, ...consumers]) assert.ok(!occurs(text, id), `${format} leaks ${id}`);
  });
  const json = JSON.parse(redacted[0]!) as Report;
  assert.ok(json.incidents.some((incident) => incident.clients.some((c) => /^client-[0-9a-f]{12}$/.test(c))), 'clients became tokens');
  assert.ok(json.incidents.some((incident) => incident.consumers.some((c) => /^consumer-[0-9a-f]{12}$/.test(c))), 'consumers became tokens');
  assert.equal(json.incidents.length, plain.incidents.length, 'redaction hides names, not incidents');
});

test('the same key gives the same tokens (flag or ANOMALOG_REDACT_KEY); another key gives others', async () => {
  const [first, again, fromEnv, otherKey] = await Promise.all([
    run(['analyze', INCIDENTS_LOG, '--format', 'json', '--redact', '--redact-key', KEY]),
    run(['analyze', INCIDENTS_LOG, '--format', 'json', '--redact', '--redact-key', KEY]),
    run(['analyze', INCIDENTS_LOG, '--format', 'json', '--redact'], { ANOMALOG_REDACT_KEY: KEY }),
    run(['analyze', INCIDENTS_LOG, '--format', 'json', '--redact', '--redact-key', `${KEY}-2`]),
  ]);
  assert.ok(first === again, 'same key, same bytes');
  assert.ok(first === fromEnv, 'key from the environment is the same key');
  const tokens = (text: string): string[] => (JSON.parse(text) as Report).incidents.flatMap((i) => [...i.clients, ...i.consumers]);
  assert.ok(tokens(first).length > 0);
  assert.equal(tokens(otherKey).length, tokens(first).length);
  assert.ok(tokens(otherKey).every((token, i) => token !== tokens(first)[i]), 'another key, other tokens');
});
