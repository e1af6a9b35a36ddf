import type { LogRecord } from '../../../types.js';
import { cleanClientAddress } from './client-address.js';
import { scanClfTime } from './clf-time.js';
import { identityOrNull, intOrNull, statusOrNull } from './fields.js';
import { scanIsoTime } from './iso-time.js';
import { readQuoted, skipSpaces, tokenEnd } from './quoted.js';
import { isInvalidHttpVersion, splitRequestLine } from './request-line.js';
import { syslogPrefix } from './syslog-prefix.js';
import { splitTarget } from './target.js';

/** How a CLF-family format reads the parts every member shares. */
export interface ClfHeadOptions {
  /** Apache `%b` writes `-` for "0 bytes"; Traefik and API Gateway write `-` for "not set". */
  bytesDashMeans: 0 | null;
}

/** What the head scan leaves for the format-specific tail. */
export interface ClfHead {
  /** Index just after the bytes field. */
  end: number;
  /** The ident slot (`%l`; API Gateway's `$context.identity.caller`), null for a placeholder (`-`, `null`, …). */
  ident: string | null;
  /** The request target as logged (after escape removal), null when there is no request line. */
  target: string | null;
  /** Whether the bracketed time had a zone offset (ISO-style netnea times do not). */
  timeHasZone: boolean;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Scans the shared CLF head `[vhost] address ident user [time] "request" status bytes`
 * into `record` and returns where the tail starts, or a skip reason. The address
 * slot may hold an X-Forwarded-For list (`a, b, c`, quoted or not) in front of the
 * remote address: the client is then the list's left-most entry. A single
 * unlisted word in front of the address is the vhost (`%v`, `$host`, `host:port`)
 * and becomes `host`. An RFC 3164/5424 syslog header in front is skipped.
 */
export function scanClfHead(line: string, record: LogRecord, options: ClfHeadOptions): ClfHead | string {
  let start = 0;
  const first = line.charCodeAt(start);
  if (!isDigit(first) && first !== 34 /* " */) start = syslogPrefix(line).payloadStart;
  const bracket = line.indexOf(' [', start);
  if (bracket < 0) return 'not-clf';
  // user and ident are the last two tokens before the bracket.
  const userStart = line.lastIndexOf(' ', bracket - 1) + 1;
  if (userStart <= start) return 'not-clf';
  let identStart = line.lastIndexOf(' ', userStart - 2) + 1;
  const user = line.slice(userStart, bracket);
  let ident = '-';
  if (identStart <= start) {
    // `address user [time]`: some hand-written formats drop the ident slot.
    identStart = userStart;
  } else {
    ident = line.slice(identStart, userStart - 1);
  }
  record.consumer = identityOrNull(user);
  const addressEnd = identStart - 1;
  if (addressEnd <= start) return 'not-clf';
  readAddressSlot(line, start, addressEnd, record);

  const timeStart = bracket + 2;
  let timeHasZone = true;
  let timeEnd: number;
  const clfTime = scanClfTime(line, timeStart);
  if (!Number.isNaN(clfTime.timeMs) && clfTime.hasOffset) {
    record.timeMs = clfTime.timeMs;
    timeEnd = clfTime.end;
  } else {
    const isoTime = scanIsoTime(line, timeStart);
    // `[error]`, `[Fri Oct 08 …]`: an error-log line, not a CLF line with a broken date.
    if (Number.isNaN(isoTime.timeMs)) return isDigit(line.charCodeAt(timeStart)) ? 'bad-timestamp' : 'not-clf';
    record.timeMs = isoTime.timeMs;
    timeHasZone = isoTime.hasZone;
    timeEnd = isoTime.end;
  }
  if (line.charCodeAt(timeEnd) !== 93 /* ] */) return 'bad-timestamp';

  const requestStart = skipSpaces(line, timeEnd + 1);
  const request = readQuoted(line, requestStart);
  if (request === null) return line.charCodeAt(requestStart) === 34 ? 'unterminated-quote' : 'not-clf';
  let target: string | null = null;
  const requestLine = splitRequestLine(request.value);
  if (requestLine !== null) {
    target = requestLine.target;
    const split = splitTarget(requestLine.target);
    record.method = requestLine.method;
    record.path = split.path;
    record.query = split.query;
    if (requestLine.protocol !== null && isInvalidHttpVersion(requestLine.protocol)) record.invalidProtocol = requestLine.protocol;
    if (record.host === null) record.host = split.host;
  }

  if (line.charCodeAt(request.end) !== 32) return 'not-clf';
  const statusStart = request.end + 1;
  const statusEnd = tokenEnd(line, statusStart);
  const statusText = line.slice(statusStart, statusEnd);
  if (statusText !== '-' && intOrNull(statusText) === null) return 'bad-status';
  record.status = statusOrNull(statusText);
  const bytesStart = statusEnd + 1;
  if (bytesStart > line.length) return 'not-clf';
  const bytesEnd = tokenEnd(line, bytesStart);
  if (bytesEnd - bytesStart === 1 && line.charCodeAt(bytesStart) === 45) {
    record.bytesSent = options.bytesDashMeans;
  } else {
    const bytes = intOrNull(line, bytesStart, bytesEnd);
    if (bytes === null || bytes < 0) return 'bad-bytes';
    record.bytesSent = bytes;
  }
  return { end: bytesEnd, ident: identityOrNull(ident), target, timeHasZone };
}

/** Sets client (and host for a vhost prefix) from `line[start, end)`, the slot(s) before ident. */
function readAddressSlot(line: string, start: number, end: number, record: LogRecord): void {
  if (line.charCodeAt(start) === 34) {
    // A quoted X-Forwarded-For list written before $remote_addr.
    const close = line.indexOf('"', start + 1);
    if (close > start && close < end) {
      record.client = cleanClientAddress(line.slice(start + 1, close)) ?? cleanClientAddress(line.slice(close + 1, end));
      return;
    }
  }
  // The first word ends at a space not preceded by a comma (`a, b` is one word).
  let firstWordEnd = -1;
  let i = start;
  for (;;) {
    const space = line.indexOf(' ', i);
    if (space < 0 || space >= end) break;
    if (line.charCodeAt(space - 1) !== 44 /* , */) {
      firstWordEnd = space;
      break;
    }
    i = space + 1;
  }
  if (firstWordEnd < 0) {
    record.client = cleanClientAddress(line.slice(start, end));
    return;
  }
  const firstWord = line.slice(start, firstWordEnd);
  if (firstWord.indexOf(',') >= 0) {
    record.client = cleanClientAddress(firstWord);
    return;
  }
  record.host = firstWord === '-' ? null : firstWord;
  record.client = cleanClientAddress(line.slice(firstWordEnd + 1, end));
}

/** Skip reason of a line whose quoted field never closes. */
export const UNTERMINATED_QUOTE = 'unterminated-quote';
/** Truncation reasons of a combined line cut inside its referer or user agent (the record is kept). */
export const REFERER_CUT = 'referer-cut';
export const USER_AGENT_CUT = 'user-agent-cut';

/** What was written of a quoted field cut by the end of the line (null when nothing or `-`). */
function cutValue(line: string, start: number): string | null {
  const value = line.slice(start);
  return value.length === 0 || value === '-' ? null : value;
}

/**
 * Reads the optional `"referer" "user agent"` pair at `start` (a space). Returns the index after it.
 * With `lastFieldsMayBeCut` (formats where the pair ends the line), a line cut inside the referer
 * or the user agent is still a record: the field keeps what was written of it and
 * `record.truncated` says which field was cut. Without it such a line is `unterminated-quote`.
 */
export function readCombinedTail(line: string, start: number, record: LogRecord, lastFieldsMayBeCut = false): number | string {
  if (line.charCodeAt(start) !== 32 || line.charCodeAt(start + 1) !== 34) return start;
  const referer = readQuoted(line, start + 1);
  if (referer === null) {
    if (!lastFieldsMayBeCut) return UNTERMINATED_QUOTE;
    record.referer = cutValue(line, start + 2);
    record.truncated = REFERER_CUT;
    return line.length;
  }
  record.referer = referer.value === '-' || referer.value.length === 0 ? null : referer.value;
  if (line.charCodeAt(referer.end) !== 32 || line.charCodeAt(referer.end + 1) !== 34) return referer.end;
  const userAgent = readQuoted(line, referer.end + 1);
  if (userAgent === null) {
    if (!lastFieldsMayBeCut) return UNTERMINATED_QUOTE;
    record.userAgent = cutValue(line, referer.end + 2);
    record.truncated = USER_AGENT_CUT;
    return line.length;
  }
  record.userAgent = userAgent.value === '-' || userAgent.value.length === 0 ? null : userAgent.value;
  return userAgent.end;
}
