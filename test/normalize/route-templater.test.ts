import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { OTHER_ROUTE, RouteTemplater } from '../../src/normalize/route-templater.js';
import { shapePlaceholder } from '../../src/normalize/segment-placeholder.js';

test('segment shapes become named placeholders', () => {
  const cases: [string, string | null][] = [
    ['8812', '{id}'],
    ['3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f', '{uuid}'],
    ['5f8d0d55b54764421b7156c3', '{hex}'],
    ['d41d8cd98f00b204e9800998ecf8427e', '{hex}'],
    ['bob@example.com', '{email}'],
    ['bob%40example.com', '{email}'],
    ['2026-10-04', '{date}'],
    ['20261004', '{date}'],
    ['2026-10-04T12:30:00Z', '{date}'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', '{token}'],
    ['aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ=', '{token}'],
    ['users', null],
    ['v2', null],
    ['jquery-3.7.1.min.js', null],
    ['how-to-reset-your-password-quickly', null],
    ['cafe', null],
    ['', null],
  ];
  for (const [segment, expected] of cases) assert.equal(shapePlaceholder(segment), expected, segment);
});

test('REST paths with ids collapse to one endpoint per resource', () => {
  const templater = new RouteTemplater();
  assert.equal(templater.template('/api/v1/users/8812'), '/api/v1/users/{id}');
  assert.equal(templater.template('/api/v1/users/17'), '/api/v1/users/{id}');
  assert.equal(templater.template('/api/v1/users/17/orders/3f2c1a9e-8b7d-4c6e-9f10-2a3b4c5d6e7f'), '/api/v1/users/{id}/orders/{uuid}');
  assert.equal(templater.template('/'), '/');
  assert.equal(templater.template('/api/v1/users/'), '/api/v1/users/');
  assert.equal(templater.routeCount, 4);
});

test('many rare word-pair slugs under one parent become {slug}; canonical() re-resolves earlier routes', () => {
  const templater = new RouteTemplater();
  const early = templater.template('/catalog/red-shoes');
  assert.equal(early, '/catalog/red-shoes');
  const words = ['red', 'blue', 'green', 'black', 'white', 'tan', 'pink', 'grey', 'navy', 'teal', 'olive', 'plum', 'gold'];
  const items = ['shoes', 'hat', 'scarf', 'coat', 'socks', 'belt', 'gloves', 'boots', 'cap', 'vest', 'tie', 'bag'];
  const routes = new Set<string>();
  for (const colour of words) for (const item of items) routes.add(templater.template(`/catalog/${colour}-${item}/reviews`));
  assert.equal(templater.canonical(templater.template('/catalog/never-seen-before')), '/catalog/{slug}');
  assert.equal(templater.canonical(templater.template('/catalog/yellow-boots/reviews')), '/catalog/{slug}/reviews');
  assert.equal(templater.canonical(early), '/catalog/{slug}');
  assert.deepEqual(new Set([...routes].map((route) => templater.canonical(route))), new Set(['/catalog/{slug}/reviews']));
  // Idempotent: canonical of a canonical route is itself.
  assert.equal(templater.canonical('/catalog/{slug}/reviews'), '/catalog/{slug}/reviews');
});

test('many rare names without a word shape under one parent become {param}', () => {
  const templater = new RouteTemplater();
  const routes = new Set<string>();
  for (let i = 0; i < 60; i += 1) routes.add(templater.template(`/files/report${i}.pdf`));
  assert.deepEqual(new Set([...routes].map((route) => templater.canonical(route))), new Set(['/files/{param}']));
});

test('a fixed set of popular endpoints under one parent stays literal', () => {
  const templater = new RouteTemplater();
  const resources = Array.from({ length: 40 }, (_, i) => `resource${String.fromCharCode(97 + (i % 26))}${i >= 26 ? 'x' : ''}`);
  // Every resource is requested many times, round-robin: popular, not rare.
  const routes = new Set<string>();
  for (let round = 0; round < 10; round += 1) for (const resource of resources) routes.add(templater.template(`/api/${resource}`));
  assert.equal(templater.canonical(templater.template('/api/resourcea')), '/api/resourcea');
  assert.deepEqual(new Set([...routes].map((route) => templater.canonical(route))), new Set(resources.map((r) => `/api/${r}`)));
});

test('top-level probes never turn the root into {param}; the route cap folds the tail into /{other}, counted', () => {
  const templater = new RouteTemplater({ maxRoutes: 50 });
  templater.template('/index.html');
  for (let i = 0; i < 500; i += 1) templater.template(`/probe-${i.toString(36)}.php`);
  assert.equal(templater.template('/index.html'), '/index.html');
  assert.equal(templater.routeCount, 50);
  assert.equal(templater.folded, 451);
  assert.equal(templater.template('/probe-new.php'), OTHER_ROUTE);
  assert.equal(templater.canonical(OTHER_ROUTE), OTHER_ROUTE);
});

test('targets without a leading slash, over-long and very deep paths do not create endpoints', () => {
  const templater = new RouteTemplater();
  assert.equal(templater.template('*'), OTHER_ROUTE);
  assert.equal(templater.template('example.com:443'), OTHER_ROUTE);
  assert.equal(templater.template(`/files/${'a'.repeat(500)}`), OTHER_ROUTE);
  assert.equal(templater.template('/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s'), '/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/{other}');
});

test('real NASA 1995 paths: frequent images stay literal beside /images/{param}, rare missions generalised', () => {
  const text = readFileSync('../shared/data/real/nasa-http/NASA_access_log_Aug95', 'latin1');
  const templater = new RouteTemplater();
  const routes = new Map<string, number>();
  for (const match of text.matchAll(/"[A-Z]+ (\/[^ "?]*)/g)) {
    const route = templater.template(match[1]!);
    routes.set(route, (routes.get(route) ?? 0) + 1);
  }
  const merged = new Map<string, number>();
  for (const [route, count] of routes) merged.set(templater.canonical(route), (merged.get(templater.canonical(route)) ?? 0) + count);
  const paths = new Set([...text.matchAll(/"[A-Z]+ (\/[^ "?]*)/g)].map((m) => m[1]));
  assert.ok(paths.size > 400, `${paths.size} distinct paths`);
  assert.ok(merged.size < paths.size * 0.9, `${merged.size} endpoints for ${paths.size} paths`);
  assert.equal(templater.folded, 0);
  // 97 and 90 of the 674 requests under /images/: literals, not hidden in a parameter.
  assert.equal(merged.get('/images/KSC-logosmall.gif'), 97);
  assert.equal(merged.get('/images/NASA-logosmall.gif'), 90);
  // The images requested fewer than 3 times, or with under 1 % of the folder's repeated traffic, share one route.
  assert.equal(merged.get('/images/{param}'), 60);
  assert.ok(merged.has('/ksc.html'));
  assert.ok(merged.has('/shuttle/countdown/'));
});
