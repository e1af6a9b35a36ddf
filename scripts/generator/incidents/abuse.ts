// Planted abuse: request floods, data exfiltration, a leaked API key, and mass tampering.
import { composeRequest, type Requester } from '../compose.js';
import { ENDPOINTS, findEndpoint } from '../catalog.js';
import type { Actor } from '../population.js';
import { HOSTING_FIRST_OCTETS, hostIn, randomNetwork } from '../population.js';
import { WeightedPicker } from '../random.js';
import {
  ATTACK_TOOL_AGENTS, MINUTE, asRequester, combineEmitters, drawDuration, endpointName, normalTrafficFrom, pickAttacker, ratedEmitter,
  type Planner,
} from './plan.js';

const FLOOD_AGENTS = ['Go-http-client/1.1', 'python-aiohttp/3.9.1', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.0.0 Safari/537.36', 'k6/0.49.0 (https://k6.io/)'];

export const planVolumetric: Planner = (rng, slot, context) => {
  const spec = rng.pick([findEndpoint('GET', '/api/v1/products'), findEndpoint('GET', '/api/v1/search'), findEndpoint('GET', '/api/v1/products/{id}'), findEndpoint('GET', '/')]);
  const name = endpointName(spec);
  const durationMs = drawDuration(rng, 10, 40, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const multiplier = rng.logUniform(3, 30);
  // Floods are at least a few hundred requests whatever the route's volume.
  const perMinute = Math.max(25 * Math.sqrt(context.scale), multiplier * context.expectedPerMinute(name, startMs + durationMs / 2));
  const distributed = rng.chance(0.4);
  const agent = rng.pick(FLOOD_AGENTS);
  const attackers: Requester[] = distributed
    ? Array.from({ length: rng.int(10, 60) }, () => ({ client: hostIn(randomNetwork(rng, HOSTING_FIRST_OCTETS), rng), userAgent: agent, consumer: null, browser: false }))
    : [pickAttacker(rng, context.population, FLOOD_AGENTS).requester];
  return {
    kind: 'volumetric', startMs, endMs, clients: attackers.map((a) => a.client), consumers: [], endpoint: name,
    description: `flood on ${name} from ${attackers.length} client(s): ~${perMinute.toFixed(0)} req/min (${multiplier.toFixed(1)}× the route's normal) for ${Math.round(durationMs / MINUTE)} min`,
    consumerFormatsOnly: false,
    emit: ratedEmitter(startMs, endMs, () => perMinute, (t, r) => {
      const request = composeRequest(spec, r.pick(attackers), t, r);
      if (multiplier > 10 && r.chance(0.15)) {
        request.status = r.chance(0.7) ? 429 : 503;
        request.bytesSent = r.int(60, 200);
      }
      return request;
    }),
  };
};

export const planDataExfiltration: Planner = (rng, slot, context) => {
  const spec = rng.pick([findEndpoint('GET', '/api/v1/orders'), findEndpoint('GET', '/api/v1/users/{id}'), findEndpoint('GET', '/api/v1/products')]);
  const durationMs = drawDuration(rng, 15, 60, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const total = Math.max(20, Math.round(rng.logUniform(40, 400) * Math.sqrt(context.scale)));
  const sizeFactor = rng.logUniform(10, 200);
  const viaPartner = rng.chance(0.5);
  const actor: Actor | null = viaPartner ? rng.pick(context.population.partners) : null;
  const requester = actor ? asRequester(actor, rng) : pickAttacker(rng, context.population, ATTACK_TOOL_AGENTS).requester;
  const pulls = ratedEmitter(startMs, endMs, () => (total * MINUTE) / durationMs, (t, r) => {
    const request = composeRequest(spec, requester, t, r);
    request.query = spec.route.includes('{id}') ? `expand=all&include=orders,addresses,payment_methods` : `per_page=5000&page=${r.int(1, 40)}&fields=*`;
    request.status = 200;
    request.bytesSent = Math.round(r.logNormal(spec.responseBytes.median * sizeFactor, 0.3));
    request.durationMs = Math.round(request.durationMs * r.uniform(1.5, 4) * 1000) / 1000;
    return request;
  });
  return {
    kind: 'data_exfiltration', startMs, endMs, clients: [requester.client], consumers: requester.consumer ? [requester.consumer] : [],
    endpoint: endpointName(spec),
    description: `one ${actor ? 'API consumer' : 'client'} pulls ~${total} responses ${sizeFactor.toFixed(0)}× the normal size of ${endpointName(spec)}`,
    consumerFormatsOnly: false,
    emit: combineEmitters(pulls, normalTrafficFrom(requester, actor, context.population, startMs, endMs, rng.uniform(0.3, 2))),
  };
};

const LEAKED_KEY_AGENTS = ['python-requests/2.32.3', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'PostmanRuntime/7.37.3', 'curl/8.7.1', 'Go-http-client/2.0'];

export const planKeyMisuse: Planner = (rng, slot, context) => {
  const candidates = context.population.partners.filter((p) => p.schedule !== 'night');
  const owner = rng.pick(candidates.length > 0 ? candidates : context.population.partners);
  const durationMs = drawDuration(rng, 60, 180, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const networkCount = rng.int(20, 40);
  const agent = rng.pick(LEAKED_KEY_AGENTS.filter((a) => a !== owner.userAgent));
  const abusers: Requester[] = Array.from({ length: networkCount }, () => ({
    client: hostIn(randomNetwork(rng, rng.chance(0.5) ? HOSTING_FIRST_OCTETS : undefined), rng),
    userAgent: agent, consumer: owner.consumer, browser: false,
  }));
  // Mostly the key's own routes, plus some it never called.
  const strangers = ENDPOINTS.filter((e) => e.weights.partner > 0 || e.route.startsWith('/api/v1/users'));
  const routes = new WeightedPicker([...owner.routes.items, ...strangers], [...owner.routes.items.map(() => 3), ...strangers.map(() => 1)]);
  const total = Math.max(40, Math.round(networkCount * rng.uniform(4, 15) * Math.sqrt(context.scale)));
  return {
    kind: 'key_misuse', startMs, endMs, clients: abusers.map((a) => a.client), consumers: owner.consumer ? [owner.consumer] : [], endpoint: null,
    description: `API key of ${owner.consumer?.username ?? '?'} used from ${networkCount} networks it never used (normally ${owner.networks.length}), new agent "${agent}"`,
    consumerFormatsOnly: true,
    emit: ratedEmitter(startMs, endMs, () => (total * MINUTE) / durationMs, (t, r) => {
      const request = composeRequest(routes.pick(r), r.pick(abusers), t, r);
      request.consumerFormatsOnly = true;
      return request;
    }),
  };
};

export const planTampering: Planner = (rng, slot, context) => {
  const spec = rng.pick([findEndpoint('PUT', '/api/v1/orders/{id}'), findEndpoint('DELETE', '/api/v1/orders/{id}'), findEndpoint('PATCH', '/api/v1/users/{id}')]);
  const durationMs = drawDuration(rng, 30, 120, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const total = Math.max(150, Math.round(rng.logUniform(1000, 4000) * context.scale));
  const viaPartner = rng.chance(0.6);
  const actor: Actor | null = viaPartner ? rng.pick(context.population.partners) : null;
  const requester = actor ? asRequester(actor, rng) : pickAttacker(rng, context.population, ATTACK_TOOL_AGENTS).requester;
  const isOrder = spec.route.includes('orders');
  const firstId = isOrder ? 1000000 + rng.int(1, 700000) : rng.int(1, 150000);
  let offset = 0;
  const writes = ratedEmitter(startMs, endMs, () => (total * MINUTE) / durationMs, (t, r) => {
    const request = composeRequest(spec, requester, t, r);
    // Distinct ids, in a shuffled-looking but non-repeating order.
    offset += r.int(1, 7);
    request.path = spec.route.replace('{id}', String(firstId + offset));
    const u = r.next();
    request.status = u < 0.97 ? (spec.method === 'DELETE' ? 204 : 200) : u < 0.99 ? 404 : 409;
    request.bytesSent = request.status === 204 ? 0 : request.status === 200 ? request.bytesSent : r.int(60, 120);
    return request;
  });
  return {
    kind: 'tampering', startMs, endMs, clients: [requester.client], consumers: requester.consumer ? [requester.consumer] : [],
    endpoint: endpointName(spec),
    description: `one ${actor ? 'API consumer' : 'client'} makes ~${total} successful ${spec.method} on distinct ids of ${spec.route}`,
    consumerFormatsOnly: false,
    emit: combineEmitters(writes, normalTrafficFrom(requester, actor, context.population, startMs, endMs, rng.uniform(0.3, 2))),
  };
};
