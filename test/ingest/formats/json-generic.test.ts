// Generic JSON lines: the heuristic alias table, `--map` (fieldMap) with dot
// paths and unit pseudo-fields, and the reasons for lines that are no records.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord, ParseOutcome } from '../../../src/types.js';
import { UsageError } from '../../../src/errors.js';
import { genericJsonFormat } from '../../../src/ingest/formats/json-generic.js';

function parseWith(line: string, fieldMap?: Record<string, string>): ParseOutcome {
  return genericJsonFormat.createParser({ fieldMap }).parse(line, { file: 'app.log', line: 7 });
}

function asRecord(outcome: ParseOutcome): LogRecord {
  assert.equal(typeof outcome, 'object', `expected a record, got ${String(outcome)}`);
  return outcome as LogRecord;
}

describe('generic JSON (format id json)', () => {
  it('maps an ECS-style nested line through the alias table, field by field', () => {
    const line = JSON.stringify({
      '@timestamp': '2024-05-01T12:00:00.250Z',
      source: { ip: '198.51.100.4' },
      http: { request: { method: 'post' }, response: { status_code: 201, body: { bytes: 512 } } },
      url: { original: '/api/orders?id=7', domain: 'shop.example' },
      user_agent: { original: 'curl/8.5.0' },
      event: { duration: 1_500_000 },
      user: { name: 'alice' },
    });
    assert.deepEqual(asRecord(parseWith(line)), {
      timeMs: Date.UTC(2024, 4, 1, 12, 0, 0, 250),
      client: '198.51.100.4',
      method: 'POST',
      path: '/api/orders',
      query: 'id=7',
      route: null,
      status: 201,
      bytesSent: 512,
      bytesReceived: null,
      durationMs: 1.5, // event.duration is ns
      userAgent: 'curl/8.5.0',
      referer: null,
      consumer: 'alice',
      host: 'shop.example',
      requestId: null,
      upstream: null,
      source: { file: 'app.log', line: 7 },
    });
  });

  it('honours --map with dot paths, numbers as strings and epoch ms', () => {
    const line = '{"at":1714564800123,"req":{"ip":"10.0.0.9:5555","verb":"GET","url":"/v1/items/42?x=1"},"res":{"code":"503"},"latency_ms":"12.5","key":"k-1"}';
    const record = asRecord(
      parseWith(line, { time: 'at', client: 'req.ip', method: 'req.verb', url: 'req.url', status: 'res.code', durationMs: 'latency_ms', consumer: 'key' }),
    );
    assert.equal(record.timeMs, 1714564800123);
    assert.equal(record.client, '10.0.0.9');
    assert.equal(record.method, 'GET');
    assert.equal(record.path, '/v1/items/42');
    assert.equal(record.query, 'x=1');
    assert.equal(record.status, 503);
    assert.equal(record.durationMs, 12.5);
    assert.equal(record.consumer, 'k-1');
  });

  it('without the map, the same custom line is not an access record', () => {
    const line = '{"at":1714564800123,"req":{"ip":"10.0.0.9"},"res":{"code":"503"}}';
    assert.equal(parseWith(line), 'not-access-record');
  });

  it('durationS / durationUs mappings scale to ms and replace built-in duration aliases', () => {
    const line = '{"time":"2024-05-01T00:00:00Z","path":"/a","status":200,"duration":999,"elapsed":"0.25","micros":750}';
    assert.equal(asRecord(parseWith(line)).durationMs, 999); // unitless `duration` is ms
    assert.equal(asRecord(parseWith(line, { durationS: 'elapsed' })).durationMs, 250);
    assert.equal(asRecord(parseWith(line, { durationUs: 'micros' })).durationMs, 0.75);
  });

  it('Go-style duration strings keep their own unit whatever the mapping says', () => {
    const line = '{"time":"2024-05-01T00:00:00Z","path":"/a","status":200,"took":"1m2.5s"}';
    assert.equal(asRecord(parseWith(line, { durationMs: 'took' })).durationMs, 62_500);
  });

  it('timeS / timeMs mappings fix the epoch unit; time guesses it by magnitude', () => {
    const line = '{"time":"2024-05-01T00:00:00Z","when":1714521600,"path":"/a","status":200}';
    assert.equal(asRecord(parseWith(line, { timeS: 'when' })).timeMs, 1714521600000);
    assert.equal(asRecord(parseWith(line, { time: 'when' })).timeMs, 1714521600000);
    // As ms the same number is 1970-01-20: the user said so, the parser obeys.
    assert.equal(asRecord(parseWith(line, { timeMs: 'when' })).timeMs, 1714521600);
  });

  it('finds keys that contain a literal dot', () => {
    const line = '{"ts":"2024-05-01T00:00:00Z","http.status":404,"http.path":"/x?y"}';
    const record = asRecord(parseWith(line, { status: 'http.status', url: 'http.path' }));
    assert.equal(record.status, 404);
    assert.equal(record.path, '/x');
    assert.equal(record.query, 'y');
  });

  it('splits a request line and reads CLF times', () => {
    const line = '{"time_local":"10/Oct/2000:13:55:36 -0700","request":"get /a%20b?c=d HTTP/1.1","status":"0","remote_addr":"[2001:db8::1]:443"}';
    const record = asRecord(parseWith(line));
    assert.equal(record.timeMs, Date.UTC(2000, 9, 10, 20, 55, 36));
    assert.equal(record.method, 'GET');
    assert.equal(record.path, '/a%20b');
    assert.equal(record.query, 'c=d');
    assert.equal(record.status, null); // 0 = no response
    assert.equal(record.client, '2001:db8::1');
  });

  it('gives reasons for lines that are no records', () => {
    assert.equal(parseWith('{"path":"/a","status":200}'), 'missing-timestamp');
    assert.equal(parseWith('{"time":"yesterday","path":"/a","status":200}'), 'bad-timestamp');
    assert.equal(parseWith('{"level":"info","msg":"started"}'), 'not-access-record');
    assert.equal(parseWith('{"time":"2024-05-01T00:00:00Z","path":'), 'bad-json');
    assert.equal(parseWith('GET / HTTP/1.1'), 'not-json');
    assert.equal(parseWith('"just a string"'), 'not-json');
    assert.equal(parseWith(''), 'blank');
  });

  it('rejects --map entries naming no record field with a UsageError', () => {
    assert.throws(() => genericJsonFormat.createParser({ fieldMap: { latency: 'x' } }), UsageError);
    assert.throws(() => genericJsonFormat.createParser({ fieldMap: { status: '' } }), UsageError);
  });

  it('detect scores heuristic matches at most 0.5', () => {
    assert.equal(genericJsonFormat.detect('{"time":"2024-05-01T00:00:00Z","path":"/a","status":200}'), 0.5);
    assert.equal(genericJsonFormat.detect('{"a":1}'), 0);
    assert.equal(genericJsonFormat.detect('127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326'), 0);
  });
});
