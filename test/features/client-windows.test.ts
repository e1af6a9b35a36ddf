import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import { ClientWindowTable } from '../../src/features/client-window-table.js';
import { WindowStats } from '../../src/features/window-stats.js';
import type { LogRecord } from '../../src/types.js';

const WINDOW_MS = 300_000;
const T0 = Date.UTC(2026, 2, 3, 10, 0, 0);

function record(timeMs: number, client: string, route: string, status: number, bytes: number | null, agent: string, line: number): LogRecord {
  return {
    timeMs, client, method: 'GET', path: `${route}?v=${line % 3}`, query: null, route, status, bytesSent: bytes, bytesReceived: null,
    durationMs: 12, userAgent: agent, referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: line % 2 ? 'a.log' : 'b.log', line },
  };
}

/** What each client window must add up to, whatever order the records came in. */
interface Expected {
  requests: number;
  status4xx: number;
  notFound: number;
  bytesSum: number;
  routes: Map<string, [number, number]>;
}

const recordArb = fc.record({
  // Minutes from T0: up to four windows, in any order (late records and second files included).
  minute: fc.integer({ min: 0, max: 19 }),
  client: fc.constantFrom('10.0.0.1', '10.0.0.2', '2001:db8::7', '(unknown)'),
  route: fc.constantFrom('/a', '/b/{id}', '/c', '/d', '/e'),
  status: fc.constantFrom(200, 200, 304, 401, 404, 500),
  bytes: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
  agent: fc.constantFrom('ua-1', 'ua-2', 'curl/8', 'Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0'),
});

test('client windows stored as columns add up to exactly what their records say, in any arrival order', () => {
  fc.assert(
    fc.property(fc.array(recordArb, { minLength: 1, maxLength: 120 }), (specs) => {
      const aggregator = new TrafficAggregator(WINDOW_MS);
      const expected = new Map<string, Expected>();
      specs.forEach((s, line) => {
        const timeMs = T0 + s.minute * 60_000;
        aggregator.add(record(timeMs, s.client, s.route, s.status, s.bytes, s.agent, line + 1));
        const key = `${s.client} ${Math.floor(timeMs / WINDOW_MS)}`;
        let e = expected.get(key);
        if (!e) expected.set(key, (e = { requests: 0, status4xx: 0, notFound: 0, bytesSum: 0, routes: new Map() }));
        e.requests++;
        if (s.status >= 400 && s.status < 500) e.status4xx++;
        if (s.status === 404) e.notFound++;
        e.bytesSum += s.bytes ?? 0;
        const endpoint = `GET ${s.route}`;
        const [n, b] = e.routes.get(endpoint) ?? [0, 0];
        e.routes.set(endpoint, [n + 1, b + (s.bytes ?? 0)]);
      });
      aggregator.finish();
      const { table } = aggregator.clients;
      let rows = 0;
      for (const [client, track] of aggregator.clients.entities) {
        const indexes = aggregator.clients.rowsByIndex(track).map((row) => table.index(row));
        assert.deepEqual(indexes, [...new Set(indexes)].sort((a, b) => a - b), 'one row per window, sorted');
        for (const row of track.rows) {
          rows++;
          const e = expected.get(`${client} ${table.index(row)}`)!;
          const stats = table.read(row);
          assert.equal(stats.requests, e.requests);
          assert.equal(table.requests(row), e.requests);
          assert.equal(stats.status4xx, e.status4xx);
          assert.equal(stats.notFound, e.notFound);
          assert.equal(stats.bytesSum, e.bytesSum);
          const routes = new Map<string, [number, number]>();
          table.forEachRoute(row, (endpoint, n, bytes) => routes.set(endpoint, [n, bytes]));
          assert.deepEqual(routes, e.routes);
          for (const [endpoint, [n]] of e.routes) assert.equal(table.routeRequestsOf(row, table.endpointIdOf(endpoint)), n);
          assert.ok(stats.samples.length >= 1 && stats.samples.length <= 3);
          assert.ok(stats.firstAgents(3).length >= 1);
        }
      }
      assert.equal(rows, expected.size);
    }),
    { numRuns: 300, seed: 5 },
  );
});

test('a window read back from the table is the closed window that was stored', () => {
  const stats = new WindowStats();
  stats.requests = 7;
  stats.status2xx = 4;
  stats.status4xx = 3;
  stats.authFailures = 2;
  stats.notFound = 1;
  stats.bytesSum = 2 ** 40 + 0.5;
  stats.bytesCount = 7;
  stats.bytesMax = 2 ** 39;
  stats.writesOk = 1;
  stats.referenced = 6;
  stats.bigResponses = 2;
  for (const path of ['/a/1', '/a/2', '/a/3']) stats.addPath(path);
  stats.addRoute('GET /a/{id}', 100, 32, '(other routes)');
  stats.addRoute('POST /b', null, 32, '(other routes)');
  stats.addRoute('GET /a/{id}', 50, 32, '(other routes)');
  for (const agent of ['one', 'two', 'three', 'four']) stats.addAgent(agent, 64);
  stats.addSample({ file: 'x.log', line: 2 ** 33 });
  stats.addSample({ file: '-', line: 4 });
  stats.close();
  const table = new ClientWindowTable();
  table.addRow(0);
  const row = table.addRow(5_912_345);
  table.write(row, stats);
  const back = table.read(row);
  assert.equal(table.index(row), 5_912_345);
  // What client features and incidents read; latency and the other status classes are not kept for clients.
  for (const field of ['requests', 'status4xx', 'authFailures', 'notFound', 'bytesSum', 'bytesCount', 'writesOk', 'referenced', 'bigResponses'] as const) {
    assert.equal(back[field], stats[field], field);
  }
  assert.equal(back.pathCount(), 3);
  assert.equal(back.agentCount(), 4);
  assert.deepEqual(back.firstAgents(3), ['one', 'two', 'three']);
  assert.deepEqual(back.samples, [{ file: 'x.log', line: 2 ** 33 }, { file: '-', line: 4 }]);
  assert.deepEqual(back.routesByRequests(), ['GET /a/{id}', 'POST /b']);
  assert.equal(table.routeRequestsOf(row, table.endpointIdOf('GET /a/{id}')), 2);
  assert.equal(back.closed, true);
  // Row 0 was never written: an empty window, untouched by its neighbour.
  assert.equal(table.requests(0), 0);
  assert.equal(table.routeCount(0), 0);
});

test('rows and routes past the first block of the table read back as written', () => {
  const table = new ClientWindowTable();
  const rows = 70_000 + 1234;
  for (let row = 0; row < rows; row++) {
    const stats = new WindowStats();
    // Rows with up to 33 routes, so route segments meet the end of a route block.
    for (let r = 0; r <= row % 34; r++) {
      stats.requests++;
      stats.addRoute(`GET /r${r}`, row, 32, '(other routes)');
    }
    stats.close();
    assert.equal(table.addRow(row * 2), row);
    table.write(row, stats);
  }
  for (const row of [0, 1, 16_383, 16_384, 65_535, 65_536, 65_537, rows - 1]) {
    assert.equal(table.index(row), row * 2);
    const routes: [string, number, number][] = [];
    table.forEachRoute(row, (endpoint, n, bytes) => routes.push([endpoint, n, bytes]));
    const expected = Math.min(row % 34 + 1, 33);
    assert.equal(routes.length, expected, `row ${row}`);
    assert.equal(routes.reduce((n, r) => n + r[1], 0), (row % 34) + 1);
    assert.equal(routes[0]![2], row);
  }
});

test('renaming routes adds up the routes that become one and keeps first-seen order', () => {
  const table = new ClientWindowTable();
  const stats = new WindowStats();
  for (const [route, bytes] of [['GET /p/red', 10], ['GET /x', 1], ['GET /p/blue', 20], ['GET /p/red', 5]] as const) {
    stats.requests++;
    stats.addRoute(route, bytes, 32, '(other routes)');
  }
  stats.close();
  const row = table.addRow(1);
  table.write(row, stats);
  table.renameRoutes(new Map([['GET /p/red', 'GET /p/{param}'], ['GET /p/blue', 'GET /p/{param}']]));
  const routes: [string, number, number][] = [];
  table.forEachRoute(row, (endpoint, n, bytes) => routes.push([endpoint, n, bytes]));
  assert.deepEqual(routes, [['GET /p/{param}', 3, 35], ['GET /x', 1, 1]]);
  assert.equal(table.routeRequestsOf(row, table.endpointIdOf('GET /p/red')), 0);
  assert.equal(table.routeRequestsOf(row, table.endpointIdOf('GET /never')), 0);
});
