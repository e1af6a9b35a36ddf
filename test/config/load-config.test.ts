import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { loadConfig } from '../../src/config/load-config.js';
import { readConfigSchema } from '../../src/config/config-schema.js';
import { INCIDENT_KINDS } from '../../src/config/incident-kinds.js';
import { InputError, UsageError } from '../../src/errors.js';

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'anomalog-config-'));
}

/** A directory holding anomalog.config.json with this text. */
function withConfig(text: string): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'anomalog.config.json'), text);
  return dir;
}

function refusal(config: unknown): string {
  const dir = withConfig(typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  try {
    loadConfig({ cwd: dir });
  } catch (error) {
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    return error.message;
  }
  assert.fail('the config was accepted');
}

const scanner = { kind: 'scanner', reason: 'scanners are known' };

test('no file in cwd and no --config: no config', () => {
  assert.equal(loadConfig({ cwd: tempDir() }), null);
});

test('anomalog.config.json in cwd is read; defaults come out typed', () => {
  const dir = withConfig(
    JSON.stringify({
      $schema: './node_modules/anomalog/schema/config.schema.json',
      defaults: { window: '10m', seed: 7, trees: 200, sampleSize: 512, top: 20, failOn: 'high', minSeverity: 'medium', minConfidence: 0.5, format: 'markdown', logFormat: 'nginx-combined', map: { client: 'req.ip', durationMs: 'latency_ms' }, redact: true, strict: false, showSuppressed: true },
      suppress: [{ client: ['203.0.113.0/24', '2001:db8::/32'], reason: 'weekly pentest' }],
      ignore: [{ feature: 'latency_p95', direction: 'increase', within: '20%', reason: 'faster is fine' }],
    }),
  );
  const config = loadConfig({ cwd: dir });
  assert.ok(config);
  assert.equal(config.displayPath, 'anomalog.config.json');
  assert.equal(config.path, path.join(dir, 'anomalog.config.json'));
  assert.deepEqual(config.defaults, {
    window: '10m', seed: 7, trees: 200, sampleSize: 512, top: 20, failOn: 'high', minSeverity: 'medium', minConfidence: 0.5,
    format: 'markdown', logFormat: 'nginx-combined', map: { client: 'req.ip', durationMs: 'latency_ms' }, redact: true, strict: false, showSuppressed: true,
  });
  assert.deepEqual(config.suppress, [{ client: ['203.0.113.0/24', '2001:db8::/32'], reason: 'weekly pentest' }]);
  assert.deepEqual(config.ignore, [{ feature: 'latency_p95', direction: 'increase', within: '20%', reason: 'faster is fine' }]);
});

test('an empty object is a valid config with nothing in it', () => {
  const dir = withConfig('{}');
  assert.deepEqual(loadConfig({ cwd: dir }), {
    defaults: {},
    suppress: [],
    ignore: [],
    path: path.join(dir, 'anomalog.config.json'),
    displayPath: 'anomalog.config.json',
  });
});

test('--config FILE is read relative to cwd, and the message names it as given', () => {
  const dir = tempDir();
  mkdirSync(path.join(dir, 'ci'));
  writeFileSync(path.join(dir, 'ci', 'rules.json'), JSON.stringify({ suppress: [{ kind: 'bruteforce', reason: 'x' }] }));
  assert.throws(() => loadConfig({ cwd: dir, configPath: 'ci/rules.json' }), {
    name: 'InputError',
    message: /^invalid config ci\/rules\.json: suppress\[0\]\.kind: unknown kind "bruteforce"; known kinds: credential_attack, /,
  });
});

test('--config with a missing file is an input error; a missing implicit file is not', () => {
  const dir = tempDir();
  assert.throws(() => loadConfig({ cwd: dir, configPath: 'nope.json' }), {
    name: 'InputError',
    message: 'config file nope.json not found (given with --config)',
  });
  assert.throws(() => loadConfig({ cwd: dir, configPath: '.' }), { name: 'InputError', message: 'config file . is a directory, not a file' });
});

test('--no-config ignores anomalog.config.json, even a broken one; with --config it is a usage error', () => {
  const dir = withConfig('{ this is not json');
  assert.equal(loadConfig({ cwd: dir, noConfig: true }), null);
  assert.throws(() => loadConfig({ cwd: dir }), InputError);
  assert.throws(() => loadConfig({ cwd: dir, noConfig: true, configPath: 'anomalog.config.json' }), {
    name: 'UsageError',
    message: '--config and --no-config cannot be used together',
  });
  assert.ok(new UsageError('x') instanceof Error);
});

test('refused: not JSON, with line and column', () => {
  assert.equal(refusal('{\n  "defaults": { "window": "5m", }\n}'), 'invalid config anomalog.config.json: not JSON (line 2, column 33: trailing comma before "}")');
  assert.equal(refusal('{\n  // comment\n}'), 'invalid config anomalog.config.json: not JSON (line 2, column 3: comments are not allowed in JSON)');
  assert.equal(refusal(''), 'invalid config anomalog.config.json: not JSON (line 1, column 1: expected a value, found end of file)');
  assert.equal(refusal("{'suppress': []}"), 'invalid config anomalog.config.json: not JSON (line 1, column 2: strings must use double quotes)');
});

test('refused: not an object', () => {
  assert.equal(refusal('[]'), 'invalid config anomalog.config.json: must be a JSON object, not a list');
});

test('refused: unknown key, with its path and a suggestion', () => {
  assert.equal(refusal({ supress: [] }), 'invalid config anomalog.config.json: supress: unknown key; did you mean "suppress"?');
  assert.equal(
    refusal({ suppress: [scanner, { clinet: '203.0.113.9', reason: 'pentest' }] }),
    'invalid config anomalog.config.json: suppress[1].clinet: unknown key; did you mean "client"?',
  );
  assert.equal(
    refusal({ defaults: { colour: true } }),
    'invalid config anomalog.config.json: defaults.colour: unknown key; allowed here: window, seed, trees, sampleSize, top, failOn, minSeverity, minConfidence, format, logFormat, map, redact, strict, showSuppressed',
  );
});

test('refused: invalid address or CIDR, naming the rule index', () => {
  const rules = [scanner, scanner, scanner, { client: '10.0.0.0/33', reason: 'office' }];
  assert.equal(
    refusal({ suppress: rules }),
    'invalid config anomalog.config.json: suppress[3].client: "10.0.0.0/33" is not an IP address or CIDR block (e.g. 203.0.113.7, 203.0.113.0/24, 2001:db8::/32)',
  );
  for (const bad of ['10.0.0.256', '10.1', '2001:db8::/129', 'office-network', '203.0.113.0/']) {
    assert.match(refusal({ suppress: [{ client: bad, reason: 'x' }] }), /^invalid config anomalog\.config\.json: suppress\[0\]\.client: ".*" is not an IP address or CIDR block/);
  }
  assert.match(refusal({ suppress: [{ client: ['203.0.113.0/24', 'fe80::zz'], reason: 'x' }] }), /: suppress\[0\]\.client\[1\]: "fe80::zz" is not an IP address/);
});

test('refused: unknown kind', () => {
  assert.equal(
    refusal({ suppress: [{ kind: 'bruteforce', reason: 'x' }] }),
    `invalid config anomalog.config.json: suppress[0].kind: unknown kind "bruteforce"; known kinds: ${INCIDENT_KINDS.join(', ')}`,
  );
});

test('refused: bad duration', () => {
  assert.equal(
    refusal({ defaults: { window: '5 minutes' } }),
    'invalid config anomalog.config.json: defaults.window: "5 minutes" is not a duration; use a whole number and a unit, e.g. 30s, 5m, 1h, 1d',
  );
  assert.match(refusal({ defaults: { window: '0m' } }), /defaults\.window: "0m" is not a duration/);
  assert.match(refusal({ defaults: { window: '1h30m' } }), /defaults\.window: "1h30m" is not a duration/);
});

test('refused: bad time, impossible date, from after until', () => {
  const hint = 'write an ISO 8601 time, e.g. 2026-03-01T02:00:00Z (without a zone it is UTC), or a date, e.g. 2026-03-01';
  assert.equal(
    refusal({ suppress: [scanner, { consumer: 'loadtest', until: 'next tuesday', reason: 'load test' }] }),
    `invalid config anomalog.config.json: suppress[1].until: "next tuesday" is not an ISO 8601 time; ${hint}`,
  );
  assert.equal(
    refusal({ suppress: [{ consumer: 'loadtest', from: '2026-02-30', reason: 'load test' }] }),
    `invalid config anomalog.config.json: suppress[0].from: "2026-02-30" is not a real date or time; ${hint}`,
  );
  assert.equal(
    refusal({ suppress: [{ consumer: 'loadtest', from: '2026-03-05T14:00', until: '2026-03-05T13:00:00+00:00', reason: 'load test' }] }),
    'invalid config anomalog.config.json: suppress[0]: "from" (2026-03-05T14:00) is after "until" (2026-03-05T13:00:00+00:00)',
    'a time without a zone is UTC: 14:00 is after 13:00Z',
  );
  assert.equal(
    refusal({ suppress: [{ consumer: 'loadtest', from: '2026-03-06', until: '2026-03-05', reason: 'load test' }] }),
    'invalid config anomalog.config.json: suppress[0]: "from" (2026-03-06) is after "until" (2026-03-05)',
  );
});

test('refused: a rule without reason, or with a blank one', () => {
  assert.equal(
    refusal({ suppress: [scanner, scanner, { client: '203.0.113.9' }] }),
    'invalid config anomalog.config.json: suppress[2]: missing "reason" (every rule must say why it exists)',
  );
  assert.equal(refusal({ ignore: [{ feature: 'latency_p95' }] }), 'invalid config anomalog.config.json: ignore[0]: missing "reason" (every rule must say why it exists)');
  assert.equal(refusal({ suppress: [{ kind: 'scanner', reason: '  ' }] }), 'invalid config anomalog.config.json: suppress[0].reason: must not be blank');
});

test('refused: a suppress rule with no condition would hide everything', () => {
  assert.equal(
    refusal({ suppress: [{ reason: 'make CI green' }] }),
    'invalid config anomalog.config.json: suppress[0]: has no condition, so it would suppress every incident; give at least one of kind, endpoint, client, consumer, userAgent, from, until',
  );
});

test('refused: wrong types, ranges, enums, endpoint patterns, tolerances', () => {
  assert.equal(refusal({ defaults: { seed: '42' } }), 'invalid config anomalog.config.json: defaults.seed: must be a whole number, not the string "42"');
  assert.equal(refusal({ defaults: { minConfidence: 1.5 } }), 'invalid config anomalog.config.json: defaults.minConfidence: must be at most 1, not the number 1.5');
  assert.equal(refusal({ defaults: { failOn: 'urgent' } }), 'invalid config anomalog.config.json: defaults.failOn: "urgent" is not one of: low, medium, high, critical');
  assert.equal(refusal({ suppress: { kind: 'scanner' } }), 'invalid config anomalog.config.json: suppress: must be a list, not an object');
  assert.match(refusal({ suppress: [{ endpoint: 'GET api/v1', reason: 'x' }] }), /: suppress\[0\]\.endpoint: "GET api\/v1" is not an endpoint pattern; use "METHOD \/path" or "\/path"/);
  assert.equal(
    refusal({ ignore: [{ feature: 'latency_p95', within: '20 percent', reason: 'x' }] }),
    'invalid config anomalog.config.json: ignore[0].within: "20 percent" is not a tolerance; use a percentage of the baseline such as "20%", or a number',
  );
  assert.equal(refusal({ ignore: [{ feature: 'latency_p95', direction: 'down', reason: 'x' }] }), 'invalid config anomalog.config.json: ignore[0].direction: "down" is not one of: increase, decrease');
  assert.match(refusal({ suppress: [{ kind: 'scanner', reason: 'ok\u001b[2J' }] }), /suppress\[0\]\.reason: must not contain control characters/);
});

test('the first problem in reading order is named, and the rest are counted', () => {
  assert.equal(
    refusal({ defaults: { window: 'soon' }, suppress: [{ kind: 'bruteforce' }] }),
    'invalid config anomalog.config.json: defaults.window: "soon" is not a duration; use a whole number and a unit, e.g. 30s, 5m, 1h, 1d (and 2 more problems)',
  );
});

test('prototype-pollution keys are refused and pollute nothing', () => {
  assert.equal(refusal('{"__proto__": {"polluted": true}}'), 'invalid config anomalog.config.json: __proto__: unknown key; allowed here: $schema, defaults, suppress, ignore');
  assert.match(refusal('{"suppress": [{"kind": "scanner", "reason": "x", "__proto__": {"reason": 1}}]}'), /suppress\[0\]\.__proto__: unknown key/);
  assert.match(refusal('{"defaults": {"map": {"__proto__": "x"}}}'), /defaults\.map: key "__proto__" is not allowed here/);
  assert.match(refusal('{"defaults": {"map": {"constructor": "x"}}}'), /defaults\.map: key "constructor" is not allowed here/);
  assert.match(refusal('{"defaults": {"map": {"client": "req.__proto__.ip"}}}'), /defaults\.map\.client: "req\.__proto__\.ip" is not a source field path/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('a UTF-8 byte-order mark is tolerated', () => {
  assert.deepEqual(loadConfig({ cwd: withConfig(`\uFEFF${JSON.stringify({ suppress: [scanner] })}`) })?.suppress, [scanner]);
});

test('any JSON value is either accepted or refused with an InputError, never a crash', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.constantFrom('suppress', 'ignore', 'defaults', 'top'), (value, slot) => {
      const document = slot === 'top' ? value : { [slot]: slot === 'defaults' ? value : [value] };
      const dir = withConfig(JSON.stringify(document));
      try {
        loadConfig({ cwd: dir });
      } catch (error) {
        assert.ok(error instanceof InputError, String(error));
      }
    }),
    { numRuns: 150 },
  );
});

test('the schema lists exactly the incident kinds of src/types.ts', () => {
  const schema = readConfigSchema() as { definitions: { suppressRule: { properties: { kind: { enum: string[] } } } } };
  assert.deepEqual(schema.definitions.suppressRule.properties.kind.enum, [...INCIDENT_KINDS]);
});

test('the example anomalog.config.json in docs/config.md loads', () => {
  const docs = readFileSync('docs/config.md', 'utf8');
  const example = /<!-- example-config -->\s*```json\n([\s\S]*?)```/.exec(docs);
  assert.ok(example, 'docs/config.md has a ```json block after <!-- example-config -->');
  const config = loadConfig({ cwd: withConfig(example[1]!) });
  assert.ok(config);
  assert.ok(config.suppress.length >= 3 && config.ignore.length >= 1);
});
