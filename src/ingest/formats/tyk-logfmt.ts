import type { FormatOptions, LineParser, LogFormat, LogRecord, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { readDigits, utcMs } from './common/civil-time.js';
import { monthFromAbbrev } from './common/clf-time.js';
import { dashToNull, identityOrNull, msOrNull, statusOrNull } from './common/fields.js';
import { readQuoted } from './common/quoted.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';

/** `Jan 29 08:27:09` (logrus text, no year) → epoch ms UTC in `year`; NaN when invalid. */
export function parseYearlessTime(s: string, year: number): number {
  const month = monthFromAbbrev(s, 0);
  if (month === 0 || s.length !== 15 || s.charCodeAt(3) !== 32) return NaN;
  // Day of month may be space-padded (`Feb  6`).
  const day = s.charCodeAt(4) === 32 ? readDigits(s, 5, 1) : readDigits(s, 4, 2);
  const hour = readDigits(s, 7, 2);
  const minute = readDigits(s, 10, 2);
  const second = readDigits(s, 13, 2);
  if (day < 0 || hour < 0 || minute < 0 || second < 0) return NaN;
  return utcMs(year, month, day, hour, minute, second, 0);
}

/** Calls `onPair` for each `key=value` / `key="quoted value"` of a logfmt line; false when the line is not logfmt. */
function scanLogfmt(line: string, onPair: (key: string, value: string) => void): boolean {
  let pos = 0;
  while (pos < line.length) {
    while (line.charCodeAt(pos) === 32) pos++;
    if (pos >= line.length) break;
    const equals = line.indexOf('=', pos);
    if (equals <= pos) return false;
    const key = line.slice(pos, equals);
    if (key.indexOf(' ') >= 0) return false;
    if (line.charCodeAt(equals + 1) === 34) {
      const quoted = readQuoted(line, equals + 1);
      if (quoted === null) return false;
      onPair(key, quoted.value);
      pos = quoted.end;
    } else {
      let end = line.indexOf(' ', equals + 1);
      if (end < 0) end = line.length;
      onPair(key, line.slice(equals + 1, end));
      pos = end;
    }
  }
  return true;
}

function createTykParser(options: FormatOptions): LineParser {
  const year = options.defaultYear ?? new Date().getUTCFullYear();
  return {
    parse(line: string, source: SourceRef): ParseOutcome {
      if (line.length === 0) return 'blank';
      const record: LogRecord = newRecord(source);
      let prefix: string | null = null;
      let time = '';
      let remoteAddress: string | null = null;
      const isLogfmt = scanLogfmt(line, (key, value) => {
        switch (key) {
          case 'prefix': prefix = value; break;
          case 'time': time = value; break;
          case 'client_ip': record.client = cleanClientAddress(value); break;
          case 'remote_addr': remoteAddress = value; break;
          case 'method': record.method = dashToNull(value)?.toUpperCase() ?? null; break;
          case 'path': {
            const target = splitTarget(value);
            record.path = target.path;
            record.query = target.query;
            break;
          }
          case 'host': record.host = dashToNull(value); break;
          case 'status': record.status = statusOrNull(value); break;
          case 'latency_total': record.durationMs = msOrNull(value); break;
          case 'upstream_addr': record.upstream = dashToNull(value); break;
          case 'user_agent': record.userAgent = dashToNull(value); break;
          // Tyk logs the key obfuscated or hashed: an identity, not a secret.
          case 'api_key': record.consumer = identityOrNull(value); break;
        }
      });
      if (!isLogfmt) return 'not-tyk-logfmt';
      if (prefix !== 'access-log') return 'not-access-log';
      record.timeMs = parseYearlessTime(time, year);
      if (Number.isNaN(record.timeMs)) return 'bad-timestamp';
      if (record.client === null && remoteAddress !== null) record.client = cleanClientAddress(remoteAddress);
      if (record.method === null) {
        record.path = null;
        record.query = null;
      }
      return record;
    },
  };
}

export const tykLogfmtFormat: LogFormat = {
  id: 'tyk-logfmt',
  description: 'Tyk Gateway access log (logrus key=value text, prefix=access-log)',
  fields: {
    timeMs: 'time ("Jan 29 08:27:09": no year in the log, taken from --year / file mtime; read as UTC)',
    client: 'client_ip, else remote_addr without the port',
    method: 'method',
    path: 'path up to ?',
    query: 'path after ?',
    status: 'status',
    durationMs: 'latency_total (ms)',
    userAgent: 'user_agent',
    consumer: 'api_key (obfuscated / hashed by Tyk)',
    host: 'host',
    upstream: 'upstream_addr',
  },
  detect(line: string): number {
    if (!line.startsWith('time="') || line.indexOf(' prefix=access-log') < 0) return 0;
    return line.indexOf(' api_id=') >= 0 ? 1 : 0.8;
  },
  createParser(options: FormatOptions): LineParser {
    return createTykParser(options);
  },
};
