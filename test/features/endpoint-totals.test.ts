import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import type { LogRecord } from '../../src/types.js';

const T0 = Date.UTC(2026, 2, 3, 10, 0, 0);

function record(minute: number, client: string, route: string): LogRecord {
  return {
    timeMs: T0 + minute * 60_000, client, method: 'GET', path: route, query: null, route, status: 200, bytesSent: 100, bytesReceived: null,
    durationMs: 12, userAgent: 'curl/8', referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: 'a.log', line: minute + 1 },
  };
}

test('an endpoint renamed into its template brings its distinct clients, each client counted once', () => {
  const aggregator = new TrafficAggregator(300_000);
  // Keyed early under literal routes, later known as one template: three clients in all, one of them on both.
  aggregator.add(record(0, '10.0.0.1', '/catalog/red-shoes'));
  aggregator.add(record(1, '10.0.0.2', '/catalog/red-shoes'));
  aggregator.add(record(2, '10.0.0.2', '/catalog/{slug}'));
  aggregator.add(record(3, '10.0.0.3', '/catalog/{slug}'));
  aggregator.finish((endpoint) => (endpoint === 'GET /catalog/red-shoes' ? 'GET /catalog/{slug}' : endpoint));
  const totals = aggregator.endpointTotals.get('GET /catalog/{slug}')!;
  assert.equal(totals.requests, 4);
  assert.equal(totals.distinctClients, 3);
  assert.equal(aggregator.endpointTotals.has('GET /catalog/red-shoes'), false);
});
