import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeCandidates } from '../../src/detect/merge-candidates.js';
import type { WindowCandidate } from '../../src/detect/window-candidate.js';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import type { LogRecord } from '../../src/types.js';

function candidate(fields: Partial<WindowCandidate> & Pick<WindowCandidate, 'entity' | 'key' | 'kind'>): WindowCandidate {
  return {
    index: 100, lastIndex: 100, score: 80, rawScore: 0.7, evidence: [], endpoints: [], clients: [], consumers: [], userAgents: [],
    requests: 10, leadClient: null, samples: [], historyWindows: 50, confidence: 1, baselineNote: null, ...fields,
  };
}

const scanner = candidate({ entity: 'client', key: '194.4.181.159', kind: 'scanner', endpoints: ['GET /.env', 'GET /wp-login.php'], clients: ['194.4.181.159'], requests: 300 });

test('a route flooded by the scanner itself is part of the scanner incident', () => {
  const flood = candidate({ entity: 'endpoint', key: 'GET /static/{param}', kind: 'volumetric', endpoints: ['GET /static/{param}'], leadClient: '194.4.181.159', score: 70 });
  const groups = mergeCandidates([scanner, flood]);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.kind, 'scanner');
});

test('a flood no single client led stays its own incident', () => {
  const flood = candidate({ entity: 'endpoint', key: 'GET /static/{param}', kind: 'volumetric', endpoints: ['GET /static/{param}'], leadClient: null, score: 70 });
  const groups = mergeCandidates([scanner, flood]);
  assert.equal(groups.length, 2);
  assert.deepEqual(groups.map((g) => g.kind).sort(), ['scanner', 'volumetric']);
});

test('the lead client does not pull in a silence or a new route', () => {
  const drop = candidate({ entity: 'endpoint', key: 'GET /static/{param}', kind: 'traffic_drop', leadClient: '194.4.181.159' });
  const fresh = candidate({ entity: 'endpoint', key: 'GET /api/v2/search', kind: 'new_endpoint', leadClient: '194.4.181.159' });
  assert.equal(mergeCandidates([scanner, drop, fresh]).length, 3);
});

function record(client: string, path: string, timeMs: number): LogRecord {
  return {
    timeMs, client, method: 'GET', path, query: null, route: path, status: 404, bytesSent: 100, bytesReceived: null, durationMs: 3,
    userAgent: 'curl/8.5.0', referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: 'access.log', line: 1 },
  };
}

test('an endpoint window knows the client that sent most of its requests, across routes templated together', () => {
  const aggregator = new TrafficAggregator(300_000);
  const t = Date.UTC(2026, 2, 3, 21, 40);
  for (let i = 0; i < 6; i++) aggregator.add(record('194.4.181.159', '/static/a.css', t + i * 1000));
  for (let i = 0; i < 6; i++) aggregator.add(record('194.4.181.159', '/static/b.js', t + i * 1000));
  for (let i = 0; i < 5; i++) aggregator.add(record(`10.0.0.${i}`, '/static/a.css', t + i * 1000));
  for (let i = 0; i < 3; i++) aggregator.add(record(`10.0.1.${i}`, '/static/b.js', t + i * 1000));
  aggregator.finish((endpoint) => (endpoint.startsWith('GET /static/') ? 'GET /static/{param}' : endpoint));
  const stats = aggregator.endpoints.entities.get('GET /static/{param}')!.windows.get(Math.floor(t / 300_000))!;
  assert.equal(stats.requests, 20);
  assert.equal(stats.leadClient, '194.4.181.159');
  assert.equal(stats.leadClientRequests, 12);
});

// Routes of the iis-webknowit scans (../shared/data/real/iis-webknowit), as the client windows saw them.
const unknownRoutes = { feature: 'unknown_routes', observed: 1, baseline: 0, unit: 'ratio', text: '100% of requests on routes the baseline never saw', significance: 0.9, contribution: 0.5 } as const;
const jorgeeRoutes = ['(other routes)', 'HEAD /1phpmyadmin/', 'HEAD /2phpmyadmin/', 'HEAD /3phpmyadmin/', 'HEAD /4phpmyadmin/', 'HEAD /MyAdmin/', 'HEAD /PMA/', 'HEAD /PMA2011/', 'HEAD /PMA2012/', 'HEAD /PMA2013/', 'HEAD /admin/sqladmin/'];
const scan = (key: string, index: number, endpoints: string[]): WindowCandidate =>
  candidate({ entity: 'client', key, kind: 'scanner', index, lastIndex: index, endpoints, clients: [key], evidence: [unknownRoutes], requests: 165 });

test('the same scan run again from other addresses months apart is one incident (Jorgee, iis-webknowit 2 and 11 Mar 2016)', () => {
  const groups = mergeCandidates([scan('113.180.110.195', 4856328, jorgeeRoutes), scan('5.196.8.171', 4858907, jorgeeRoutes)]);
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0]!.members.map((m) => m.key).sort(), ['113.180.110.195', '5.196.8.171']);
});

test('scans for the same file under different directories are one finding (phpMyAdmin setup.php, iis-webknowit)', () => {
  const a = scan('149.202.42.42', 4828550, ['(other routes)', 'GET /phpMyAdmin-2/scripts/setup.php', 'GET /_phpmyadmin/scripts/setup.php', 'GET /admin/phpmyadmin/scripts/setup.php', 'GET /admin/pma/scripts/setup.php']);
  const b = scan('104.47.152.29', 4889569, ['GET /MyAdmin/scripts/setup.php', 'GET /PhpMyAdmin/scripts/setup.php', 'GET /muieblackcat', 'GET /myadmin/scripts/setup.php', 'GET /phpmyadmin/scripts/setup.php']);
  assert.equal(mergeCandidates([a, b]).length, 1);
});

test('scans of different things stay apart, as do scans that share only the site root', () => {
  const setup = scan('149.202.42.42', 4828550, ['GET /phpMyAdmin-2/scripts/setup.php', 'GET /_phpmyadmin/scripts/setup.php', 'GET /admin/phpmyadmin/scripts/setup.php', 'GET /admin/pma/scripts/setup.php']);
  const python = scan('75.103.110.47', 4888192, ['GET /', 'GET /mysql', 'GET /sql', 'GET /MySQLDumper', 'GET /SQLiteManager/main.php', 'GET /jmx-console']);
  const proxy = scan('104.200.154.68', 4866784, ['GET /', 'GET /azenv.php', 'GET /judge.php', 'GET /checker/proxyjudge.php']);
  assert.equal(mergeCandidates([setup, scan('113.180.110.195', 4856328, jorgeeRoutes), python, proxy]).length, 4);
  // A window read as volume, not as probing, is not a scan even on the same routes.
  const volume = candidate({ entity: 'client', key: '5.196.8.171', kind: 'scanner', index: 4858907, endpoints: jorgeeRoutes, clients: ['5.196.8.171'] });
  assert.equal(mergeCandidates([scan('113.180.110.195', 4856328, jorgeeRoutes), volume]).length, 2);
});

test('routes one client moved at one time are one incident: a page and its assets reloaded together', () => {
  const page = candidate({ entity: 'endpoint', key: 'GET /idx1.html', kind: 'volumetric', leadClient: '181.64.192.245' });
  const css = candidate({ entity: 'endpoint', key: 'GET /tools/style.css', kind: 'volumetric', leadClient: '181.64.192.245' });
  const other = candidate({ entity: 'endpoint', key: 'GET /images/logo.png', kind: 'volumetric', leadClient: '10.0.0.1' });
  assert.deepEqual(mergeCandidates([page, css, other]).map((g) => g.members.length).sort(), [1, 2]);
});
