import type { LogRecord } from '../types.js';

/** Endpoint of a record with no parseable request line (TLS on a plain port, `"-"`, garbage). */
export const INVALID_ENDPOINT = '- (invalid request)';

/** The endpoint a record belongs to: `METHOD route`, e.g. `POST /api/v1/login`. */
export function endpointKey(record: LogRecord): string {
  if (record.method === null || record.route === null) return INVALID_ENDPOINT;
  return `${record.method} ${record.route}`;
}

const AUTH_ROUTE = /log-?in|sign-?in|auth|token|session|passw|oauth|credential|account\/verify/i;

/** Routes where 401/403 bursts mean guessing credentials. */
export function isAuthEndpoint(endpoint: string): boolean {
  return AUTH_ROUTE.test(endpoint);
}

/** A write that changes a stored object: PUT/PATCH/DELETE anywhere, POST on an item route (`…/{id}`). */
export function isItemWrite(method: string | null, route: string | null): boolean {
  if (method === 'PUT' || method === 'PATCH' || method === 'DELETE') return true;
  return method === 'POST' && route !== null && route.endsWith('}');
}
