import { wildcardToRegExp } from './wildcard.js';

/**
 * A rule's `endpoint`: `GET /api/v1/*`, `* /health`, or a path alone
 * (`/api/v1/users/{id}`), which means any method. `*` in the path stands for
 * any characters, `/` included; `{id}` and other template parts are literal, so
 * they match the route templates incidents carry. Methods compare case-insensitively.
 */
export interface EndpointPattern {
  /** Upper case, or null for any method. */
  method: string | null;
  path: RegExp;
}

const METHOD = /^[A-Za-z]+$/;

/** Null when the text is not a pattern (empty, a bad method token, a path not starting with `/` or `*`). */
export function parseEndpointPattern(text: string): EndpointPattern | null {
  const space = text.indexOf(' ');
  const methodText = space === -1 ? null : text.slice(0, space);
  const pathText = space === -1 ? text : text.slice(space + 1);
  if (methodText !== null && methodText !== '*' && !METHOD.test(methodText)) return null;
  if (!pathText.startsWith('/') && !pathText.startsWith('*')) return null;
  if (/\s/.test(pathText)) return null;
  return {
    method: methodText === null || methodText === '*' ? null : methodText.toUpperCase(),
    path: wildcardToRegExp(pathText),
  };
}

/** `POST /api/v1/login` → method and route; an endpoint without a method token has method null. */
function splitEndpoint(endpoint: string): { method: string | null; route: string } {
  const space = endpoint.indexOf(' ');
  if (space > 0 && METHOD.test(endpoint.slice(0, space))) {
    return { method: endpoint.slice(0, space).toUpperCase(), route: endpoint.slice(space + 1) };
  }
  return { method: null, route: endpoint };
}

export function endpointMatches(endpoint: string, pattern: EndpointPattern): boolean {
  const { method, route } = splitEndpoint(endpoint);
  if (pattern.method !== null && method !== pattern.method) return false;
  return pattern.path.test(route);
}

/** Every endpoint of the incident (`endpoint` and `endpoints`); an incident on no endpoint is never covered. */
export function patternCoversAll(endpoints: readonly string[], pattern: EndpointPattern): boolean {
  return endpoints.length > 0 && endpoints.every((endpoint) => endpointMatches(endpoint, pattern));
}

export const ENDPOINT_HINT = 'use "METHOD /path" or "/path", with * as a wildcard, e.g. "GET /api/v1/*" or "* /health"';
