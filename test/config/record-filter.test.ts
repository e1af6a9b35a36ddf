import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordFilter, FilterSyntaxError } from '../../src/config/record-filter.js';
import type { LogRecord } from '../../src/types.js';

function record(fields: Partial<LogRecord>): LogRecord {
  return {
    timeMs: 0, client: null, method: 'GET', path: '/', query: null, route: '/', status: 200, bytesSent: null, bytesReceived: null,
    durationMs: null, userAgent: null, referer: null, consumer: null, host: null, requestId: null, upstream: null,
    source: { file: 'f', line: 1 }, ...fields,
  };
}

test('--client: a CIDR block matches every spelling of its addresses, a host name only itself', () => {
  const v4 = new RecordFilter({ client: ['203.0.113.0/24'] });
  assert.equal(v4.keep(record({ client: '203.0.113.9' })), true);
  assert.equal(v4.keep(record({ client: '::ffff:203.0.113.9' })), true);
  assert.equal(v4.keep(record({ client: '203.0.114.9' })), false);
  // Loose spellings of 203.0.113.9 are not addresses: a client field is attacker-controlled.
  assert.equal(v4.keep(record({ client: '3405803785' })), false);
  const v6 = new RecordFilter({ client: ['2001:db8::/32'] });
  assert.equal(v6.keep(record({ client: '2001:db8:1::5' })), true);
  assert.equal(v6.keep(record({ client: '2001:db9::5' })), false);
  const host = new RecordFilter({ client: ['crawler.example.net'] });
  assert.equal(host.keep(record({ client: 'crawler.example.net' })), true);
  assert.equal(host.keep(record({ client: 'x.crawler.example.net' })), false);
});

test('counts are a funnel: each flag counts what it kept of what the earlier flags kept', () => {
  const filter = new RecordFilter({ status: ['4xx'], agent: ['/curl/'] });
  const records = [
    record({ status: 404, userAgent: 'curl/8' }),
    record({ status: 404, userAgent: 'Mozilla' }),
    record({ status: 200, userAgent: 'curl/8' }),
    record({ status: null, userAgent: 'curl/8' }),
  ];
  assert.deepEqual(records.map((r) => filter.keep(r)), [true, false, false, false]);
  assert.equal(filter.seen, 4);
  assert.deepEqual(filter.counts(), [
    { filter: '--status', value: '4xx', kept: 2 },
    { filter: '--agent', value: '/curl/', kept: 1 },
  ]);
});

test('bad values are FilterSyntaxError naming the flag', () => {
  for (const spec of [{ status: ['600-500'] }, { status: ['4x'] }, { client: ['10.0.0.0/33'] }, { agent: ['/[/'] }, { route: [''] }]) {
    assert.throws(() => new RecordFilter(spec), (error: unknown) => error instanceof FilterSyntaxError && /^--\w+/.test(error.message));
  }
});
