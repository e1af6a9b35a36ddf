// Planted attacks that show up as volume or error patterns: credential attacks,
// id enumeration, path scanners, and injection probes hidden in normal volume.
import { composeRequest, type Requester } from '../compose.js';
import { findEndpoint } from '../catalog.js';
import { drawPayload, scannerPath } from '../payloads.js';
import { HOSTING_FIRST_OCTETS, hostIn, randomNetwork } from '../population.js';
import {
  ATTACK_TOOL_AGENTS, MINUTE, combineEmitters, drawDuration, endpointName, normalTrafficFrom, pickAttacker, ratedEmitter,
  type Planner,
} from './plan.js';

const BROWSER_LIKE_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
];

export const planCredentialAttack: Planner = (rng, slot, context) => {
  const login = findEndpoint('POST', '/api/v1/login');
  const startMs = slot.startMs;
  const distributed = rng.chance(0.5);
  if (!distributed) {
    const durationMs = drawDuration(rng, 20, 70, slot);
    const perMinute = Math.max(3, rng.logUniform(4, 40) * Math.sqrt(context.scale));
    const { requester, actor } = pickAttacker(rng, context.population, ATTACK_TOOL_AGENTS);
    const endMs = startMs + durationMs;
    const attempts = ratedEmitter(startMs, endMs, () => perMinute, (t, r) => {
      const request = composeRequest(login, requester, t, r);
      request.status = r.chance(0.01) ? 200 : perMinute > 25 && r.chance(0.06) ? 429 : 401;
      request.bytesSent = request.status === 200 ? 610 : r.int(60, 90);
      return request;
    });
    return {
      kind: 'credential_attack', startMs, endMs, clients: [requester.client], consumers: [], endpoint: endpointName(login),
      description: `brute force: one client, ~${perMinute.toFixed(0)} logins/min for ${Math.round(durationMs / MINUTE)} min, almost all 401`,
      consumerFormatsOnly: false,
      emit: combineEmitters(attempts, normalTrafficFrom(requester, actor, context.population, startMs, endMs, rng.uniform(0.3, 2))),
    };
  }
  const durationMs = drawDuration(rng, 30, 90, slot);
  const endMs = startMs + durationMs;
  const ipCount = rng.int(25, 250);
  const attackers: Requester[] = Array.from({ length: ipCount }, () => ({
    client: hostIn(randomNetwork(rng, rng.chance(0.6) ? HOSTING_FIRST_OCTETS : undefined), rng),
    userAgent: rng.pick(BROWSER_LIKE_AGENTS), consumer: null, browser: false,
  }));
  const perMinute = Math.max(4, rng.logUniform(10, 60) * Math.sqrt(context.scale));
  return {
    kind: 'credential_attack', startMs, endMs, clients: attackers.map((a) => a.client), consumers: [], endpoint: endpointName(login),
    description: `credential stuffing: ${ipCount} addresses, ~${perMinute.toFixed(0)} logins/min for ${Math.round(durationMs / MINUTE)} min, mostly 401`,
    consumerFormatsOnly: false,
    emit: ratedEmitter(startMs, endMs, () => perMinute, (t, r) => {
      const request = composeRequest(login, r.pick(attackers), t, r);
      request.status = r.chance(0.04) ? 200 : r.chance(0.03) ? 400 : 401;
      request.bytesSent = request.status === 200 ? 610 : r.int(60, 90);
      return request;
    }),
  };
};

export const planEnumeration: Planner = (rng, slot, context) => {
  const spec = rng.chance(0.5) ? findEndpoint('GET', '/api/v1/users/{id}') : findEndpoint('GET', '/api/v1/orders/{id}');
  const total = Math.max(80, Math.round(rng.logUniform(600, 4000) * context.scale));
  const durationMs = drawDuration(rng, 20, 90, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const { requester, actor } = pickAttacker(rng, context.population, ATTACK_TOOL_AGENTS);
  const existing = rng.uniform(0.55, 0.85);
  const base = spec.route.includes('orders') ? 1000000 + rng.int(1, 800000) : rng.int(1, 200000);
  let next = base;
  const walk = ratedEmitter(startMs, endMs, () => (total * MINUTE) / durationMs, (t, r) => {
    const request = composeRequest(spec, requester, t, r);
    request.path = spec.route.replace('{id}', String(next));
    next += r.chance(0.9) ? 1 : r.int(2, 5);
    request.status = r.chance(existing) ? 200 : r.chance(0.9) ? 404 : 403;
    if (request.status !== 200) request.bytesSent = r.int(60, 120);
    return request;
  });
  return {
    kind: 'enumeration', startMs, endMs, clients: [requester.client], consumers: [], endpoint: endpointName(spec),
    description: `one client walks ~${total} sequential ids of ${endpointName(spec)} from ${base}, ${Math.round(existing * 100)}% found`,
    consumerFormatsOnly: false,
    emit: combineEmitters(walk, normalTrafficFrom(requester, actor, context.population, startMs, endMs, rng.uniform(0.2, 1.5))),
  };
};

const SCANNER_AGENTS = [
  'Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))',
  'Mozilla/5.0 zgrab/0.x', 'gobuster/3.6', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/87.0.4280.88 Safari/537.36',
  'Fuzz Faster U Fool v2.1.0-dev', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/81.0.4044.129 Safari/537.36',
];

export const planScanner: Planner = (rng, slot, context) => {
  const total = Math.max(60, Math.round(rng.logUniform(250, 2500) * context.scale));
  const durationMs = drawDuration(rng, 5, 40, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const client = hostIn(randomNetwork(rng, HOSTING_FIRST_OCTETS), rng);
  const requester: Requester = { client, userAgent: rng.pick(SCANNER_AGENTS), consumer: null, browser: false };
  const home = findEndpoint('GET', '/');
  let index = 0;
  return {
    kind: 'scanner', startMs, endMs, clients: [client], consumers: [], endpoint: null,
    description: `scanner requests ~${total} distinct unknown paths (/.env, /wp-admin/, …) in ${Math.round(durationMs / MINUTE)} min, mostly 404`,
    consumerFormatsOnly: false,
    emit: ratedEmitter(startMs, endMs, () => (total * MINUTE) / durationMs, (t, r) => {
      const request = composeRequest(home, requester, t, r);
      request.method = r.chance(0.9) ? 'GET' : r.pick(['POST', 'HEAD']);
      request.path = scannerPath(index++, r);
      request.query = null;
      request.route = null;
      request.routeGroup = null;
      const u = r.next();
      request.status = u < 0.8 ? 404 : u < 0.92 ? 403 : u < 0.95 ? 301 : u < 0.97 ? 400 : 200;
      request.bytesSent = request.status === 200 ? r.int(150, 3000) : r.int(150, 560);
      request.durationMs = Math.round(r.logNormal(3, 0.6) * 1000) / 1000;
      return request;
    }),
  };
};

const INJECTABLE: ReadonlyArray<{ method: string; route: string; param: string }> = [
  { method: 'GET', route: '/api/v1/products', param: 'q' },
  { method: 'GET', route: '/api/v1/search', param: 'q' },
  { method: 'GET', route: '/api/v1/orders', param: 'status' },
  { method: 'GET', route: '/api/v1/reports/daily', param: 'date' },
  { method: 'GET', route: '/api/v1/products', param: 'sort' },
];

export const planInjection: Planner = (rng, slot, context) => {
  const total = rng.int(25, 60);
  const durationMs = drawDuration(rng, 10, 40, slot);
  const startMs = slot.startMs;
  const endMs = startMs + durationMs;
  const { requester, actor } = pickAttacker(rng, context.population, ATTACK_TOOL_AGENTS);
  const targets = rng.shuffle(INJECTABLE.slice()).slice(0, rng.int(1, 3));
  const routes = [...new Set(targets.map((t) => `${t.method} ${t.route}`))];
  const classes = new Set<string>();
  const probes = ratedEmitter(startMs, endMs, () => (total * MINUTE) / durationMs, (t, r) => {
    const targetSpec = r.pick(targets);
    const spec = findEndpoint(targetSpec.method, targetSpec.route);
    const request = composeRequest(spec, requester, t, r);
    const payload = drawPayload(r);
    classes.add(payload.payloadClass);
    const others = (request.query ?? '').split('&').filter((p) => p !== '' && !p.startsWith(`${targetSpec.param}=`));
    request.query = [`${targetSpec.param}=${payload.encoded}`, ...others].join('&');
    // Gateways that do not log the query still see the payload when it rides in a path parameter.
    request.pathWithoutQueryVariant = { path: `/api/v1/products/${payload.encoded}`, route: '/api/v1/products/{id}' };
    const u = r.next();
    request.status = u < 0.4 ? 400 : u < 0.8 ? 200 : u < 0.9 ? 403 : 500;
    if (request.status !== 200) request.bytesSent = r.int(80, 400);
    return request;
  });
  return {
    // No endpoint: formats without a query log carry the payload on another route.
    kind: 'injection', startMs, endMs, clients: [requester.client], consumers: [], endpoint: null,
    description: `one client sends ~${total} SQLi/XSS/traversal/command/template payloads (encoded variants) in ${routes.join(', ')} inside its normal traffic`,
    consumerFormatsOnly: false,
    emit: combineEmitters(probes, normalTrafficFrom(requester, actor, context.population, startMs, endMs, rng.uniform(0.5, 3))),
  };
};
