import { monthFromAbbrev } from './clf-time.js';
import { scanIsoTime } from './iso-time.js';

/** Where a syslog-wrapped payload starts and what the header said about the time zone. */
export interface SyslogPrefix {
  /** Index of the payload (0 when the line has no syslog header). */
  payloadStart: number;
  /** UTC offset in ms from an RFC 5424 timestamp, null when unknown (RFC 3164 has none). */
  offsetMs: number | null;
}

const NO_PREFIX: SyslogPrefix = { payloadStart: 0, offsetMs: null };

/**
 * Recognises an RFC 3164 header `Mmm dd HH:MM:SS host tag[pid]: ` (day space-padded;
 * a bare `tag[pid]: ` is accepted too) or an RFC 5424 header
 * `<pri>1 timestamp host app procid msgid sd ` in front of an access-log line.
 */
export function syslogPrefix(line: string): SyslogPrefix {
  const first = line.charCodeAt(0);
  if (first === 60 /* < */) return rfc5424Prefix(line);
  let i = 0;
  if (monthFromAbbrev(line, 0) !== 0 && line.charCodeAt(3) === 32 && line.charCodeAt(9) === 58 && line.charCodeAt(12) === 58) {
    // `Feb  6 12:14:14 ` then the host name.
    const hostStart = 16;
    const hostEnd = line.indexOf(' ', hostStart);
    if (hostEnd < 0) return NO_PREFIX;
    i = hostEnd + 1;
  }
  // The tag: `haproxy[14389]: ` or `nginx: `, one token ending in a colon.
  const space = line.indexOf(' ', i);
  const colon = space - 1;
  if (colon <= i || line.charCodeAt(colon) !== 58) return NO_PREFIX;
  for (let j = i; j < colon; j++) {
    const c = line.charCodeAt(j);
    const isTagChar = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46 || c === 47 || c === 91 || c === 93;
    if (!isTagChar) return NO_PREFIX;
  }
  if (i === 0 && line.charCodeAt(colon - 1) !== 93 /* ] */) return NO_PREFIX;
  return { payloadStart: colon + 2, offsetMs: null };
}

function rfc5424Prefix(line: string): SyslogPrefix {
  const close = line.indexOf('>');
  if (close < 2 || close > 4 || line.charCodeAt(close + 1) !== 49 || line.charCodeAt(close + 2) !== 32) return NO_PREFIX;
  const timeStart = close + 3;
  let offsetMs: number | null = null;
  const time = scanIsoTime(line, timeStart);
  if (!Number.isNaN(time.timeMs) && time.hasZone) offsetMs = zoneOffsetMs(line, timeStart, time.end);
  // Skip timestamp, hostname, app-name, procid, msgid: five space-separated tokens.
  let i = timeStart;
  for (let token = 0; token < 5; token++) {
    const space = line.indexOf(' ', i);
    if (space < 0) return NO_PREFIX;
    i = space + 1;
  }
  // Structured data: `-` or one or more `[…]` blocks.
  if (line.charCodeAt(i) === 45 && line.charCodeAt(i + 1) === 32) return { payloadStart: i + 2, offsetMs };
  while (line.charCodeAt(i) === 91) {
    const end = line.indexOf(']', i);
    if (end < 0) return NO_PREFIX;
    i = end + 1;
  }
  if (line.charCodeAt(i) === 32) i++;
  return { payloadStart: i, offsetMs };
}

/** Offset of an ISO zone `Z`, `+02:00`, `-0700` that ends at `end`. */
function zoneOffsetMs(line: string, timeStart: number, end: number): number {
  if (line.charCodeAt(end - 1) === 90) return 0;
  let j = end - 1;
  while (j > timeStart && line.charCodeAt(j) !== 43 && line.charCodeAt(j) !== 45) j--;
  const digits = line.slice(j + 1, end).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2, 4));
  return (hours * 60 + minutes) * 60_000 * (line.charCodeAt(j) === 45 ? -1 : 1);
}
