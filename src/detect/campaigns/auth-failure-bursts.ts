// One address refused authentication again and again within a minute: credentials being guessed
// (or a script with a wrong password that will not stop). The hub scenario
// LePresidente/http-generic-401-bf alerts on more than 5 answers 401 to one address in a bucket
// that drains one every 10 s. 401 only: it is the server saying "these credentials are wrong"
// (403 is "not for you", which a directory or a WAF answers to everyone).
import type { LogRecord } from '../../types.js';
import { keptString } from './kept-string.js';
import { endpointKey } from '../../normalize/endpoint-key.js';
import { formatCount } from '../../text/format-values.js';
import { BURST_SPAN_MS, burstCandidate, noteBurst, spanText, type BurstLine, type ClientBurst } from './client-burst.js';
import type { WindowCandidate } from '../window-candidate.js';

/** 401 answers to one address within BURST_SPAN_MS that make repeated failed authentication. */
export const MIN_AUTH_FAILURES_IN_SPAN = 6;
/**
 * WebDAV and CalDAV clients are challenged on these before they send credentials (CrowdSec leaves
 * them out too): a calendar sync is a run of 401s that fails nothing.
 */
const CHALLENGED_METHODS: ReadonlySet<string> = new Set(['OPTIONS', 'PROPFIND', 'REPORT']);
/** Addresses followed, and 401s kept per address (the latest). */
const MAX_CLIENTS = 50_000;
const MAX_SPAN_LINES = 64;

export class AuthFailureTracker {
  private readonly spans = new Map<string, BurstLine[]>();
  private readonly bursts = new Map<string, ClientBurst>();

  observe(record: LogRecord): void {
    if (record.status !== 401 || (record.method !== null && CHALLENGED_METHODS.has(record.method))) return;
    const client = record.client ?? '(unknown)';
    let span = this.spans.get(client);
    if (span === undefined) {
      if (this.spans.size >= MAX_CLIENTS) return;
      span = [];
      this.spans.set(keptString(client), span);
    }
    span.push({ timeMs: record.timeMs, source: record.source, endpoint: endpointKey(record), userAgent: record.userAgent === null ? null : keptString(record.userAgent.slice(0, 200)), noted: false });
    while (span.length > MAX_SPAN_LINES || record.timeMs - span[0]!.timeMs > BURST_SPAN_MS) span.shift();
    if (span.length >= MIN_AUTH_FAILURES_IN_SPAN) noteBurst(this.bursts, client, span, span.length);
  }

  /** One candidate per address, in address order. */
  candidates(windowMs: number): WindowCandidate[] {
    return [...this.bursts.values()]
      .sort((a, b) => (a.client < b.client ? -1 : 1))
      .map((burst) => {
        const text = `repeated failed authentication: ${formatCount(burst.peak)} requests answered 401 ${spanText(burst.peakFirst, burst.peakLast)} from one address`;
        // 6 in a minute scores 62 (medium); each doubling adds 6.
        const score = Math.min(80, 62 + 6 * Math.log2(burst.peak / MIN_AUTH_FAILURES_IN_SPAN));
        const candidate = burstCandidate(burst, { kind: 'credential_attack', feature: 'auth_failure_burst', text, unit: 'requests', score }, windowMs);
        // Every line a burst claims was answered 401: counted, they join the client's other windows' failures.
        const claims = candidate.claims!.map((c) => ({ ...c, authFailures: c.requests }));
        return { ...candidate, claims, authFailures: claims.reduce((n, c) => n + c.requests, 0) };
      });
  }
}
