// One generated HTTP request, independent of the log format it will be written in.

/** An API consumer (API key / gateway consumer). Rendered only by formats that log one. */
export interface Consumer {
  /** API Gateway style key id (10 lower-case alphanumerics). */
  keyId: string;
  /** Human consumer name (Kong username, nginx remote_user). */
  username: string;
  /** Kong consumer id. */
  uuid: string;
  /** Tyk logs a hash of the key, not the key. */
  keyHash: string;
}

export interface GeneratedRequest {
  /** Request start, epoch ms. */
  timeMs: number;
  client: string;
  method: string;
  /** Raw path as sent (percent-encoded where a client would encode). */
  path: string;
  /** Raw query without `?`, or null. */
  query: string | null;
  /** Route template as the gateway would know it, e.g. `/api/v1/users/{id}`; null for unknown paths. */
  route: string | null;
  /** Gateway route group (Kong route name / service), null for unknown paths. */
  routeGroup: string | null;
  status: number;
  bytesSent: number;
  bytesReceived: number;
  durationMs: number;
  userAgent: string;
  referer: string | null;
  consumer: Consumer | null;
  requestId: string;
  /**
   * Formats that do not log the query string (API Gateway, Tyk) log this path instead,
   * so that a payload carried in the query still reaches the log (as a path parameter).
   */
  pathWithoutQueryVariant?: { path: string; route: string };
  /** Planted only for formats that carry a consumer (key misuse makes no sense without one). */
  consumerFormatsOnly?: boolean;
}

export function endpointKey(method: string, route: string): string {
  return `${method} ${route}`;
}
