import type { EntityKind, EntityModel } from '../baseline/baseline.js';
import { FEATURE_NAMES } from '../features/feature-names.js';
import { scoreRow, featureContributions } from '../model/index.js';
import type { FeatureRow } from './feature-rows.js';
import type { WindowCandidate } from './window-candidate.js';
import { forestStrength } from './entity-model.js';
import { classifyWindow } from './classify-window.js';

/** Each kind's features by name: an evidence item takes the contribution of the vector feature of its name. */
const FEATURE_AT = Object.fromEntries(Object.entries(FEATURE_NAMES).map(([kind, names]) => [kind, new Map(names.map((name, i) => [name, i]))])) as Record<EntityKind, Map<string, number>>;

/** Share of the final score that comes from the forest; the rest from the size of the evidence. */
const FOREST_WEIGHT = 0.4;

/** A window the forest finds this ordinary (its calibrated strength, 0..1) is no candidate, whatever its evidence. */
const MIN_FOREST_STRENGTH = 0.02;
/**
 * Confidence grows with the history behind a judgement: about 63% after an hour of 5-minute windows
 * (12), 95% after three hours…
 */
const HISTORY_WINDOWS_SCALE = 12;
/** …and with the requests in the window: 63% at 20 requests, a handful is a guess. */
const SUPPORT_REQUESTS_SCALE = 20;
/**
 * A client never seen before is judged against every client (the population), not its own
 * history: that reference is as good as a learned one, so a new client's confidence keeps this floor.
 */
const CLIENT_HISTORY_FLOOR = 0.6;

/**
 * Scores every row with its kind's forest and keeps the windows that both the forest finds
 * isolated and the evidence can explain. The 0–100 score blends the forest's strength
 * (raw score against the baseline windows' own scores) with how far the evidence moved.
 */
export function scoreWindows(rows: readonly FeatureRow[], model: EntityModel | null | undefined): WindowCandidate[] {
  const candidates: WindowCandidate[] = [];
  for (const row of rows) {
    if (row.evidence.length === 0 || row.requests === 0) continue;
    const raw = model ? scoreRow(model.forest, row.values) : 0.5;
    const forest = model ? forestStrength(raw, model.calibration) : 0.5;
    if (forest <= MIN_FOREST_STRENGTH) continue;
    let keep = 1;
    for (const e of row.evidence) keep *= 1 - e.significance;
    const evidenceStrength = 1 - keep;
    const score = 100 * (FOREST_WEIGHT * forest + (1 - FOREST_WEIGHT) * evidenceStrength);
    const shares = model ? featureContributions(model.forest, row.values) : null;
    const at = FEATURE_AT[row.entity];
    const evidence = row.evidence
      .map((e) => {
        const index = at.get(e.feature);
        return { ...e, contribution: shares && index !== undefined ? shares[index]! : 0 };
      })
      .sort((a, b) => b.contribution - a.contribution || b.significance - a.significance);
    const history = 1 - Math.exp(-row.historyWindows / HISTORY_WINDOWS_SCALE);
    const support = 1 - Math.exp(-row.requests / SUPPORT_REQUESTS_SCALE);
    const historyFactor = row.entity === 'client' ? Math.max(CLIENT_HISTORY_FLOOR, history) : history;
    candidates.push({
      entity: row.entity,
      key: row.key,
      index: row.index,
      lastIndex: row.index,
      score,
      rawScore: raw,
      kind: classifyWindow(row.entity, row.evidence, row.endpoints[0] ?? null),
      evidence,
      endpoints: row.endpoints,
      clients: row.clients,
      consumers: row.consumers,
      userAgents: row.userAgents,
      requests: row.requests,
      leadClient: row.leadClient,
      samples: row.samples,
      historyWindows: row.historyWindows,
      confidence: historyFactor * support,
      baselineNote: row.baselineNote,
      benign: row.benign ?? null,
      authFailures: row.authFailures,
      ...(row.outsizedResponses !== undefined ? { outsizedResponses: row.outsizedResponses } : {}),
      ...(row.erroredClients !== undefined ? { erroredClients: row.erroredClients, slowClients: row.slowClients ?? 0, routeClients: row.routeClients ?? 0, erroredClient: row.erroredClient ?? null, errors5xx: row.errors5xx ?? 0 } : {}),
    });
  }
  return candidates;
}
