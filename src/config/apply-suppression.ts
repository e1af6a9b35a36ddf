import type { Incident, SuppressedIncident } from '../types.js';
import type { SuppressRule } from './config-types.js';
import { clientInRange, parseClientRange, type ClientRange } from './client-range.js';
import { parseEndpointPattern, patternCoversAll } from './endpoint-pattern.js';
import { parseIsoTime } from '../time/iso-time.js';
import { wildcardToRegExp } from './wildcard.js';
import { incidentEndpoints, type ExpiredRule, type RuleRef } from './rule-outcome.js';

export interface SuppressionResult {
  ruleList: 'suppress';
  kept: Incident[];
  suppressed: SuppressedIncident[];
  /** Rules that matched no incident of this run (not even one an earlier rule took). */
  unmatchedRules: RuleRef[];
  /** Rules whose `until` is before `now`. They still apply to incidents inside their window. */
  expiredRules: ExpiredRule[];
}

type IncidentTest = (incident: Incident) => boolean;

function invalidRule(index: number, field: string, value: string): Error {
  // Rules reach here through loadConfig, which refuses these; a caller that
  // builds rules by hand gets a programming error, not a silent non-match.
  return new Error(`suppress[${index}].${field}: ${JSON.stringify(value)} is invalid (validate rules with loadConfig)`);
}

/**
 * One test per field the rule gives; the rule matches when all pass. Every
 * list-valued field (endpoints, clients, consumers, user agents) must be
 * covered in full, and an empty list is never covered: a rule vouches for the
 * traffic it names, not for traffic it cannot see.
 */
function compileSuppressRule(rule: SuppressRule, index: number): IncidentTest[] {
  const tests: IncidentTest[] = [];
  if (rule.kind !== undefined) {
    const kind = rule.kind;
    tests.push((incident) => incident.kind === kind);
  }
  if (rule.endpoint !== undefined) {
    const pattern = parseEndpointPattern(rule.endpoint);
    if (!pattern) throw invalidRule(index, 'endpoint', rule.endpoint);
    tests.push((incident) => patternCoversAll(incidentEndpoints(incident), pattern));
  }
  if (rule.client !== undefined) {
    const ranges: ClientRange[] = (typeof rule.client === 'string' ? [rule.client] : rule.client).map((text) => {
      const range = parseClientRange(text);
      if (!range) throw invalidRule(index, 'client', text);
      return range;
    });
    tests.push(
      (incident) =>
        incident.clients.length > 0 && incident.clients.every((client) => ranges.some((range) => clientInRange(client, range))),
    );
  }
  if (rule.consumer !== undefined) {
    const consumer = wildcardToRegExp(rule.consumer);
    tests.push((incident) => incident.consumers.length > 0 && incident.consumers.every((id) => consumer.test(id)));
  }
  if (rule.userAgent !== undefined) {
    const needle = rule.userAgent.toLowerCase();
    tests.push(
      (incident) => incident.userAgents.length > 0 && incident.userAgents.every((agent) => agent.toLowerCase().includes(needle)),
    );
  }
  // The whole incident must lie inside [from, until]: an attack that starts
  // during the load test and goes on after it is not the load test.
  if (rule.from !== undefined) {
    const from = parseIsoTime(rule.from);
    if (from === null) throw invalidRule(index, 'from', rule.from);
    tests.push((incident) => Date.parse(incident.start) >= from);
  }
  if (rule.until !== undefined) {
    const until = parseIsoTime(rule.until);
    if (until === null) throw invalidRule(index, 'until', rule.until);
    tests.push((incident) => Date.parse(incident.end) <= until);
  }
  return tests;
}

/**
 * Moves incidents that a rule covers from `kept` to `suppressed` (the whole
 * incident, the index of the first matching rule, its reason). Order of `kept`
 * is the input's. `now` only decides which rules are expired: pass the end of
 * the report's time range (the wall clock when there is none).
 */
export function applySuppression(incidents: readonly Incident[], rules: readonly SuppressRule[], now: Date): SuppressionResult {
  const compiled = rules.map(compileSuppressRule);
  const matchCounts = rules.map(() => 0);
  const kept: Incident[] = [];
  const suppressed: SuppressedIncident[] = [];
  for (const incident of incidents) {
    let first = -1;
    compiled.forEach((tests, index) => {
      if (!tests.every((test) => test(incident))) return;
      matchCounts[index]! += 1;
      if (first === -1) first = index;
    });
    if (first === -1) kept.push(incident);
    else suppressed.push({ incident, rule: first, reason: rules[first]!.reason });
  }
  const nowMs = now.getTime();
  const unmatchedRules: RuleRef[] = [];
  const expiredRules: ExpiredRule[] = [];
  rules.forEach((rule, index) => {
    if (matchCounts[index] === 0) unmatchedRules.push({ index, reason: rule.reason });
    if (rule.until !== undefined && (parseIsoTime(rule.until) ?? Infinity) < nowMs) {
      expiredRules.push({ index, reason: rule.reason, until: rule.until });
    }
  });
  return { ruleList: 'suppress', kept, suppressed, unmatchedRules, expiredRules };
}
