// Places the requested incidents in the period: one slot each, in a seeded order,
// so they rarely overlap and every one has room to run its course.
import { Rng } from '../random.js';
import { planCredentialAttack, planEnumeration, planInjection, planScanner } from './attacks.js';
import { planDataExfiltration, planKeyMisuse, planTampering, planVolumetric } from './abuse.js';
import { planErrorSpike, planLatencyRegression, planNewEndpoint, planTrafficDrop } from './operational.js';
import { MINUTE, type IncidentPlan, type PlantContext, type PlantedKind, type Planner } from './plan.js';

const PLANNERS: Record<PlantedKind, Planner> = {
  credential_attack: planCredentialAttack,
  enumeration: planEnumeration,
  scanner: planScanner,
  volumetric: planVolumetric,
  error_spike: planErrorSpike,
  latency_regression: planLatencyRegression,
  data_exfiltration: planDataExfiltration,
  new_endpoint: planNewEndpoint,
  injection: planInjection,
  key_misuse: planKeyMisuse,
  tampering: planTampering,
  traffic_drop: planTrafficDrop,
};

/** Kinds that need a busy hour to mean anything (silence at 4 a.m. is normal). */
const DAYTIME_KINDS: ReadonlySet<PlantedKind> = new Set(['traffic_drop', 'error_spike', 'latency_regression']);

function isDaytime(ms: number): boolean {
  const hour = new Date(ms).getUTCHours();
  return hour >= 9 && hour < 20;
}

export function planIncidents(seed: number, kinds: readonly PlantedKind[], periodStartMs: number, periodEndMs: number, context: PlantContext): IncidentPlan[] {
  if (kinds.length === 0) return [];
  const rng = Rng.derive(seed, 'incident-schedule');
  const margin = Math.min(30 * MINUTE, (periodEndMs - periodStartMs) / 20);
  const usable = periodEndMs - periodStartMs - 2 * margin;
  const slotLength = usable / kinds.length;
  const order = rng.shuffle(kinds.slice());
  // Move the kinds that need daytime into daytime slots, swapping with kinds that do not care.
  for (let i = 0; i < order.length; i++) {
    const kind = order[i] as PlantedKind;
    const mid = periodStartMs + margin + (i + 0.5) * slotLength;
    if (!DAYTIME_KINDS.has(kind) || isDaytime(mid)) continue;
    for (let j = 0; j < order.length; j++) {
      const other = order[j] as PlantedKind;
      const otherMid = periodStartMs + margin + (j + 0.5) * slotLength;
      if (!DAYTIME_KINDS.has(other) && isDaytime(otherMid)) {
        order[i] = other;
        order[j] = kind;
        break;
      }
    }
  }
  return order.map((kind, index) => {
    const slotStart = periodStartMs + margin + index * slotLength;
    const startMs = Math.floor(slotStart + rng.uniform(0, 0.2) * slotLength);
    const maxDurationMs = slotStart + slotLength * 0.9 - startMs;
    // Each planner draws from its own stream: changing one kind does not move the others.
    const plannerRng = Rng.derive(seed, `incident:${kind}:${index}`);
    return PLANNERS[kind](plannerRng, { startMs, maxDurationMs }, context);
  });
}
