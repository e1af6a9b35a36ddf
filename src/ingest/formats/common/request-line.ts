/** A request line split into its three parts; `protocol` is null for HTTP/0.9 (`GET /`). */
export interface RequestLine {
  method: string;
  target: string;
  protocol: string | null;
}

/** Method tokens are a letter then letters or `-`/`_` (WebDAV `VERSION-CONTROL`); anything else is not a request. */
function isMethodToken(s: string, end: number): boolean {
  if (end === 0 || end > 32) return false;
  const first = s.charCodeAt(0) | 0x20;
  if (first < 97 || first > 122) return false;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (!isLetter && c !== 45 && c !== 95) return false;
  }
  return true;
}

/** `HTTP/1.1`, `HTTP/2`, `HTTP/2.0` (any case of `http`). */
function isProtocolToken(s: string, start: number): boolean {
  if (s.length - start < 6) return false;
  const h = s.charCodeAt(start) | 0x20;
  const t1 = s.charCodeAt(start + 1) | 0x20;
  const t2 = s.charCodeAt(start + 2) | 0x20;
  const p = s.charCodeAt(start + 3) | 0x20;
  const digit = s.charCodeAt(start + 5);
  return h === 104 && t1 === 116 && t2 === 116 && p === 112 && s.charCodeAt(start + 4) === 47 && digit >= 48 && digit <= 57;
}

/** The HTTP versions clients really send (CrowdSec's http-dos-invalid-http-versions list them so). */
const REAL_VERSIONS: ReadonlySet<string> = new Set(['0.9', '1.0', '1.1', '2', '2.0', '3', '3.0']);

/** A protocol token naming an HTTP version that does not exist (`HTTP/1.2`, `HTTP/2.1`); false for null. */
export function isInvalidHttpVersion(protocol: string | null): boolean {
  // Nearly every line is one of these: no copy, no lookup.
  if (protocol === null || protocol === 'HTTP/1.1' || protocol === 'HTTP/1.0' || protocol === 'HTTP/2.0') return false;
  return !REAL_VERSIONS.has(protocol.slice(5));
}

/**
 * Splits `METHOD target PROTOCOL`: the method ends at the first space and the
 * protocol starts after the LAST space, so spaces inside the URI (ALB
 * `SpaceInUri`) stay in the target. A line without a trailing `HTTP/x` is HTTP/0.9
 * and the whole rest is the target. Returns null for `-`, empty, a lone token, or
 * garbage whose first token is not a method (TLS handshakes logged as `\x16\x03\x01`).
 */
export function splitRequestLine(s: string): RequestLine | null {
  const firstSpace = s.indexOf(' ');
  if (firstSpace <= 0 || !isMethodToken(s, firstSpace)) return null;
  const method = s.slice(0, firstSpace).toUpperCase();
  let end = s.length;
  while (end > firstSpace && s.charCodeAt(end - 1) === 32) end--;
  const lastSpace = s.lastIndexOf(' ', end - 1);
  let target: string;
  let protocol: string | null = null;
  if (lastSpace > firstSpace && isProtocolToken(s, lastSpace + 1)) {
    protocol = s.slice(lastSpace + 1, end);
    target = s.slice(firstSpace + 1, lastSpace).trim();
  } else {
    target = s.slice(firstSpace + 1, end).trim();
  }
  if (target.length === 0) return null;
  return { method, target, protocol };
}
