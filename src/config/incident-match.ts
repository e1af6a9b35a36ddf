import type { IncidentSelector, LogRecord } from '../types.js';
import { endpointKey } from '../normalize/endpoint-key.js';
import { parseLineRanges } from '../text/line-ranges.js';

/**
 * A selection's verdict on a record as read: in, out, or `maybe`: decided once the routes are
 * final (the record's route may still change its template before the end of the input).
 */
export type Verdict = 'in' | 'out' | 'maybe';

/** Decides which records `show` prints; `resolve` settles the `Maybe`s once every record was read. */
export interface RecordSelection {
  test(record: LogRecord): Verdict;
  resolve(record: LogRecord, canonicalRoute: (route: string) => string): boolean;
}

interface CompiledTerm {
  client: string | null;
  path: string | null;
  consumer: string | null;
  endpoint: string | null;
  /** Method of `endpoint`, to rule out most records before their route is settled. */
  method: string | null;
  startMs: number;
  endMs: number;
}

/**
 * The records an incident counted (see IncidentSelector). Client and consumer terms decide as
 * records are read; endpoint terms compare routes as the report names them, which are the
 * templates at the end of the input, so a record whose route may still be shortened waits.
 */
export class IncidentSelection implements RecordSelection {
  private readonly terms: CompiledTerm[];
  private readonly lines = new Map<string, Set<number>>();

  constructor(selector: IncidentSelector) {
    this.terms = selector.terms.map((term) => {
      const endpoint = term.endpoint ?? null;
      const space = endpoint === null ? -1 : endpoint.indexOf(' ');
      return {
        client: term.client ?? null,
        path: term.path ?? null,
        consumer: term.consumer ?? null,
        endpoint,
        method: endpoint === null || space < 0 ? null : endpoint.slice(0, space),
        startMs: Date.parse(term.start),
        endMs: Date.parse(term.end),
      };
    });
    for (const [file, ranges] of Object.entries(selector.lines ?? {})) this.lines.set(file, parseLineRanges(ranges));
  }

  test(record: LogRecord): Verdict {
    const lines = this.lines.get(record.source.file);
    if (lines !== undefined && lines.has(record.source.line)) return 'in';
    let verdict: Verdict = 'out';
    for (const term of this.terms) {
      if (record.timeMs < term.startMs || record.timeMs >= term.endMs) continue;
      if (term.client !== null && (record.client ?? '(unknown)') !== term.client) continue;
      if (term.consumer !== null && record.consumer !== term.consumer) continue;
      if (term.path !== null && record.path !== term.path) continue;
      if (term.endpoint !== null) {
        if (term.method !== null && record.method !== term.method) continue;
        if (endpointKey(record) === term.endpoint) return 'in';
        verdict = 'maybe';
        continue;
      }
      return 'in';
    }
    return verdict;
  }

  resolve(record: LogRecord, canonicalRoute: (route: string) => string): boolean {
    const route = record.route;
    const endpoint = record.method === null || route === null ? endpointKey(record) : `${record.method} ${route.startsWith('/') ? canonicalRoute(route) : route}`;
    return this.terms.some(
      (term) =>
        term.endpoint === endpoint &&
        record.timeMs >= term.startMs &&
        record.timeMs < term.endMs &&
        (term.client === null || (record.client ?? '(unknown)') === term.client) &&
        (term.path === null || record.path === term.path) &&
        (term.consumer === null || record.consumer === term.consumer),
    );
  }
}
