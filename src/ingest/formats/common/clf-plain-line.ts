import type { LogRecord, SourceRef } from '../../../types.js';
import { cleanClientAddress } from './client-address.js';
import { utcMs } from './civil-time.js';
import { monthFromAbbrev } from './clf-time.js';
import { identityOrNull } from './fields.js';
import { newRecord } from './record.js';

/**
 * The fast path of the CLF parser, for the shape nearly every nginx/Apache line
 * has: `address ident user [dd/Mon/yyyy:HH:MM:SS ±hhmm] "METHOD /target HTTP/x"
 * status bytes` and optionally `"referer" "user agent"`. It scans the line once
 * with `indexOf` and char codes and slices each field straight out of the line:
 * no intermediate request string, no result object per field.
 *
 * It fills the record exactly as the general scanner (`scanClfHead` +
 * `readCombinedTail`) would, and returns `null` the moment the line leaves
 * that shape (a backslash anywhere, a vhost or X-Forwarded-For list, a syslog
 * header, a fraction or missing offset in the time, an unusual method or
 * target, …) so the caller runs the general scanner instead. It returns the
 * record and the index where the trailing extras start (`extrasStart`), so the
 * caller reads those with the general code.
 */
export function scanPlainCombinedLine(line: string, source: SourceRef): PlainScan | null {
  const first = line.charCodeAt(0);
  if (first < 48 || first > 57) return null;
  // Backslash escapes change quoted values: leave them to readQuoted.
  if (line.indexOf('\\') >= 0) return null;

  // Exactly three tokens before the bracket: address ident user.
  const s1 = line.indexOf(' ');
  if (s1 <= 0) return null;
  const s2 = line.indexOf(' ', s1 + 1);
  if (s2 < 0) return null;
  const s3 = line.indexOf(' ', s2 + 1);
  if (s3 < 0 || line.charCodeAt(s3 + 1) !== 91 /* [ */) return null;
  if (line.charCodeAt(s1 + 1) === 91 || line.charCodeAt(s2 + 1) === 91) return null;

  // `dd/Mon/yyyy:HH:MM:SS ±hhmm]` at fixed offsets.
  const t = s3 + 2;
  if (line.charCodeAt(t + 2) !== 47 || line.charCodeAt(t + 6) !== 47 || line.charCodeAt(t + 11) !== 58) return null;
  if (line.charCodeAt(t + 14) !== 58 || line.charCodeAt(t + 17) !== 58 || line.charCodeAt(t + 20) !== 32) return null;
  if (line.charCodeAt(t + 26) !== 93 /* ] */ || line.charCodeAt(t + 27) !== 32 || line.charCodeAt(t + 28) !== 34) return null;
  const day = twoDigits(line, t);
  const month = monthFromAbbrev(line, t + 3);
  const century = twoDigits(line, t + 7);
  const yearOfCentury = twoDigits(line, t + 9);
  const hour = twoDigits(line, t + 12);
  const minute = twoDigits(line, t + 15);
  const second = twoDigits(line, t + 18);
  const sign = line.charCodeAt(t + 21);
  const offsetHours = twoDigits(line, t + 22);
  const offsetMinutes = twoDigits(line, t + 24);
  // Each part is -1 when not two digits: OR-ing them is negative when any is.
  if ((day | century | yearOfCentury | hour | minute | second | offsetHours | offsetMinutes) < 0 || month === 0) return null;
  const year = century * 100 + yearOfCentury;
  if ((sign !== 43 && sign !== 45) || offsetMinutes > 59) return null;
  const local = utcMs(year, month, day, hour, minute, second, 0);
  if (Number.isNaN(local)) return null;

  // "METHOD /path[?query] HTTP/x"
  const q = t + 28;
  const close = line.indexOf('"', q + 1);
  if (close < 0) return null;
  const methodEnd = line.indexOf(' ', q + 1);
  if (methodEnd < 0 || methodEnd >= close) return null;
  const method = knownMethod(line, q + 1, methodEnd);
  if (method === null) return null;
  const protocolSpace = line.lastIndexOf(' ', close - 1);
  if (protocolSpace <= methodEnd + 1 || !isHttpProtocol(line, protocolSpace + 1, close)) return null;
  const targetStart = methodEnd + 1;
  // Origin-form only; trim() in the general path would drop whitespace at either end.
  if (line.charCodeAt(targetStart) !== 47 /* / */ || !isVisibleAscii(line.charCodeAt(protocolSpace - 1))) return null;

  // ` status bytes`
  if (line.charCodeAt(close + 1) !== 32) return null;
  const statusStart = close + 2;
  const status = threeDigits(line, statusStart);
  if (status < 0 || line.charCodeAt(statusStart + 3) !== 32) return null;
  const bytesStart = statusStart + 4;
  let bytesEnd = line.indexOf(' ', bytesStart);
  if (bytesEnd < 0) bytesEnd = line.length;
  let bytes = 0;
  if (bytesEnd - bytesStart === 1 && line.charCodeAt(bytesStart) === 45) {
    bytes = 0; // Apache %b writes `-` for zero bytes.
  } else {
    if (bytesEnd === bytesStart || bytesEnd - bytesStart > 15) return null;
    for (let i = bytesStart; i < bytesEnd; i++) {
      const digit = line.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return null;
      bytes = bytes * 10 + digit;
    }
  }

  // Optional ` "referer" "user agent"`.
  let referer: string | null = null;
  let userAgent: string | null = null;
  let extrasStart = bytesEnd;
  if (line.charCodeAt(bytesEnd) === 32 && line.charCodeAt(bytesEnd + 1) === 34) {
    const refererClose = line.indexOf('"', bytesEnd + 2);
    if (refererClose < 0) return null;
    referer = dashOrEmptyToNull(line, bytesEnd + 2, refererClose);
    extrasStart = refererClose + 1;
    if (line.charCodeAt(extrasStart) === 32 && line.charCodeAt(extrasStart + 1) === 34) {
      const agentClose = line.indexOf('"', extrasStart + 2);
      if (agentClose < 0) return null;
      userAgent = dashOrEmptyToNull(line, extrasStart + 2, agentClose);
      extrasStart = agentClose + 1;
    }
  }

  const record = newRecord(source);
  const address = line.slice(0, s1);
  record.client = isDottedDigits(line, 0, s1) ? address : cleanClientAddress(address);
  record.consumer = identityOrNull(dashOrEmptyToNull(line, s2 + 1, s3));
  const offsetMs = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 45 ? -1 : 1);
  record.timeMs = local - offsetMs;
  record.method = method;
  const queryMark = line.indexOf('?', targetStart);
  if (queryMark >= 0 && queryMark < protocolSpace) {
    record.path = line.slice(targetStart, queryMark);
    record.query = line.slice(queryMark + 1, protocolSpace);
  } else {
    record.path = line.slice(targetStart, protocolSpace);
  }
  record.status = status > 0 ? status : null;
  record.bytesSent = bytes;
  record.referer = referer;
  record.userAgent = userAgent;
  return { record, extrasStart };
}

export interface PlainScan {
  record: LogRecord;
  /** Index just after the last field read (bytes, or the closing quote of referer / user agent). */
  extrasStart: number;
}

function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

function threeDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  const c = s.charCodeAt(i + 2) - 48;
  if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return -1;
  return a * 100 + b * 10 + c;
}

function isVisibleAscii(c: number): boolean {
  return c > 32 && c < 127;
}

function isDottedDigits(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return false;
  }
  return true;
}

/**
 * `HTTP/` and a real version (0.9, 1.0, 1.1, 2, 2.0, 3, 3.0), upper case only, up to `end`. Other
 * spellings, and versions that do not exist (`HTTP/1.2`, which the general path notes), take the general path.
 */
function isHttpProtocol(s: string, start: number, end: number): boolean {
  const length = end - start;
  if (length !== 8 && length !== 6) return false;
  if (!(s.charCodeAt(start) === 72 && s.charCodeAt(start + 1) === 84 && s.charCodeAt(start + 2) === 84 && s.charCodeAt(start + 3) === 80 && s.charCodeAt(start + 4) === 47)) return false;
  const major = s.charCodeAt(start + 5);
  if (length === 6) return major === 50 || major === 51;
  if (s.charCodeAt(start + 6) !== 46) return false;
  const minor = s.charCodeAt(start + 7);
  return major === 49 ? minor === 48 || minor === 49 : major === 50 || major === 51 ? minor === 48 : major === 48 && minor === 57;
}

/** The common upper-case methods as shared constant strings (cheap to hash and compare downstream); null for anything else. */
function knownMethod(s: string, start: number, end: number): string | null {
  switch (end - start) {
    case 3:
      if (s.startsWith('GET', start)) return 'GET';
      if (s.startsWith('PUT', start)) return 'PUT';
      return null;
    case 4:
      if (s.startsWith('POST', start)) return 'POST';
      if (s.startsWith('HEAD', start)) return 'HEAD';
      return null;
    case 5:
      return s.startsWith('PATCH', start) ? 'PATCH' : null;
    case 6:
      return s.startsWith('DELETE', start) ? 'DELETE' : null;
    case 7:
      return s.startsWith('OPTIONS', start) ? 'OPTIONS' : null;
    default:
      return null;
  }
}

function dashOrEmptyToNull(s: string, start: number, end: number): string | null {
  if (end === start || (end - start === 1 && s.charCodeAt(start) === 45)) return null;
  return s.slice(start, end);
}
