// One address that changes its User-Agent on nearly every request: a DoS or scraping tool
// rotating agents to dodge per-agent limits (mhddos does; CrowdSec hub scenario
// crowdsecurity/http-dos-switching-ua alerts on 10 distinct agents from one address in a bucket
// that drains one every 8 s). A person keeps one browser; a NAT of many people repeats each
// agent for a page and its assets, so the distinct agents must also be most of the requests.
import type { LogRecord } from '../../types.js';
import { ClientStates, type Sighting } from './client-state.js';
import { keptString } from './kept-string.js';
import { endpointKey } from '../../normalize/endpoint-key.js';
import { formatCount } from '../../text/format-values.js';
import { BURST_SPAN_MS, burstCandidate, noteBurst, spanText, type BurstLine, type ClientBurst } from './client-burst.js';
import type { WindowCandidate } from '../window-candidate.js';

/** Distinct agents from one address within BURST_SPAN_MS that make a rotation… */
export const MIN_ROTATING_AGENTS = 10;
/** …when they are at least this share of its requests in the span (a NAT repeats each agent). */
export const MIN_AGENT_SHARE = 0.5;
/** Agents told apart (interned once each); past it a new agent is not counted (rotation is undercounted, never invented). */
const MAX_AGENTS = 50_000;
/** Sightings kept per client: enough to see MIN_ROTATING_AGENTS and more. */
const MAX_SIGHTINGS = 2 * MIN_ROTATING_AGENTS;

export class AgentRotationTracker {
  private readonly agents = new Map<string, string>();
  private readonly bursts = new Map<string, ClientBurst>();

  /** `clients`: shared with the other trackers of the scan (one lookup of the client per request). */
  constructor(private readonly clients: ClientStates = new ClientStates()) {}

  observe(record: LogRecord): void {
    const state = this.clients.of(record.client ?? '(unknown)');
    if (state === undefined) return;
    const raw = record.userAgent ?? '';
    const known = state.agent;
    if (known === null) {
      const agent = this.intern(raw);
      if (agent !== null) {
        state.agent = agent;
        state.lastMs = record.timeMs;
        state.lastLine = record.source.line;
        state.lastFile = record.source.file;
      }
      return;
    }
    // Most requests: the same agent as the client's last, which has never changed.
    const same = raw === known;
    if (same && state.sightings === null) {
      state.lastMs = record.timeMs;
      state.lastLine = record.source.line;
      state.lastFile = record.source.file;
      return;
    }
    const client = state.client;
    const line = (): BurstLine => ({ timeMs: record.timeMs, source: record.source, endpoint: endpointKey(record), userAgent: known, noted: false });
    if (same) {
      state.sightings![state.sightings!.length - 1]!.requests++;
      if (record.timeMs <= state.burstUntil) noteBurst(this.bursts, client, [line()], 0);
      return;
    }
    const agent = this.intern(raw);
    if (agent === null) return;
    // The agent it sent until now is the first sighting (its last request, when it was sent).
    const first: Sighting = { agent: known, line: { timeMs: state.lastMs, source: { file: state.lastFile, line: state.lastLine }, endpoint: null, userAgent: known, noted: false }, requests: 1 };
    const sightings = (state.sightings ??= [first]);
    state.agent = agent;
    // The span: sightings of the last BURST_SPAN_MS; an agent seen again in it is no new sighting.
    while (sightings.length > 0 && record.timeMs - sightings[0]!.line.timeMs > BURST_SPAN_MS) sightings.shift();
    const seen = sightings.find((s) => s.agent === agent);
    const current = line();
    if (seen !== undefined) seen.requests++;
    else {
      if (sightings.length >= MAX_SIGHTINGS) sightings.shift();
      sightings.push({ agent, line: current, requests: 1 });
    }
    const requests = sightings.reduce((n, s) => n + s.requests, 0);
    if (sightings.length >= MIN_ROTATING_AGENTS && sightings.length >= MIN_AGENT_SHARE * requests) {
      const lines = sightings.map((s) => s.line);
      noteBurst(this.bursts, client, seen === undefined ? lines : [...lines, current], sightings.length);
      state.burstUntil = record.timeMs + BURST_SPAN_MS;
    } else if (record.timeMs <= state.burstUntil) noteBurst(this.bursts, client, [current], 0);
  }

  private intern(raw: string): string | null {
    const known = this.agents.get(raw);
    if (known !== undefined) return known;
    if (this.agents.size >= MAX_AGENTS) return null;
    const copy = keptString(raw);
    this.agents.set(copy, copy);
    return copy;
  }

  /** How many addresses sent each agent last (one reading per client at the end, nothing per request): how common an agent is. */
  clientsPerAgent(): Map<string, number> {
    const out = new Map<string, number>();
    for (const { agent } of this.clients.values()) if (agent !== null) out.set(agent, (out.get(agent) ?? 0) + 1);
    return out;
  }

  /** One candidate per rotating address, in address order. */
  candidates(windowMs: number): WindowCandidate[] {
    return [...this.bursts.values()]
      .sort((a, b) => (a.client < b.client ? -1 : 1))
      .map((burst) => {
        const text = `${formatCount(burst.peak)} different User-Agents ${spanText(burst.peakFirst, burst.peakLast)} from one address: a tool switching its agent on nearly every request`;
        // 10 agents in a minute scores 62 (medium); each doubling adds 6.
        const score = Math.min(80, 62 + 6 * Math.log2(burst.peak / MIN_ROTATING_AGENTS));
        return burstCandidate(burst, { kind: 'volumetric', feature: 'agent_rotation', text, unit: 'agents', score }, windowMs);
      });
  }
}
