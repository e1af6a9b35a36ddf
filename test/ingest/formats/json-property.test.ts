// Log fields are attacker-controlled: whatever a line holds, every JSON/CSV
// parser returns a LogRecord or a skip reason and never throws, and detect
// stays within 0..1.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ParseOutcome } from '../../../src/types.js';
import { jsonFormats } from '../../../src/ingest/formats/json-formats.js';

const SOURCE = { file: 'fuzz', line: 1 };

function assertOutcome(outcome: ParseOutcome): void {
  if (typeof outcome === 'string') {
    assert.ok(outcome.length > 0);
    return;
  }
  assert.equal(typeof outcome, 'object');
  assert.deepEqual(outcome.source, SOURCE);
  assert.ok(Number.isFinite(outcome.timeMs), 'a record always has a time');
  for (const key of ['status', 'bytesSent', 'bytesReceived'] as const) {
    const value = outcome[key];
    assert.ok(value === null || Number.isInteger(value), `${key} is an integer or null`);
  }
  assert.ok(outcome.durationMs === null || (Number.isFinite(outcome.durationMs) && outcome.durationMs >= 0));
}

// Keys every parser looks at, so random values reach the deep code paths, not just the key checks.
const INTERESTING_KEYS = [
  'time', 'timestamp', 'ts', 'time_local', 'msec', 'start_time', 'StartUTC', 'started_at', 'requestTime', 'requestTimeEpoch',
  'request', 'method', 'path', 'uri', 'url', 'status', 'response_code', 'DownstreamStatus', 'Duration', 'duration',
  'latencies', 'response', 'request_time', 'httpRequest', 'resource', 'logName', 'category', 'properties', 'records',
  'logger', 'msg', 'tyk-analytics-record', 'api_key', 'api_id', 'response_code', 'prefix', 'routeKey', 'resourcePath',
  'httpMethod', 'RequestMethod', 'RequestPath', 'ClientHost', 'consumer', 'tries', 'headers', 'remote_addr', '__proto__',
];

const jsonLeaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('-', '', '0', '2024-05-01T00:00:00Z', '10/Oct/2000:13:55:36 -0700', 'GET / HTTP/1.1', '0.025s', 'GatewayLogs', 'ApplicationGatewayAccessLog', 'http.log.access', 'access-log'),
);

const keyedObject: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, jsonLeaf, fc.array(tie('value'), { maxLength: 3 }), tie('object')),
  object: fc.dictionary(fc.constantFrom(...INTERESTING_KEYS), tie('value'), { maxKeys: 8 }),
})).object;

const anyLine = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.json(),
  keyedObject.map((object) => JSON.stringify(object)),
  keyedObject.map((object) => JSON.stringify({ records: [object, object] })),
  fc.array(fc.string(), { minLength: 1, maxLength: 6 }).map((cells) => cells.join(',')),
);

it('no JSON/CSV parser throws on any line, and detect stays in 0..1', () => {
  const parsers = jsonFormats.flatMap((format) => [
    { format, parser: format.createParser({}) },
    { format, parser: format.id === 'json' || format.id === 'csv' ? format.createParser({ fieldMap: { time: 'ts', url: 'request.uri', durationNs: 'Duration' } }) : format.createParser({}) },
  ]);
  fc.assert(
    fc.property(anyLine, (line) => {
      for (const { format, parser } of parsers) {
        const score = format.detect(line);
        assert.ok(score >= 0 && score <= 1, `${format.id} detect ${score}`);
        assertOutcome(parser.parse(line, SOURCE));
      }
    }),
    { numRuns: 400 },
  );
});
