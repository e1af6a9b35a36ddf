// A consumer's known routes and its windows' routes must read the same after the templater's
// final decision, or every route the key uses is "never called before" (key_misuse on a key
// that did nothing new).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import { RouteTemplater } from '../../src/normalize/route-templater.js';
import { consumerWindowFeatures } from '../../src/features/consumer-features.js';
import { baselineFromAggregates } from '../../src/features/baseline-from-aggregates.js';
import type { LogRecord } from '../../src/types.js';

const WINDOW = 5 * 60_000;

function request(timeMs: number, path: string, templater: RouteTemplater, line: number): LogRecord {
  return {
    timeMs, client: '203.0.113.7', method: 'GET', path, query: null, route: templater.template(path), status: 200, bytesSent: 512,
    bytesReceived: null, durationMs: 20, userAgent: 'partner-sync/2.1', referer: null, consumer: 'k-42', host: null, requestId: null,
    upstream: null, source: { file: 'partner.log', line },
  };
}

test('a key reading rare pages of three folders keeps knowing its routes: its totals are renamed with its windows', () => {
  const templater = new RouteTemplater();
  const aggregator = new TrafficAggregator(WINDOW);
  const start = Date.parse('2026-03-03T09:00:00Z');
  // A partner syncs 8 pages of each folder per window, every page once, over two hours: each page
  // is its own literal while reading and `{slug}` once the templater has seen them all.
  let line = 0;
  for (let window = 0; window < 24; window += 1) {
    for (const folder of ['catalog', 'brands', 'guides']) {
      for (let i = 0; i < 8; i += 1) {
        line += 1;
        aggregator.add(request(start + window * WINDOW + line * 100, `/${folder}/spring-${folder}-${window}-${i}`, templater, line));
      }
    }
  }
  aggregator.finish((endpoint) => `GET ${templater.canonical(endpoint.slice('GET '.length))}`);
  const profile = baselineFromAggregates(aggregator, { seed: 1, trees: 10, sampleSize: 64 }).consumers.get('k-42')!;
  assert.deepEqual([...profile.endpoints.keys()].sort(), ['GET /brands/{slug}', 'GET /catalog/{slug}', 'GET /guides/{slug}']);
  const windows = [...aggregator.consumers.entities.get('k-42')!.windows.values()];
  const last = windows[windows.length - 1]!;
  assert.deepEqual([...last.routeKeys!].sort(), ['GET /brands/{slug}', 'GET /catalog/{slug}', 'GET /guides/{slug}']);
  assert.equal(consumerWindowFeatures(last, profile, '5 min').evidence.find((e) => e.feature === 'new_endpoints'), undefined);
});
