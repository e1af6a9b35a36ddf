/**
 * Column indexes of the record fields a W3C extended log (IIS, CloudFront) can
 * carry, resolved once per `#Fields:` directive so data lines are scanned
 * without a name lookup per column. -1 = the column is absent.
 */
export interface W3cColumns {
  count: number;
  date: number;
  time: number;
  clientIp: number;
  method: number;
  uriStem: number;
  uriQuery: number;
  status: number;
  bytesSent: number;
  bytesReceived: number;
  timeTaken: number;
  userAgent: number;
  referer: number;
  username: number;
  host: number;
  hostHeader: number;
  requestId: number;
}

/** Resolves a `#Fields:` name list (names compared case-insensitively). */
export function w3cColumns(names: readonly string[]): W3cColumns {
  const lower = names.map((name) => name.toLowerCase());
  const at = (name: string): number => lower.indexOf(name);
  return {
    count: names.length,
    date: at('date'),
    time: at('time'),
    clientIp: at('c-ip'),
    method: at('cs-method'),
    uriStem: at('cs-uri-stem'),
    uriQuery: at('cs-uri-query'),
    status: at('sc-status'),
    bytesSent: at('sc-bytes'),
    bytesReceived: at('cs-bytes'),
    timeTaken: at('time-taken'),
    userAgent: at('cs(user-agent)'),
    referer: at('cs(referer)'),
    username: at('cs-username'),
    host: at('cs(host)') >= 0 ? at('cs(host)') : at('cs-host'),
    hostHeader: at('x-host-header'),
    requestId: at('x-edge-request-id'),
  };
}

/** The names after `#Fields:` (space separated in both IIS and CloudFront). */
export function parseFieldsDirective(line: string): string[] {
  return line
    .slice(line.indexOf(':') + 1)
    .trim()
    .split(/\s+/)
    .filter((name) => name.length > 0);
}

/**
 * Splits a data line on `separator` into `target` (reused between lines to
 * avoid an allocation per line). Returns the number of fields.
 */
export function splitInto(line: string, separator: string, target: string[]): number {
  let count = 0;
  let start = 0;
  for (;;) {
    const end = line.indexOf(separator, start);
    target[count++] = end < 0 ? line.slice(start) : line.slice(start, end);
    if (end < 0) return count;
    start = end + separator.length;
  }
}
