// Planted operational incidents: they change how a route answers everybody, not one client's behaviour.
import { composeRequest } from '../compose.js';
import { findEndpoint, type EndpointSpec } from '../catalog.js';
import type { Actor } from '../population.js';
import { MINUTE, asRequester, drawDuration, endpointName, ratedEmitter, type Planner } from './plan.js';

const BUSY_API_ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/v1/products'], ['GET', '/api/v1/products/{id}'], ['GET', '/api/v1/search'], ['GET', '/api/v1/orders'],
  ['POST', '/api/v1/orders'], ['GET', '/api/v1/orders/{id}'], ['GET', '/api/v1/users/me'], ['GET', '/api/v1/cart'],
];

function pickBusyRoute(rng: Parameters<Planner>[0]): EndpointSpec {
  const [method, route] = rng.pick(BUSY_API_ROUTES);
  return findEndpoint(method, route);
}

export const planErrorSpike: Planner = (rng, slot) => {
  const spec = pickBusyRoute(rng);
  const name = endpointName(spec);
  const durationMs = drawDuration(rng, 10, 45, slot);
  const share = rng.uniform(0.15, 0.9);
  const status = rng.pick([500, 502, 503, 504]);
  return {
    kind: 'error_spike', startMs: slot.startMs, endMs: slot.startMs + durationMs, clients: [], consumers: [], endpoint: name,
    description: `${Math.round(share * 100)}% of ${name} answer ${status} (mostly) for ${Math.round(durationMs / MINUTE)} min, every client`,
    consumerFormatsOnly: false,
    alter: (request, r) => {
      if (request.method !== spec.method || request.route !== spec.route || !r.chance(share)) return request;
      request.status = r.chance(0.8) ? status : r.pick([500, 502, 503, 504]);
      request.bytesSent = r.int(120, 600);
      request.durationMs = request.status === 504 ? 30000 + r.int(0, 400) : Math.round(r.uniform(1, 40) * 1000) / 1000;
      return request;
    },
  };
};

export const planLatencyRegression: Planner = (rng, slot) => {
  const spec = pickBusyRoute(rng);
  const name = endpointName(spec);
  const durationMs = drawDuration(rng, 20, 90, slot);
  const factor = rng.logUniform(5, 20);
  return {
    kind: 'latency_regression', startMs: slot.startMs, endMs: slot.startMs + durationMs, clients: [], consumers: [], endpoint: name,
    description: `${name} is ${factor.toFixed(1)}× slower for ${Math.round(durationMs / MINUTE)} min`,
    consumerFormatsOnly: false,
    alter: (request, r) => {
      if (request.method !== spec.method || request.route !== spec.route) return request;
      request.durationMs = Math.round(request.durationMs * factor * r.uniform(0.8, 1.25) * 1000) / 1000;
      return request;
    },
  };
};

const NEW_ROUTES: ReadonlyArray<{ spec: EndpointSpec; why: string }> = [
  {
    why: 'a v2 API rolled out without notice',
    spec: {
      method: 'GET', route: '/api/v2/products/{id}', group: 'products-v2', weights: { browser: 0, bot: 0, partner: 0 },
      build: (rng) => ({ path: `/api/v2/products/${rng.int(1, 48000)}`, query: null }),
      latencyMs: { median: 30, sigma: 0.4 }, responseBytes: { median: 2600, sigma: 0.3 }, requestBytes: 390, status: { ok: 200, others: [[404, 0.03]] },
    },
  },
  {
    why: 'an internal export route exposed by a routing change',
    spec: {
      method: 'GET', route: '/api/v1/internal/export', group: 'internal', weights: { browser: 0, bot: 0, partner: 0 },
      build: (rng) => ({ path: '/api/v1/internal/export', query: `table=${rng.pick(['users', 'orders', 'payments'])}` }),
      latencyMs: { median: 300, sigma: 0.5 }, responseBytes: { median: 40000, sigma: 0.5 }, requestBytes: 420, status: { ok: 200, others: [] },
    },
  },
  {
    why: 'a debug endpoint left enabled',
    spec: {
      method: 'POST', route: '/api/v1/debug/cache/flush', group: 'debug', weights: { browser: 0, bot: 0, partner: 0 },
      build: () => ({ path: '/api/v1/debug/cache/flush', query: null }),
      latencyMs: { median: 50, sigma: 0.3 }, responseBytes: { median: 40, sigma: 0.1 }, requestBytes: 300, status: { ok: 200, others: [] },
    },
  },
  {
    why: 'a new recommendations feature',
    spec: {
      method: 'GET', route: '/api/v1/recommendations', group: 'recommendations', weights: { browser: 0, bot: 0, partner: 0 },
      build: (rng) => ({ path: '/api/v1/recommendations', query: `user=${rng.int(1, 250000)}&limit=12` }),
      latencyMs: { median: 90, sigma: 0.4 }, responseBytes: { median: 3400, sigma: 0.3 }, requestBytes: 420, status: { ok: 200, others: [[500, 0.01]] },
    },
  },
];

export const planNewEndpoint: Planner = (rng, slot, context) => {
  const { spec, why } = rng.pick(NEW_ROUTES);
  const startMs = slot.startMs;
  const endMs = context.periodEndMs;
  const perMinute = Math.max(0.5, rng.logUniform(2, 20) * Math.sqrt(context.scale));
  const users: Actor[] = Array.from({ length: rng.int(5, 80) }, () => rng.pick(context.population.browsers));
  const clients = [...new Set(users.map((u) => u.ips[0] as string))];
  return {
    kind: 'new_endpoint', startMs, endMs, clients, consumers: [], endpoint: endpointName(spec),
    description: `${endpointName(spec)} never served before starts answering 200 (${why}), ~${perMinute.toFixed(1)} req/min from ${clients.length} clients`,
    consumerFormatsOnly: false,
    emit: ratedEmitter(startMs, endMs, () => perMinute, (t, r) => composeRequest(spec, asRequester(r.pick(users), r), t, r)),
  };
};

const DROPPABLE: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/v1/products'], ['GET', '/api/v1/products/{id}'], ['GET', '/api/v1/search'], ['GET', '/api/v1/users/me'],
];

export const planTrafficDrop: Planner = (rng, slot) => {
  const [method, route] = rng.pick(DROPPABLE);
  const spec = findEndpoint(method, route);
  const name = endpointName(spec);
  const durationMs = drawDuration(rng, 30, 60, slot);
  return {
    kind: 'traffic_drop', startMs: slot.startMs, endMs: slot.startMs + durationMs, clients: [], consumers: [], endpoint: name,
    description: `${name}, a busy route, serves nothing for ${Math.round(durationMs / MINUTE)} min while the rest of the traffic continues`,
    consumerFormatsOnly: false,
    alter: (request) => (request.method === spec.method && request.route === spec.route ? null : request),
  };
};
