// The API the generated traffic talks to: routes, how their paths and queries look,
// and how they normally answer (latency, size and status mixes per route).
import type { Rng } from './random.js';

export interface PathAndQuery {
  path: string;
  query: string | null;
}

export interface StatusMix {
  /** Share of each non-2xx status; the rest is `ok`. */
  others: ReadonlyArray<readonly [status: number, share: number]>;
  ok: number;
}

export interface EndpointSpec {
  method: string;
  route: string;
  /** Gateway route group (Kong route / service name). */
  group: string;
  /** Relative popularity for anonymous browser/mobile clients, crawlers and API partners. */
  weights: { browser: number; bot: number; partner: number };
  build(rng: Rng): PathAndQuery;
  latencyMs: { median: number; sigma: number };
  responseBytes: { median: number; sigma: number };
  requestBytes: number;
  status: StatusMix;
  /** A write on an item (PUT/PATCH/DELETE on `{id}`), what tampering looks like. */
  itemWrite?: boolean;
}

const SEARCH_WORDS = [
  'usb+cable', 'red+shoes', 'laptop', 'coffee', 'desk+lamp', 'headphones', 'phone+case', 'backpack',
  'running', 'monitor', 'keyboard', 'chair', 'tent', 'water+bottle', 'gift', 'socks', 'charger', 'tv',
  'garden+hose', 'book', 'camera', 'lego', 'vacuum', 'blender', 'jacket', 'sunglasses', 'wallet',
];
const ORDER_STATES = ['open', 'paid', 'shipped', 'delivered', 'cancelled'];
const SORTS = ['price', '-price', 'newest', 'rating'];
const CATEGORIES = ['electronics', 'home', 'garden', 'toys', 'books', 'fashion', 'sports'];

/** Popular ids are asked for more often: a skewed but wide id space. */
export function skewedId(rng: Rng, max: number): number {
  return 1 + Math.floor(max * Math.pow(rng.next(), 2.2));
}

function page(rng: Rng): number {
  return Math.min(60, rng.geometric(2.2));
}

function isoDate(rng: Rng): string {
  const day = rng.int(1, 28);
  const month = rng.int(1, 2);
  return `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const mostlyOk = (ok = 200, extra: Array<[number, number]> = []): StatusMix => ({
  ok,
  others: [[500, 0.0015], [502, 0.0008], [503, 0.0005], [429, 0.001], ...extra],
});

export const ENDPOINTS: readonly EndpointSpec[] = [
  {
    method: 'GET', route: '/api/v1/products', group: 'products',
    weights: { browser: 30, bot: 25, partner: 10 },
    build: (rng) => {
      const parts = [`page=${page(rng)}`];
      if (rng.chance(0.5)) parts.push(`q=${rng.pick(SEARCH_WORDS)}`);
      if (rng.chance(0.3)) parts.push(`sort=${rng.pick(SORTS)}`);
      if (rng.chance(0.25)) parts.push(`category=${rng.pick(CATEGORIES)}`);
      return { path: '/api/v1/products', query: parts.join('&') };
    },
    latencyMs: { median: 45, sigma: 0.5 }, responseBytes: { median: 6200, sigma: 0.35 }, requestBytes: 420,
    status: mostlyOk(200, [[400, 0.003]]),
  },
  {
    method: 'GET', route: '/api/v1/products/{id}', group: 'products',
    weights: { browser: 26, bot: 30, partner: 8 },
    build: (rng) => ({ path: `/api/v1/products/${skewedId(rng, 48000)}`, query: null }),
    latencyMs: { median: 22, sigma: 0.45 }, responseBytes: { median: 2100, sigma: 0.3 }, requestBytes: 390,
    status: mostlyOk(200, [[404, 0.025], [304, 0.04]]),
  },
  {
    method: 'GET', route: '/api/v1/search', group: 'search',
    weights: { browser: 14, bot: 4, partner: 2 },
    build: (rng) => ({ path: '/api/v1/search', query: `q=${rng.pick(SEARCH_WORDS)}&limit=${rng.pick([10, 20, 50])}` }),
    latencyMs: { median: 70, sigma: 0.55 }, responseBytes: { median: 4800, sigma: 0.4 }, requestBytes: 410,
    status: mostlyOk(200, [[400, 0.004]]),
  },
  {
    method: 'GET', route: '/api/v1/categories', group: 'products',
    weights: { browser: 6, bot: 6, partner: 1 },
    build: () => ({ path: '/api/v1/categories', query: null }),
    latencyMs: { median: 8, sigma: 0.4 }, responseBytes: { median: 1400, sigma: 0.05 }, requestBytes: 360,
    status: mostlyOk(200, [[304, 0.2]]),
  },
  {
    method: 'POST', route: '/api/v1/login', group: 'auth',
    weights: { browser: 5, bot: 0, partner: 0 },
    build: () => ({ path: '/api/v1/login', query: null }),
    latencyMs: { median: 120, sigma: 0.35 }, responseBytes: { median: 380, sigma: 0.1 }, requestBytes: 640,
    // Typos: a few percent of logins fail.
    status: mostlyOk(200, [[401, 0.05], [400, 0.005]]),
  },
  {
    method: 'POST', route: '/api/v1/logout', group: 'auth',
    weights: { browser: 1.2, bot: 0, partner: 0 },
    build: () => ({ path: '/api/v1/logout', query: null }),
    latencyMs: { median: 12, sigma: 0.3 }, responseBytes: { median: 0, sigma: 0 }, requestBytes: 520,
    status: mostlyOk(204, [[401, 0.01]]),
  },
  {
    method: 'POST', route: '/api/v1/token/refresh', group: 'auth',
    weights: { browser: 4, bot: 0, partner: 3 },
    build: () => ({ path: '/api/v1/token/refresh', query: null }),
    latencyMs: { median: 18, sigma: 0.3 }, responseBytes: { median: 610, sigma: 0.05 }, requestBytes: 700,
    status: mostlyOk(200, [[401, 0.015]]),
  },
  {
    method: 'GET', route: '/api/v1/users/me', group: 'users',
    weights: { browser: 9, bot: 0, partner: 1 },
    build: () => ({ path: '/api/v1/users/me', query: null }),
    latencyMs: { median: 15, sigma: 0.35 }, responseBytes: { median: 900, sigma: 0.15 }, requestBytes: 560,
    status: mostlyOk(200, [[401, 0.02]]),
  },
  {
    method: 'GET', route: '/api/v1/users/{id}', group: 'users',
    weights: { browser: 4, bot: 0, partner: 6 },
    build: (rng) => ({ path: `/api/v1/users/${skewedId(rng, 250000)}`, query: null }),
    latencyMs: { median: 19, sigma: 0.4 }, responseBytes: { median: 1100, sigma: 0.2 }, requestBytes: 560,
    status: mostlyOk(200, [[404, 0.03], [403, 0.01]]),
  },
  {
    method: 'PATCH', route: '/api/v1/users/{id}', group: 'users',
    weights: { browser: 0.6, bot: 0, partner: 1 },
    build: (rng) => ({ path: `/api/v1/users/${skewedId(rng, 250000)}`, query: null }),
    latencyMs: { median: 35, sigma: 0.4 }, responseBytes: { median: 1100, sigma: 0.2 }, requestBytes: 900,
    status: mostlyOk(200, [[400, 0.03], [403, 0.01], [409, 0.005]]), itemWrite: true,
  },
  {
    method: 'GET', route: '/api/v1/orders', group: 'orders',
    weights: { browser: 5, bot: 0, partner: 9 },
    build: (rng) => ({ path: '/api/v1/orders', query: `status=${rng.pick(ORDER_STATES)}&page=${page(rng)}&per_page=${rng.pick([20, 50, 100])}` }),
    latencyMs: { median: 60, sigma: 0.5 }, responseBytes: { median: 8800, sigma: 0.45 }, requestBytes: 600,
    status: mostlyOk(200, [[401, 0.008]]),
  },
  {
    method: 'GET', route: '/api/v1/orders/{id}', group: 'orders',
    weights: { browser: 5, bot: 0, partner: 8 },
    build: (rng) => ({ path: `/api/v1/orders/${1000000 + skewedId(rng, 900000)}`, query: null }),
    latencyMs: { median: 25, sigma: 0.4 }, responseBytes: { median: 1900, sigma: 0.3 }, requestBytes: 560,
    status: mostlyOk(200, [[404, 0.02], [403, 0.008]]),
  },
  {
    method: 'POST', route: '/api/v1/orders', group: 'orders',
    weights: { browser: 2, bot: 0, partner: 4 },
    build: () => ({ path: '/api/v1/orders', query: null }),
    latencyMs: { median: 140, sigma: 0.45 }, responseBytes: { median: 1300, sigma: 0.15 }, requestBytes: 1800,
    status: mostlyOk(201, [[400, 0.02], [409, 0.004], [422, 0.01]]),
  },
  {
    method: 'PUT', route: '/api/v1/orders/{id}', group: 'orders',
    weights: { browser: 0.5, bot: 0, partner: 2.5 },
    build: (rng) => ({ path: `/api/v1/orders/${1000000 + skewedId(rng, 900000)}`, query: null }),
    latencyMs: { median: 80, sigma: 0.4 }, responseBytes: { median: 1300, sigma: 0.15 }, requestBytes: 1600,
    status: mostlyOk(200, [[400, 0.02], [404, 0.01], [409, 0.01]]), itemWrite: true,
  },
  {
    method: 'DELETE', route: '/api/v1/orders/{id}', group: 'orders',
    weights: { browser: 0.1, bot: 0, partner: 0.4 },
    build: (rng) => ({ path: `/api/v1/orders/${1000000 + skewedId(rng, 900000)}`, query: null }),
    latencyMs: { median: 40, sigma: 0.35 }, responseBytes: { median: 0, sigma: 0 }, requestBytes: 520,
    status: mostlyOk(204, [[404, 0.05], [403, 0.02]]), itemWrite: true,
  },
  {
    method: 'GET', route: '/api/v1/cart', group: 'cart',
    weights: { browser: 8, bot: 0, partner: 0 },
    build: () => ({ path: '/api/v1/cart', query: null }),
    latencyMs: { median: 14, sigma: 0.35 }, responseBytes: { median: 1600, sigma: 0.5 }, requestBytes: 540,
    status: mostlyOk(200, [[401, 0.01]]),
  },
  {
    method: 'POST', route: '/api/v1/cart/items', group: 'cart',
    weights: { browser: 4, bot: 0, partner: 0 },
    build: () => ({ path: '/api/v1/cart/items', query: null }),
    latencyMs: { median: 30, sigma: 0.35 }, responseBytes: { median: 700, sigma: 0.1 }, requestBytes: 800,
    status: mostlyOk(201, [[400, 0.01], [409, 0.01]]),
  },
  {
    method: 'DELETE', route: '/api/v1/cart/items/{id}', group: 'cart',
    weights: { browser: 1, bot: 0, partner: 0 },
    build: (rng) => ({ path: `/api/v1/cart/items/${rng.int(1, 90000)}`, query: null }),
    latencyMs: { median: 20, sigma: 0.3 }, responseBytes: { median: 0, sigma: 0 }, requestBytes: 520,
    status: mostlyOk(204, [[404, 0.03]]), itemWrite: true,
  },
  {
    method: 'POST', route: '/api/v1/payments', group: 'payments',
    weights: { browser: 1.5, bot: 0, partner: 0.5 },
    build: () => ({ path: '/api/v1/payments', query: null }),
    latencyMs: { median: 420, sigma: 0.45 }, responseBytes: { median: 520, sigma: 0.1 }, requestBytes: 1200,
    status: mostlyOk(201, [[402, 0.03], [400, 0.01]]),
  },
  {
    method: 'GET', route: '/api/v1/shipments/{id}', group: 'shipments',
    weights: { browser: 2, bot: 0, partner: 5 },
    build: (rng) => ({ path: `/api/v1/shipments/${rng.uuid()}`, query: null }),
    latencyMs: { median: 55, sigma: 0.5 }, responseBytes: { median: 2400, sigma: 0.25 }, requestBytes: 560,
    status: mostlyOk(200, [[404, 0.02]]),
  },
  {
    method: 'GET', route: '/api/v1/reports/daily', group: 'reports',
    weights: { browser: 0, bot: 0, partner: 1.5 },
    build: (rng) => ({ path: '/api/v1/reports/daily', query: `date=${isoDate(rng)}&format=${rng.pick(['json', 'csv'])}` }),
    latencyMs: { median: 650, sigma: 0.6 }, responseBytes: { median: 90000, sigma: 0.6 }, requestBytes: 560,
    status: mostlyOk(200, [[404, 0.01]]),
  },
  {
    method: 'GET', route: '/api/v1/notifications', group: 'notifications',
    weights: { browser: 7, bot: 0, partner: 0 },
    build: (rng) => ({ path: '/api/v1/notifications', query: rng.chance(0.5) ? `since=${rng.int(1700000000, 1790000000)}` : null }),
    latencyMs: { median: 11, sigma: 0.35 }, responseBytes: { median: 300, sigma: 0.7 }, requestBytes: 540,
    status: mostlyOk(200, [[304, 0.3], [401, 0.01]]),
  },
  {
    method: 'GET', route: '/', group: 'web',
    weights: { browser: 5, bot: 8, partner: 0 },
    build: () => ({ path: '/', query: null }),
    latencyMs: { median: 6, sigma: 0.3 }, responseBytes: { median: 15400, sigma: 0.02 }, requestBytes: 480,
    status: mostlyOk(200, [[304, 0.25]]),
  },
  {
    method: 'GET', route: '/static/js/app.{hash}.js', group: 'web',
    weights: { browser: 6, bot: 2, partner: 0 },
    build: () => ({ path: '/static/js/app.3f9c2d1e.js', query: null }),
    latencyMs: { median: 3, sigma: 0.4 }, responseBytes: { median: 248000, sigma: 0.01 }, requestBytes: 470,
    status: { ok: 200, others: [[304, 0.45]] },
  },
  {
    method: 'GET', route: '/static/css/main.css', group: 'web',
    weights: { browser: 5, bot: 2, partner: 0 },
    build: () => ({ path: '/static/css/main.css', query: 'v=20260214' }),
    latencyMs: { median: 2, sigma: 0.4 }, responseBytes: { median: 38000, sigma: 0.01 }, requestBytes: 470,
    status: { ok: 200, others: [[304, 0.5]] },
  },
  {
    method: 'GET', route: '/images/products/{id}.jpg', group: 'web',
    weights: { browser: 18, bot: 6, partner: 0 },
    build: (rng) => ({ path: `/images/products/${skewedId(rng, 48000)}.jpg`, query: rng.chance(0.4) ? `w=${rng.pick([200, 400, 800])}` : null }),
    latencyMs: { median: 4, sigma: 0.6 }, responseBytes: { median: 42000, sigma: 0.7 }, requestBytes: 470,
    status: { ok: 200, others: [[304, 0.3], [404, 0.01]] },
  },
  {
    method: 'GET', route: '/favicon.ico', group: 'web',
    weights: { browser: 1.5, bot: 1, partner: 0 },
    build: () => ({ path: '/favicon.ico', query: null }),
    latencyMs: { median: 1, sigma: 0.3 }, responseBytes: { median: 5430, sigma: 0 }, requestBytes: 440,
    status: { ok: 200, others: [[304, 0.4]] },
  },
  {
    method: 'GET', route: '/robots.txt', group: 'web',
    weights: { browser: 0, bot: 3, partner: 0 },
    build: () => ({ path: '/robots.txt', query: null }),
    latencyMs: { median: 1, sigma: 0.3 }, responseBytes: { median: 212, sigma: 0 }, requestBytes: 300,
    status: { ok: 200, others: [] },
  },
  {
    method: 'GET', route: '/login', group: 'web',
    weights: { browser: 1.5, bot: 1, partner: 0 },
    build: (rng) => ({ path: '/login', query: rng.chance(0.5) ? 'next=%2Faccount' : null }),
    latencyMs: { median: 5, sigma: 0.3 }, responseBytes: { median: 0, sigma: 0 }, requestBytes: 460,
    status: { ok: 302, others: [] },
  },
];

/** Health checks are not drawn from the mix: load balancers call them on a fixed period. */
export const HEALTH_ENDPOINT: EndpointSpec = {
  method: 'GET', route: '/health', group: 'health',
  weights: { browser: 0, bot: 0, partner: 0 },
  build: () => ({ path: '/health', query: null }),
  latencyMs: { median: 1, sigma: 0.3 }, responseBytes: { median: 17, sigma: 0 }, requestBytes: 120,
  status: { ok: 200, others: [] },
};

export function findEndpoint(method: string, route: string): EndpointSpec {
  const found = ENDPOINTS.find((e) => e.method === method && e.route === route);
  if (!found) throw new Error(`no endpoint ${method} ${route} in the catalog`);
  return found;
}

export function drawStatus(mix: StatusMix, rng: Rng): number {
  let u = rng.next();
  for (const [status, share] of mix.others) {
    if (u < share) return status;
    u -= share;
  }
  return mix.ok;
}

/** Latency with an occasional slow tail (GC pauses, cold caches), rounded to whole ms. */
export function drawLatencyMs(spec: EndpointSpec, rng: Rng): number {
  let ms = rng.logNormal(spec.latencyMs.median, spec.latencyMs.sigma);
  if (rng.chance(0.008)) ms *= rng.uniform(3, 12);
  // Microsecond resolution: Apache's %D logs it, the other formats round it their own way.
  return Math.max(0.05, Math.round(ms * 1000) / 1000);
}

export function drawResponseBytes(spec: EndpointSpec, status: number, rng: Rng): number {
  if (status === 304 || status === 204 || spec.responseBytes.median === 0) return 0;
  if (status >= 400) return Math.round(rng.uniform(60, 240));
  return Math.max(1, Math.round(rng.logNormal(spec.responseBytes.median, spec.responseBytes.sigma)));
}
