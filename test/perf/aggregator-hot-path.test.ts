import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import { hourOfWeek, utcHour } from '../../src/time/calendar.js';
import { compactCopy } from '../../src/normalize/compact-copy.js';
import { endpointKey } from '../../src/normalize/endpoint-key.js';
import type { LogRecord } from '../../src/types.js';

// The aggregator's shortcuts (arithmetic instead of Date, cached keys, compact
// copies) must give exactly what the plain expressions give.

const MAX_DATE_MS = 8.64e15;

test('utcHour and hourOfWeek equal Date arithmetic, fractions and negative times included', () => {
  fc.assert(
    fc.property(fc.oneof(fc.integer({ min: -MAX_DATE_MS, max: MAX_DATE_MS }), fc.double({ min: -MAX_DATE_MS, max: MAX_DATE_MS, noNaN: true })), (timeMs) => {
      const date = new Date(timeMs);
      assert.equal(utcHour(timeMs), date.getUTCHours(), String(timeMs));
      assert.equal(hourOfWeek(timeMs), date.getUTCDay() * 24 + date.getUTCHours(), String(timeMs));
    }),
    { numRuns: 20_000, seed: 11 },
  );
  for (const timeMs of [0, -1, -0.5, 0.5, -3_600_000, 3_599_999.9, Date.UTC(2026, 2, 1, 23, 59, 59, 999), -MAX_DATE_MS, MAX_DATE_MS]) {
    const date = new Date(timeMs);
    assert.equal(hourOfWeek(timeMs), date.getUTCDay() * 24 + date.getUTCHours(), String(timeMs));
  }
});

test('compactCopy keeps the text', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => assert.equal(compactCopy(text), text)));
});

function record(method: string | null, route: string | null, client: string | null, userAgent: string | null): LogRecord {
  return {
    timeMs: Date.UTC(2026, 2, 3, 10, 0, 0), client, method, path: route, query: null, route, status: 200, bytesSent: 1, bytesReceived: null,
    durationMs: 1, userAgent, referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: 'f', line: 1 },
  };
}

test('endpoints, clients and agents are keyed by exactly the strings endpointKey and the record give', () => {
  const aggregator = new TrafficAggregator(300_000);
  const records = [
    record('GET', '/a', '10.0.0.1', 'ua-1'),
    record('POST', '/a', '10.0.0.1', 'ua-1'),
    record('GET', '/a', '2001:db8::1234:5678:9abc', 'a much longer user agent string'),
    record(null, null, null, null),
    record('GET', '/b/{id}', '10.0.0.2', 'ua-2'),
  ];
  for (const r of records) aggregator.add(r);
  assert.deepEqual([...aggregator.endpoints.entities.keys()], [...new Set(records.map(endpointKey))]);
  assert.deepEqual([...aggregator.clients.entities.keys()], ['10.0.0.1', '2001:db8::1234:5678:9abc', '(unknown)', '10.0.0.2']);
  for (const [key, track] of aggregator.clients.entities) assert.equal(track.key, key);
  const firstWindow = aggregator.clients.entities.get('10.0.0.1')!.current!;
  assert.deepEqual(firstWindow.firstAgents(3), ['ua-1']);
  assert.equal(firstWindow.agentCount(), 1);
  assert.equal(firstWindow.requests, 2);
});
