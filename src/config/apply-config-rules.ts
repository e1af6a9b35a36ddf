import type { Incident, SuppressedIncident } from '../types.js';
import type { AnomalogConfig } from './config-types.js';
import { applyIgnoreRules, type IgnoreResult } from './apply-ignore-rules.js';
import { applySuppression, type SuppressionResult } from './apply-suppression.js';
import { describeRuleWarnings } from './rule-warnings.js';

export interface ConfigRulesResult {
  kept: Incident[];
  /** Ignore-rule suppressions first, then suppress-rule ones; each `rule` indexes its own list (see `byIgnore`/`bySuppress`). */
  suppressed: SuppressedIncident[];
  byIgnore: IgnoreResult;
  bySuppress: SuppressionResult;
  /** Sentences for stderr about stale and expired rules. */
  warnings: string[];
}

/**
 * Ignore rules first, so an incident whose only evidence was "latency went
 * down" is gone before suppress rules look at kinds and clients; then
 * suppress rules on what is left. `now`: the end of the report's time range.
 */
export function applyConfigRules(incidents: readonly Incident[], config: Pick<AnomalogConfig, 'suppress' | 'ignore'>, now: Date): ConfigRulesResult {
  const byIgnore = applyIgnoreRules(incidents, config.ignore);
  const bySuppress = applySuppression(byIgnore.kept, config.suppress, now);
  return {
    kept: bySuppress.kept,
    suppressed: [...byIgnore.suppressed, ...bySuppress.suppressed],
    byIgnore,
    bySuppress,
    warnings: describeRuleWarnings(bySuppress, byIgnore),
  };
}
