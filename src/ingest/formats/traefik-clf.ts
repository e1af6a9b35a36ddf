import type { LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { readCombinedTail, scanClfHead } from './common/clf-line.js';
import { dashToNull, scaledDecimalOrNull } from './common/fields.js';
import { newRecord } from './common/record.js';
import { nextTailToken } from './common/tail-tokens.js';

/**
 * Traefik's last field: integer ms with a literal `ms` (`42ms`); versions before
 * 2016 wrote Go durations (`6.45837ms`, `1.053089843s`, `850µs`).
 */
export function goDurationToMs(s: string): number | null {
  let unitStart = s.length;
  while (unitStart > 0) {
    const c = s.charCodeAt(unitStart - 1);
    if ((c >= 48 && c <= 57) || c === 46) break;
    unitStart--;
  }
  const unit = s.slice(unitStart);
  const power = unit === 'ms' ? 0 : unit === 's' ? 3 : unit === 'µs' || unit === 'us' ? -3 : unit === 'ns' ? -6 : null;
  if (power === null) return null;
  return scaledDecimalOrNull(s, power, 0, unitStart);
}

function parseTraefikClfLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const record = newRecord(source);
  // Traefik writes `-` for a status or size it does not know (not "zero bytes").
  const head = scanClfHead(line, record, { bytesDashMeans: null });
  if (typeof head === 'string') return head === 'not-clf' ? 'not-traefik-clf' : head;
  const tailStart = readCombinedTail(line, head.end, record);
  if (typeof tailStart === 'string') return tailStart;
  const requestCount = nextTailToken(line, tailStart);
  const router = requestCount === null ? null : nextTailToken(line, requestCount.end);
  const serverUrl = router === null ? null : nextTailToken(line, router.end);
  const duration = serverUrl === null ? null : nextTailToken(line, serverUrl.end);
  if (router === null || serverUrl === null || duration === null || !router.quoted || !serverUrl.quoted) {
    return 'not-traefik-clf';
  }
  record.upstream = dashToNull(serverUrl.value);
  record.durationMs = goDurationToMs(duration.value);
  return record;
}

const TRAEFIK_TAIL = /" \d+ "[^"]*" "[^"]*" [\d.]+(ms|s|µs|us|ns)\s*$/;

export const traefikClfFormat: LogFormat = {
  id: 'traefik-clf',
  description: 'Traefik v2/v3 access log, `common` format (combined + request count, "router", "server URL", duration ms)',
  fields: {
    timeMs: '[timestamp] (CLF, offset honoured)',
    client: 'remote address',
    method: '"request" first token',
    path: '"request" target up to ?',
    query: '"request" target after ?',
    status: 'status (- → null)',
    bytesSent: 'content length (- → null: not set)',
    durationMs: 'last field NNNms (Go duration units also read)',
    userAgent: '"User-Agent"',
    referer: '"Referer"',
    consumer: 'user name',
    upstream: '"server URL" (`http://10.0.0.3:80`)',
  },
  detect(line: string): number {
    if (!TRAEFIK_TAIL.test(line)) return 0;
    return typeof parseTraefikClfLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseTraefikClfLine };
  },
};
