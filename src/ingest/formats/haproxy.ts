import type { LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { scanClfTime } from './common/clf-time.js';
import { msOrNull, nonNegativeIntOrNull, statusOrNull } from './common/fields.js';
import { readQuoted, tokenEnd } from './common/quoted.js';
import { newRecord } from './common/record.js';
import { applyRequestLine } from './common/request-fields.js';
import { syslogPrefix } from './common/syslog-prefix.js';

/**
 * `option httplog`: `client:port [dd/Mon/yyyy:HH:MM:SS.mmm] frontend backend/server
 * TR/Tw/Tc/Tr/Ta status bytes cookie cookie termination conns queues [{req hdrs}]
 * [{resp hdrs}] "request"`, with or without an RFC 3164/5424 syslog header.
 */
function parseHaproxyLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const prefix = syslogPrefix(line);
  let pos = prefix.payloadStart;
  const record = newRecord(source);

  const clientEnd = tokenEnd(line, pos);
  if (line.charCodeAt(clientEnd + 1) !== 91 /* [ */) return 'not-haproxy';
  record.client = cleanClientAddress(line.slice(pos, clientEnd), { withPort: true });

  // Local time without a zone: use the RFC 5424 header's offset when there is one, else read as UTC.
  const time = scanClfTime(line, clientEnd + 2);
  if (Number.isNaN(time.timeMs) || line.charCodeAt(time.end) !== 93) return 'bad-timestamp';
  record.timeMs = time.hasOffset || prefix.offsetMs === null ? time.timeMs : time.timeMs - prefix.offsetMs;
  pos = time.end + 2;

  const frontendEnd = tokenEnd(line, pos);
  const backendStart = frontendEnd + 1;
  const backendEnd = tokenEnd(line, backendStart);
  const slash = line.indexOf('/', backendStart);
  if (slash < 0 || slash > backendEnd) return 'not-haproxy';
  const server = line.slice(slash + 1, backendEnd);
  record.upstream = server === '<NOSRV>' || server === '-' ? null : line.slice(backendStart, backendEnd);

  const timersStart = backendEnd + 1;
  const timersEnd = tokenEnd(line, timersStart);
  const lastSlash = line.lastIndexOf('/', timersEnd);
  if (lastSlash < timersStart) return 'not-haproxy';
  // Ta (1.x: Tt) is the total; -1 means the request never completed.
  record.durationMs = msOrNull(line, lastSlash + 1, timersEnd);

  const statusStart = timersEnd + 1;
  const statusEnd = tokenEnd(line, statusStart);
  record.status = statusOrNull(line, statusStart, statusEnd);
  const bytesStart = statusEnd + 1;
  const bytesEnd = tokenEnd(line, bytesStart);
  record.bytesSent = nonNegativeIntOrNull(line, bytesStart, bytesEnd);

  // The request is the last field; captured headers before it may contain anything but `"`.
  const quote = line.indexOf('"', bytesEnd);
  if (quote < 0) return 'not-haproxy';
  const request = readQuoted(line, quote);
  if (request === null) return 'unterminated-quote';
  applyRequestLine(request.value, record);
  return record;
}

const HAPROXY_SHAPE = /\S+:\d+ \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d\.\d{3}\] \S+ \S+\/\S+ \+?-?\d+\/\+?-?\d+\//;

export const haproxyFormat: LogFormat = {
  id: 'haproxy',
  description: 'HAProxy `option httplog` (bare, or behind an RFC 3164 / RFC 5424 syslog header)',
  fields: {
    timeMs: '[accept date] (local time with ms; offset from an RFC 5424 header when present, else read as UTC)',
    client: 'client_ip:port without the port',
    method: '"request" first token (<BADREQ> → null)',
    path: '"request" target up to ? (absolute-form HTTP/2 URIs reduced)',
    query: '"request" target after ?',
    status: 'status_code (-1 → null)',
    bytesSent: 'bytes_read (to the client, incl. headers; + prefix allowed)',
    durationMs: 'Ta (1.x Tt), the last timer, ms (-1 → null, + prefix allowed)',
    host: 'host of an absolute-form or host-relative target',
    upstream: 'backend/server (<NOSRV> → null)',
  },
  detect(line: string): number {
    if (!HAPROXY_SHAPE.test(line)) return 0;
    return typeof parseHaproxyLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseHaproxyLine };
  },
};
