import type { ExpiredRule, RuleList, RuleRef } from './rule-outcome.js';

export interface RuleWarningSource {
  ruleList: RuleList;
  unmatchedRules: readonly RuleRef[];
  expiredRules?: readonly ExpiredRule[];
}

// Reasons come from the config (control characters are refused there);
// JSON quoting still keeps a quote inside a reason from blurring the sentence.
function ruleName(list: RuleList, rule: RuleRef): string {
  return `${list}[${rule.index}] (${JSON.stringify(rule.reason)})`;
}

/**
 * One sentence per stale rule, for stderr, so rules that no longer earn their
 * place get noticed: `suppress[1] ("weekly pentest") matched nothing in this run`,
 * `suppress[0] ("load test") expired on 2026-10-01`. An expired rule gets the
 * expiry sentence only. Suppress rules come before ignore rules, each by index.
 */
export function describeRuleWarnings(...results: RuleWarningSource[]): string[] {
  const ordered = [...results].sort((a, b) => (a.ruleList === b.ruleList ? 0 : a.ruleList === 'suppress' ? -1 : 1));
  const sentences: string[] = [];
  for (const result of ordered) {
    const expired = new Map((result.expiredRules ?? []).map((rule) => [rule.index, rule]));
    const unmatched = new Map(result.unmatchedRules.map((rule) => [rule.index, rule]));
    const indexes = [...new Set([...expired.keys(), ...unmatched.keys()])].sort((a, b) => a - b);
    for (const index of indexes) {
      const expiredRule = expired.get(index);
      if (expiredRule) sentences.push(`${ruleName(result.ruleList, expiredRule)} expired on ${expiredRule.until}`);
      else sentences.push(`${ruleName(result.ruleList, unmatched.get(index)!)} matched nothing in this run`);
    }
  }
  return sentences;
}
