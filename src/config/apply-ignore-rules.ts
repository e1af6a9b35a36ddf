import type { Evidence, Incident, SuppressedIncident } from '../types.js';
import type { IgnoreDirection, IgnoreRule } from './config-types.js';
import { parseEndpointPattern, patternCoversAll, type EndpointPattern } from './endpoint-pattern.js';
import { wildcardToRegExp } from './wildcard.js';
import { incidentEndpoints, type RuleRef } from './rule-outcome.js';

export interface DroppedEvidence {
  incidentId: string;
  feature: string;
  rule: number;
}

export interface IgnoreResult {
  ruleList: 'ignore';
  /** Incidents with evidence left; the ones that lost some are copies with the rest. */
  kept: Incident[];
  /** Incidents left with no evidence, whole (with all their original evidence), under the first rule that dropped any of it. */
  suppressed: SuppressedIncident[];
  /** Rules that dropped no evidence in this run. */
  unmatchedRules: RuleRef[];
  dropped: DroppedEvidence[];
}

interface CompiledIgnoreRule {
  feature: RegExp;
  endpoint: EndpointPattern | null;
  direction: IgnoreDirection | undefined;
  tolerance: { kind: 'percent'; percent: number } | { kind: 'absolute'; amount: number } | undefined;
}

function compileIgnoreRule(rule: IgnoreRule, index: number): CompiledIgnoreRule {
  let endpoint: EndpointPattern | null = null;
  if (rule.endpoint !== undefined) {
    endpoint = parseEndpointPattern(rule.endpoint);
    if (!endpoint) throw new Error(`ignore[${index}].endpoint: ${JSON.stringify(rule.endpoint)} is invalid (validate rules with loadConfig)`);
  }
  let tolerance: CompiledIgnoreRule['tolerance'];
  if (typeof rule.within === 'number') tolerance = { kind: 'absolute', amount: rule.within };
  else if (typeof rule.within === 'string') tolerance = { kind: 'percent', percent: Number(rule.within.slice(0, -1)) };
  return { feature: wildcardToRegExp(rule.feature), endpoint, direction: rule.direction, tolerance };
}

/** Numbers, and strings that are exactly a number ("12.5"); anything else has no magnitude to compare. */
function numericValue(value: number | string | null): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/**
 * A rule with neither `direction` nor `within` drops the feature outright.
 * Otherwise it drops an item that moves the other way than `direction` (or
 * not at all), or that stays within the tolerance of its baseline. Evidence
 * without two numbers to compare (a new client, a string value) is kept:
 * a rule cannot show it is harmless.
 */
function ruleDropsEvidence(rule: CompiledIgnoreRule, evidence: Evidence): boolean {
  if (!rule.feature.test(evidence.feature)) return false;
  if (rule.direction === undefined && rule.tolerance === undefined) return true;
  const observed = numericValue(evidence.observed);
  const baseline = numericValue(evidence.baseline);
  if (observed === null || baseline === null) return false;
  if (rule.direction === 'increase' && !(observed > baseline)) return true;
  if (rule.direction === 'decrease' && !(observed < baseline)) return true;
  if (rule.tolerance !== undefined) {
    const allowed = rule.tolerance.kind === 'percent' ? (Math.abs(baseline) * rule.tolerance.percent) / 100 : rule.tolerance.amount;
    if (Math.abs(observed - baseline) <= allowed) return true;
  }
  return false;
}

/**
 * Drops evidence items the rules say do not matter (first rule that drops an
 * item is credited with it). An incident that loses all its evidence leaves
 * `kept` for `suppressed`; one with no evidence to begin with is kept as is.
 * Scores, ranks and the other fields are not touched.
 */
export function applyIgnoreRules(incidents: readonly Incident[], rules: readonly IgnoreRule[]): IgnoreResult {
  const compiled = rules.map(compileIgnoreRule);
  const droppedPerRule = rules.map(() => 0);
  const kept: Incident[] = [];
  const suppressed: SuppressedIncident[] = [];
  const dropped: DroppedEvidence[] = [];
  for (const incident of incidents) {
    const endpoints = incidentEndpoints(incident);
    const applicable = compiled
      .map((rule, index) => ({ rule, index }))
      .filter(({ rule }) => rule.endpoint === null || patternCoversAll(endpoints, rule.endpoint));
    const remaining: Evidence[] = [];
    let firstDroppingRule = -1;
    for (const evidence of incident.evidence) {
      const match = applicable.find(({ rule }) => ruleDropsEvidence(rule, evidence));
      if (!match) {
        remaining.push(evidence);
        continue;
      }
      droppedPerRule[match.index]! += 1;
      dropped.push({ incidentId: incident.id, feature: evidence.feature, rule: match.index });
      if (firstDroppingRule === -1 || match.index < firstDroppingRule) firstDroppingRule = match.index;
    }
    if (firstDroppingRule === -1) kept.push(incident);
    else if (remaining.length === 0) suppressed.push({ incident, rule: firstDroppingRule, reason: rules[firstDroppingRule]!.reason });
    else kept.push({ ...incident, evidence: remaining });
  }
  const unmatchedRules = rules.flatMap((rule, index) => (droppedPerRule[index] === 0 ? [{ index, reason: rule.reason }] : []));
  return { ruleList: 'ignore', kept, suppressed, unmatchedRules, dropped };
}
