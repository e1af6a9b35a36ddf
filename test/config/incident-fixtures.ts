// Incidents shaped like the ones detection emits (route templates, real-looking
// addresses from the documentation ranges, evidence with units), for rule tests.
import type { Evidence, Incident } from '../../src/types.js';

function evidence(feature: string, observed: number | string, baseline: number | string | null, unit: string, text: string, contribution: number): Evidence {
  return { feature, observed, baseline, unit, text, contribution };
}

/** The weekly penetration test: one scanner host walking unknown paths. */
export function pentestScan(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-3f09c1d2aa01',
    rank: 1,
    score: 91.2,
    confidence: 0.88,
    severity: 'high',
    kind: 'scanner',
    start: '2026-03-03T02:00:00.000Z',
    end: '2026-03-03T02:35:00.000Z',
    endpoint: 'GET /wp-login.php',
    endpoints: ['GET /wp-login.php', 'GET /.env', 'GET /api/v1/admin/config'],
    clients: ['198.51.100.17'],
    consumers: [],
    userAgents: ['Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)'],
    requests: 4812,
    summary: 'Scanner at 198.51.100.17: 4,812 requests to 1,530 distinct unknown paths, 97% 404.',
    evidence: [
      evidence('unknown_routes', 1530, 0, 'paths', '1,530 unknown paths vs 0 normally', 0.52),
      evidence('not_found_ratio', 0.97, 0.03, 'ratio', '404 ratio 97% vs 3% normally', 0.33),
    ],
    samples: [{ file: 'access.log', line: 88213 }],
    occurrences: [],
    ...overrides,
  };
}

/** A partner's nightly bulk sync: one API key pulling every order, far above its normal volume. */
export function partnerBulkSync(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-a18e44f07c52',
    rank: 2,
    score: 78.5,
    confidence: 0.95,
    severity: 'high',
    kind: 'volumetric',
    start: '2026-03-03T01:00:00.000Z',
    end: '2026-03-03T01:40:00.000Z',
    endpoint: 'GET /api/v1/orders/{id}',
    endpoints: ['GET /api/v1/orders/{id}', 'GET /api/v1/orders'],
    clients: ['203.0.113.40', '203.0.113.41'],
    consumers: ['partner-acme-sync'],
    userAgents: ['acme-sync/4.2 (+https://acme.example/sync)'],
    requests: 96210,
    summary: 'Request flood on GET /api/v1/orders/{id} from key partner-acme-sync: 96,210 requests, 31x normal.',
    evidence: [
      evidence('requests', 96210, 3100, 'requests', '96,210 requests vs 3,100 normally', 0.71),
      evidence('response_bytes', 412_000_000, 15_000_000, 'bytes', '412 MB vs 15 MB normally', 0.2),
    ],
    samples: [{ file: 'kong.log', line: 120044 }],
    occurrences: [],
    ...overrides,
  };
}

/** A credential attack from several networks, one of them IPv6. */
export function distributedLoginAttack(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-5b7c2e9f1d30',
    rank: 1,
    score: 97.4,
    confidence: 0.93,
    severity: 'critical',
    kind: 'credential_attack',
    start: '2026-03-03T03:10:00.000Z',
    end: '2026-03-03T03:25:00.000Z',
    endpoint: 'POST /api/v1/login',
    endpoints: ['POST /api/v1/login'],
    clients: ['198.51.100.23', '198.51.100.99', '2001:db8:4::7'],
    consumers: [],
    userAgents: ['python-requests/2.31.0'],
    requests: 1240,
    summary: 'Brute force on POST /api/v1/login from 198.51.100.23 and 2 more clients: 98% of 1,240 logins failed.',
    evidence: [evidence('auth_failure_ratio', 0.98, 0.06, 'ratio', '401 ratio 98% vs 6% normally', 0.8)],
    samples: [{ file: 'access.log', line: 50321 }],
    occurrences: [],
    ...overrides,
  };
}

/** Latency on the search endpoint moved: which way is set by the caller. */
export function latencyShift(p95Ms: number, overrides: Partial<Incident> = {}): Incident {
  return {
    id: `inc-lat-${p95Ms}`,
    rank: 3,
    score: 64.1,
    confidence: 0.9,
    severity: 'medium',
    kind: 'latency_regression',
    start: '2026-03-03T09:00:00.000Z',
    end: '2026-03-03T09:30:00.000Z',
    endpoint: 'GET /api/v1/products',
    endpoints: ['GET /api/v1/products'],
    clients: [],
    consumers: [],
    userAgents: [],
    requests: 18230,
    summary: `p95 latency of GET /api/v1/products is ${p95Ms} ms against 240 ms normally.`,
    evidence: [evidence('latency_p95', p95Ms, 240, 'ms', `p95 latency ${p95Ms} ms vs 240 ms normally`, 0.9)],
    samples: [{ file: 'access.log', line: 70001 }],
    occurrences: [],
    ...overrides,
  };
}

/** The load test: a flood on checkout from the load-test runners, between 14:00 and 15:00. */
export function loadTestFlood(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'inc-0d4471be9e11',
    rank: 1,
    score: 88,
    confidence: 0.97,
    severity: 'high',
    kind: 'volumetric',
    start: '2026-03-05T14:05:00.000Z',
    end: '2026-03-05T14:50:00.000Z',
    endpoint: 'POST /api/v1/checkout',
    endpoints: ['POST /api/v1/checkout'],
    clients: ['10.20.0.11', '10.20.0.12', '10.20.0.13'],
    consumers: ['loadtest'],
    userAgents: ['k6/0.49.0 (https://k6.io/)'],
    requests: 250000,
    summary: 'Request flood on POST /api/v1/checkout: 250,000 requests, 80x normal.',
    evidence: [evidence('volume', 250000, 3100, 'requests', '250,000 requests vs 3,100 normally', 0.93)],
    samples: [{ file: 'access.log', line: 200500 }],
    occurrences: [],
    ...overrides,
  };
}
