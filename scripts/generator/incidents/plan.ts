// What a planted incident is, and the helpers every planter shares.
import { composeRequest, type Requester } from '../compose.js';
import type { EndpointSpec } from '../catalog.js';
import type { Actor, Population } from '../population.js';
import { HOSTING_FIRST_OCTETS, hostIn, randomNetwork } from '../population.js';
import type { Consumer, GeneratedRequest } from '../request.js';
import type { Rng } from '../random.js';

export const PLANTED_KINDS = [
  'credential_attack', 'enumeration', 'scanner', 'volumetric', 'error_spike', 'latency_regression',
  'data_exfiltration', 'new_endpoint', 'injection', 'key_misuse', 'tampering', 'traffic_drop',
] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

export interface PlantContext {
  population: Population;
  /** Expected clean requests per minute on an endpoint ("METHOD /route") at an instant. */
  expectedPerMinute(endpoint: string, timeMs: number): number;
  /** Multiplies absolute sizes (ids walked, paths scanned, writes) for small fixtures. */
  scale: number;
  /** End of the generated period (a new endpoint keeps serving until then). */
  periodEndMs: number;
}

export interface Slot {
  startMs: number;
  /** Longest the incident may last without running into the next slot. */
  maxDurationMs: number;
}

export interface IncidentPlan {
  kind: PlantedKind;
  startMs: number;
  endMs: number;
  clients: string[];
  consumers: Consumer[];
  endpoint: string | null;
  description: string;
  consumerFormatsOnly: boolean;
  /** Requests the incident adds in [fromMs, toMs) (called once per minute, in order). */
  emit?(fromMs: number, toMs: number, rng: Rng): GeneratedRequest[];
  /** Changes a clean request inside [startMs, endMs); null drops it. */
  alter?(request: GeneratedRequest, rng: Rng): GeneratedRequest | null;
}

export type Planner = (rng: Rng, slot: Slot, context: PlantContext) => IncidentPlan;

export const MINUTE = 60_000;

export function endpointName(spec: Pick<EndpointSpec, 'method' | 'route'>): string {
  return `${spec.method} ${spec.route}`;
}

/** Duration between min and max minutes (log-uniform), never past the slot. */
export function drawDuration(rng: Rng, minMinutes: number, maxMinutes: number, slot: Slot): number {
  const wanted = rng.logUniform(minMinutes, maxMinutes) * MINUTE;
  return Math.max(2 * MINUTE, Math.min(wanted, slot.maxDurationMs));
}

/**
 * Emits requests at `perMinute(t)` (Poisson) inside [startMs, endMs); `make` is called in time
 * order so planters can walk ids sequentially.
 */
export function ratedEmitter(
  startMs: number,
  endMs: number,
  perMinute: (timeMs: number) => number,
  make: (timeMs: number, rng: Rng) => GeneratedRequest | null,
): (fromMs: number, toMs: number, rng: Rng) => GeneratedRequest[] {
  return (fromMs, toMs, rng) => {
    const from = Math.max(fromMs, startMs);
    const to = Math.min(toMs, endMs);
    if (to <= from) return [];
    const count = rng.poisson((perMinute(from) * (to - from)) / MINUTE);
    const times = Array.from({ length: count }, () => from + rng.next() * (to - from)).sort((a, b) => a - b);
    const out: GeneratedRequest[] = [];
    for (const t of times) {
      const request = make(Math.floor(t), rng);
      if (request) out.push(request);
    }
    return out;
  };
}

export function combineEmitters(
  ...emitters: Array<(fromMs: number, toMs: number, rng: Rng) => GeneratedRequest[]>
): (fromMs: number, toMs: number, rng: Rng) => GeneratedRequest[] {
  return (fromMs, toMs, rng) => emitters.flatMap((emit) => emit(fromMs, toMs, rng));
}

export function asRequester(actor: Actor, rng: Rng): Requester {
  return { client: rng.pick(actor.ips), userAgent: actor.userAgent, consumer: actor.consumer, browser: actor.kind === 'browser' };
}

/**
 * An attacker: half the time an ordinary client of the site (it has history and normal
 * traffic), otherwise a fresh address in a hosting network with a tool's agent.
 */
export function pickAttacker(rng: Rng, population: Population, toolAgents: readonly string[]): { requester: Requester; actor: Actor | null } {
  if (rng.chance(0.5)) {
    const browsers = population.browsers;
    const actor = browsers[rng.int(Math.floor(browsers.length / 4), browsers.length - 1)] as Actor;
    return { requester: asRequester(actor, rng), actor };
  }
  const client = hostIn(randomNetwork(rng, HOSTING_FIRST_OCTETS), rng);
  return { requester: { client, userAgent: rng.pick(toolAgents), consumer: null, browser: false }, actor: null };
}

/** Ordinary requests from an attacker during its attack, so it is not only attack traffic. */
export function normalTrafficFrom(requester: Requester, actor: Actor | null, population: Population, startMs: number, endMs: number, perMinute: number) {
  const routes = actor?.routes ?? (population.browsers[0] as Actor).routes;
  return ratedEmitter(startMs, endMs, () => perMinute, (t, rng) => composeRequest(routes.pick(rng), requester, t, rng));
}

export const ATTACK_TOOL_AGENTS = [
  'python-requests/2.28.1', 'Go-http-client/1.1', 'curl/7.88.1', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0', 'python-httpx/0.27.0', 'axios/1.6.2',
];
