// Learned route parameters next to frequent literals: a scanner's random names
// under /api/ must not hide the real endpoints, wherever it appears in the log,
// and word-like slugs become one {slug} route. The final route of a request is
// canonical(template(path)) after the whole log, as `analyze` aggregates it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RouteTemplater } from '../../src/normalize/route-templater.js';

/** Final route of every path, in log order. */
function finalRoutes(paths: readonly string[]): string[] {
  const templater = new RouteTemplater();
  const provisional = paths.map((path) => templater.template(path));
  return provisional.map((route) => templater.canonical(route));
}

/** A deterministic shuffle (mulberry32), so a failing case reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** An API's traffic: a few endpoints, each requested many times, ids varying. */
function apiTraffic(): string[] {
  const paths: string[] = [];
  for (let i = 0; i < 400; i += 1) paths.push('/api/v1/search');
  for (let i = 0; i < 300; i += 1) paths.push(`/api/v1/users/${1000 + i}`);
  for (let i = 0; i < 150; i += 1) paths.push('/api/v1/orders');
  for (let i = 0; i < 60; i += 1) paths.push('/api/v2/health');
  for (let i = 0; i < 40; i += 1) paths.push('/api/login');
  return shuffled(paths, 7);
}

/** What a content scanner sends: a few hundred random names straight under /api/. */
function scannerProbes(count: number): string[] {
  const extensions = ['sql', 'json', 'bak', 'zip', 'php', 'env', 'old', 'tar.gz'];
  return Array.from({ length: count }, (_, i) => {
    const name = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
    return `/api/${name}.${extensions[i % extensions.length]}`;
  });
}

test('a scanner requesting 400 random names under /api/ leaves the real routes alone, at the start or spread through the log', () => {
  const traffic = apiTraffic();
  const probes = scannerProbes(400);
  const clean = finalRoutes(traffic);
  const expected = new Set(['/api/v1/search', '/api/v1/users/{id}', '/api/v1/orders', '/api/v2/health', '/api/login']);
  assert.deepEqual(new Set(clean), expected);
  const mixes = {
    'scanner first': [...probes, ...traffic],
    'scanner last': [...traffic, ...probes],
    interleaved: shuffled([...traffic, ...probes], 11),
  };
  for (const [name, log] of Object.entries(mixes)) {
    const routes = finalRoutes(log);
    const real = routes.filter((_, i) => !log[i]!.endsWith('.sql') && !/\/api\/[0-9a-f]{8}\./.test(log[i]!));
    assert.deepEqual(new Set(real), expected, name);
    assert.equal(routes.filter((route) => route === '/api/{param}').length, 400, `${name}: the probes share one route`);
    assert.equal(routes.filter((route) => route === '/api/v1/search').length, 400, name);
  }
});

test('a hundred word-pair slugs in a catalogue become one /api/v2/catalog/{slug} route; the popular one stays literal', () => {
  const adjectives = ['blue', 'red', 'green', 'bag', 'desk', 'soft', 'steel', 'paper', 'glass', 'wool'];
  const nouns = ['pen', 'cable', 'lamp', 'chair', 'mug', 'clip', 'tray', 'note', 'case', 'box'];
  const slugs = adjectives.flatMap((a) => nouns.map((n) => `${a}-${n}`));
  assert.equal(slugs.length, 100);
  const log = shuffled([...slugs.map((slug) => `/api/v2/catalog/${slug}`), ...Array.from({ length: 300 }, () => '/api/v2/catalog/featured-items'), ...Array.from({ length: 200 }, () => '/api/v2/cart')], 3);
  const routes = finalRoutes(log);
  const counts = new Map<string, number>();
  for (const route of routes) counts.set(route, (counts.get(route) ?? 0) + 1);
  // featured-items is a slug too, but it carries three quarters of the catalogue's traffic.
  assert.deepEqual(Object.fromEntries(counts), { '/api/v2/catalog/{slug}': 100, '/api/v2/catalog/featured-items': 300, '/api/v2/cart': 200 });
});

test('a hundred word-pair slugs each requested 3 to 5 times are one /api/v2/catalog/{slug} route, not a hundred literal routes', () => {
  // A catalogue browsed for 90 minutes: every product page is fetched a few times, none of
  // them a meaningful share of the catalogue's traffic. Repeats alone must not make a slug a
  // literal route (the old templater kept all hundred: their values were not "rare").
  const adjectives = ['blue', 'red', 'green', 'bag', 'desk', 'soft', 'steel', 'paper', 'glass', 'wool'];
  const nouns = ['pen', 'cable', 'lamp', 'chair', 'mug', 'clip', 'tray', 'note', 'case', 'box'];
  const slugs = adjectives.flatMap((a) => nouns.map((n) => `${a}-${n}`));
  const pages = slugs.flatMap((slug, i) => Array.from({ length: 3 + (i % 3) }, () => `/api/v2/catalog/${slug}`));
  const log = shuffled([...pages, ...Array.from({ length: 300 }, () => '/api/v2/catalog/featured-items'), ...Array.from({ length: 200 }, () => '/api/v2/cart')], 5);
  const counts = new Map<string, number>();
  for (const route of finalRoutes(log)) counts.set(route, (counts.get(route) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(counts), { '/api/v2/catalog/{slug}': pages.length, '/api/v2/catalog/featured-items': 300, '/api/v2/cart': 200 });
});

test('the 1 % line beside a scanner: 1.5 % of the parent\'s repeated traffic stays literal, 0.4 % joins the probes\' {param}', () => {
  const paths = [
    ...Array.from({ length: 1000 }, () => '/api/search'),
    ...Array.from({ length: 15 }, () => '/api/export'), // 15 of 1019 repeated requests: 1.5 %
    ...Array.from({ length: 4 }, () => '/api/legacy'), // 4 of 1019: 0.4 %, though requested more than 3 times
  ];
  const log = shuffled([...paths, ...scannerProbes(400)], 13);
  const counts = new Map<string, number>();
  for (const route of finalRoutes(log)) counts.set(route, (counts.get(route) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(counts), { '/api/search': 1000, '/api/export': 15, '/api/{param}': 404 });
});

/** Clean traffic for the property: paths over a small vocabulary (shared prefixes), each requested 1–60 times. */
const cleanLogArbitrary = fc
  .record({
    paths: fc.array(
      fc.record({
        segments: fc.array(fc.constantFrom('api', 'v1', 'v2', 'users', 'orders', 'search', 'items', 'admin', 'login', 'static', 'app.js', 'health', '42', '7'), { minLength: 1, maxLength: 4 }),
        count: fc.integer({ min: 1, max: 60 }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
    seed: fc.integer(),
  })
  .map(({ paths, seed }) => shuffled(paths.flatMap(({ segments, count }) => Array.from({ length: count }, () => `/${segments.join('/')}`)), seed));

/** Random-name probes under any prefix of the clean paths, each name requested once, in a position of the log. */
function probesArbitrary(clean: readonly string[]): fc.Arbitrary<{ path: string; at: number }[]> {
  const prefixes = [...new Set(clean.flatMap((path) => {
    const segments = path.slice(1).split('/');
    return segments.map((_, i) => `/${segments.slice(0, i).join('/')}`.replace(/\/$/, ''));
  }))].sort();
  return fc.array(
    fc.record({
      prefix: fc.constantFrom(...prefixes),
      name: fc.stringMatching(/^[0-9a-f]{8}$/),
      extension: fc.constantFrom('.sql', '.json', '.php', '.bak', ''),
      at: fc.nat(),
    }),
    { maxLength: 900, size: 'max' },
  ).map((probes) => {
    const seen = new Set<string>();
    return probes
      .map(({ prefix, name, extension, at }) => ({ path: `${prefix}/x${name}${extension}`, at }))
      .filter(({ path }) => !seen.has(path) && seen.add(path) !== undefined);
  });
}

/**
 * Whether every segment of the path carries at least 3 repeated requests (paths requested
 * 3 times or more: a path requested once or twice cannot be told from a probe) and at least
 * 1 % of all the traffic of the segment before it, in the clean log.
 */
function protectedPaths(clean: readonly string[]): Set<string> {
  const byPath = new Map<string, number>();
  for (const path of clean) byPath.set(path, (byPath.get(path) ?? 0) + 1);
  const traffic = new Map<string, number>();
  const repeated = new Map<string, number>();
  for (const [path, count] of byPath) {
    const segments = path.slice(1).split('/');
    for (let depth = 0; depth <= segments.length; depth += 1) {
      const prefix = `/${segments.slice(0, depth).join('/')}`;
      traffic.set(prefix, (traffic.get(prefix) ?? 0) + count);
      if (count >= 3) repeated.set(prefix, (repeated.get(prefix) ?? 0) + count);
    }
  }
  const kept = new Set<string>();
  for (const path of byPath.keys()) {
    const segments = path.slice(1).split('/');
    let ok = true;
    for (let depth = 1; depth <= segments.length && ok; depth += 1) {
      const weight = repeated.get(`/${segments.slice(0, depth).join('/')}`) ?? 0;
      ok = weight >= 3 && weight >= 0.01 * traffic.get(`/${segments.slice(0, depth - 1).join('/')}`)!;
    }
    if (ok) kept.add(path);
  }
  return kept;
}

test('property: mixing any amount of random-name probing into a log never changes the route of a request to a route with at least 1 % of its parent\'s traffic', () => {
  fc.assert(
    fc.property(
      cleanLogArbitrary.chain((clean) => fc.tuple(fc.constant(clean), probesArbitrary(clean), fc.boolean())),
      ([clean, probes, probesFirst]) => {
        const cleanRoutes = new Map<string, string>();
        finalRoutes(clean).forEach((route, i) => cleanRoutes.set(clean[i]!, route));
        // Probes at random places, or all of them before the first real request.
        const mixed: { path: string; real: boolean }[] = clean.map((path) => ({ path, real: true }));
        if (probesFirst) mixed.unshift(...probes.map(({ path }) => ({ path, real: false })));
        else for (const { path, at } of probes) mixed.splice(at % (mixed.length + 1), 0, { path, real: false });
        const mixedRoutes = finalRoutes(mixed.map(({ path }) => path));
        const guarded = protectedPaths(clean);
        mixed.forEach(({ path, real }, i) => {
          if (real && guarded.has(path)) assert.equal(mixedRoutes[i], cleanRoutes.get(path), `${path} with ${probes.length} probes`);
        });
      },
    ),
    { numRuns: 60 },
  );
});

test('a route the gateway logged is kept as it is, even where a scanner taught the position a parameter', () => {
  // API Gateway logs `resourcePath` (its own route) for its routes and nothing for what no route
  // matched: only the scanner's paths reach the templater. Names from a generated scanner run.
  const names = ['id_rsa', 'db.php', 'admin.php', 'shell.php', 'settings.py', 'config.php', 'backup.tar', 'web.config', 'test.php', 'swagger.json',
    '.env', '.git', 'dump.sql', 'backup.zip', 'wp-config.php', 'phpinfo.php', 'server-status'];
  const templater = new RouteTemplater();
  const probes = names.map((name) => templater.template(`/api/${name}`));
  assert.equal(templater.canonical(probes[0]!), '/api/{param}', 'the precondition: /api/ is a learned position');
  for (const logged of ['/api/v1/products/{id}', '/api/v1/users/me', '/api/v2/products/{id}', '/{proxy+}']) {
    assert.equal(templater.canonical(logged), logged);
  }
});
