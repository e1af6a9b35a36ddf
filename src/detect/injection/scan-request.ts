// Every attacker-controlled field of one request, each read as what it is: the
// target (path and query parameters), the User-Agent (tool names and payloads), the
// Referer (a URL whose own parameters may carry payloads, or a bare payload), the Host
// header, and any other header or cookie the format logs. Plus what the path asks for:
// sensitive files, and admin/CMS pages the site does not have (answered 404).

import type { RequestHeader } from '../../types.js';
import { decodeForInspection } from './decode.js';
import { classifyPath, classifyQueryValue, collectPath, collectQuery, detectInDecoded, EvidenceCollector, shownIfMatched, type ClassifiedTarget, type ClassifiedValue } from './classify.js';
import { detectRequestLine, detectToolAgent } from './table-rules.js';
import { displayName } from './findings.js';

/** The fields of one request the scan reads; a LogRecord has them all but `headers`. */
export interface RequestFields {
  path: string | null;
  query: string | null;
  status: number | null;
  userAgent: string | null;
  referer: string | null;
  host: string | null;
  /** Other headers (and `Cookie`) when the format logs them (LogRecord.headers); absent otherwise. */
  headers?: readonly RequestHeader[] | undefined;
  /** The request line's method and a protocol naming no real HTTP version (LogRecord); absent when the caller has none. */
  method?: string | null;
  invalidProtocol?: string | undefined;
}

/** Header values longer than this are cut before any rule reads them. */
const MAX_HEADER_INPUT = 4096;
/** Headers past this many per request are not read (bounded work per request). */
const MAX_HEADERS = 32;
/** Cookies past this many in one Cookie header are not read. */
const MAX_COOKIES = 32;

/**
 * A header value worth decoding: ordinary agents, hosts and URLs are letters, digits
 * and `/ ( ) ; , . : _ - + [ ] = ? & #` and spaces. Anything else (quotes, angle brackets,
 * `$ { } | \` ` %`), an empty-bodied function (Shellshock) or SQL keywords in a row, may hide a rule match.
 */
const HEADER_SUSPECT = /[<>'"$`{}|\\%!*^]|\.\.|&#|\b(?:union|select|sleep|benchmark|waitfor|and|or)\b[\s(+]*(?:\d|select|\()/i;

/** Rules over one header-like value (not a path): every payload class that can hide in free text. */
export function classifyHeaderValue(raw: string): ClassifiedValue {
  const input = raw.length > MAX_HEADER_INPUT ? raw.slice(0, MAX_HEADER_INPUT) : raw;
  if (!HEADER_SUSPECT.test(input)) return { rules: [], decoded: input };
  const decoded = decodeForInspection(input);
  return shownIfMatched(detectInDecoded(decoded.text, decoded.commentsJoined, false), decoded.text, input);
}

/** What one User-Agent holds: a named attack tool, a payload, or nothing. Agents repeat: cached. */
const agentCache = new Map<string, ClassifiedValue>();
const AGENT_CACHE_SIZE = 4096;

export function classifyUserAgent(raw: string): ClassifiedValue {
  const known = agentCache.get(raw);
  if (known !== undefined) return known;
  const payload = classifyHeaderValue(raw);
  const tools = detectToolAgent(raw.length > MAX_HEADER_INPUT ? raw.slice(0, MAX_HEADER_INPUT) : raw);
  const result = tools.length === 0 ? payload : payload.rules.length > 0 ? { ...payload, rules: [...tools, ...payload.rules] } : { rules: tools, decoded: raw.slice(0, 300) };
  if (agentCache.size >= AGENT_CACHE_SIZE) agentCache.clear();
  agentCache.set(raw, result);
  return result;
}

/** `http://host/path?query` → its path and query; null when the value is not an absolute http(s) URL. */
function splitUrl(raw: string): { path: string; query: string | null } | null {
  const match = /^https?:\/\/[^/?#]*([^?#]*)(?:\?([^#]*))?/i.exec(raw);
  if (match === null) return null;
  return { path: match[1] === '' ? '/' : match[1]!, query: match[2] ?? null };
}

function scanReferer(raw: string, evidence: EvidenceCollector): void {
  const input = raw.length > MAX_HEADER_INPUT ? raw.slice(0, MAX_HEADER_INPUT) : raw;
  if (!HEADER_SUSPECT.test(input)) return;
  const url = splitUrl(input);
  if (url === null) {
    evidence.take(classifyHeaderValue(input), { kind: 'referer', name: null });
    return;
  }
  evidence.take(classifyPath(url.path), { kind: 'referer', name: null });
  if (url.query === null) return;
  collectQuery(url.query, evidence, 'referer', 'referer');
}

function scanHeaders(headers: readonly RequestHeader[], evidence: EvidenceCollector): void {
  for (const { name, value } of headers.slice(0, MAX_HEADERS)) {
    if (name.toLowerCase() === 'cookie') {
      for (const cookie of value.split(';').slice(0, MAX_COOKIES)) {
        const eq = cookie.indexOf('=');
        const cookieName = (eq === -1 ? '' : cookie.slice(0, eq)).trim();
        const cookieValue = eq === -1 ? cookie : cookie.slice(eq + 1);
        // Cookie values are often percent-encoded like query values, `+` included.
        evidence.take(classifyQueryValue(cookieValue.trim()), { kind: 'cookie', name: cookieName === '' ? null : displayName(cookieName) });
      }
      continue;
    }
    evidence.take(classifyHeaderValue(value), { kind: 'header', name: displayName(name) });
  }
}

function refersToItself(referer: string, path: string | null, query: string | null): boolean {
  const url = splitUrl(referer);
  return url !== null && url.path === path && url.query === (query === '' ? null : query);
}

/** Every rule match in every field of one request; null when nothing matched. */
export function scanRequest(request: RequestFields): ClassifiedTarget | null {
  const evidence = new EvidenceCollector();
  const { path, query, status } = request;
  const lineRules = detectRequestLine(request.method ?? null, request.invalidProtocol);
  if (lineRules.length > 0) evidence.take({ rules: lineRules, decoded: `${request.method ?? '-'} ${path ?? ''}${request.invalidProtocol === undefined ? '' : ` ${request.invalidProtocol}`}` }, { kind: 'request-line', name: null });
  if (path !== null) collectPath(path, status, evidence, query);
  if (query !== null && query !== '') collectQuery(query, evidence, 'query-name', 'query-value');
  if (request.userAgent !== null && request.userAgent !== '') evidence.take(classifyUserAgent(request.userAgent), { kind: 'user-agent', name: null });
  // Tools often send the request's own URL as the Referer: the same bytes, already read as the target.
  if (request.referer !== null && request.referer !== '' && !refersToItself(request.referer, path, query)) scanReferer(request.referer, evidence);
  if (request.host !== null && request.host !== '') evidence.take(classifyHeaderValue(request.host), { kind: 'host', name: null });
  if (request.headers) scanHeaders(request.headers, evidence);
  return evidence.result();
}
