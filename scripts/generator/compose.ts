// Builds one request the way a route normally answers it; incidents then override what they plant.
import { drawLatencyMs, drawResponseBytes, drawStatus, type EndpointSpec } from './catalog.js';
import type { Consumer, GeneratedRequest } from './request.js';
import type { Rng } from './random.js';

export interface Requester {
  client: string;
  userAgent: string;
  consumer: Consumer | null;
  /** Browsers arrive from pages; API clients and bots send no referer. */
  browser: boolean;
}

const REFERERS = ['https://www.example.com/', 'https://www.example.com/products', 'https://www.example.com/cart', 'https://www.google.com/'];

export function composeRequest(endpoint: EndpointSpec, who: Requester, timeMs: number, rng: Rng): GeneratedRequest {
  const { path, query } = endpoint.build(rng);
  const status = drawStatus(endpoint.status, rng);
  return {
    timeMs,
    client: who.client,
    method: endpoint.method,
    path,
    query,
    route: endpoint.route,
    routeGroup: endpoint.group,
    status,
    bytesSent: drawResponseBytes(endpoint, status, rng),
    bytesReceived: endpoint.requestBytes + who.userAgent.length + (query?.length ?? 0) + rng.int(0, 40),
    durationMs: drawLatencyMs(endpoint, rng),
    userAgent: who.userAgent,
    referer: who.browser && rng.chance(0.35) ? rng.pick(REFERERS) : null,
    consumer: who.consumer,
    requestId: rng.hex(32),
  };
}
