import type { IgnoreRule, LoadedConfig, SuppressRule } from './config-types.js';

function describeSuppressRule(rule: SuppressRule): string {
  const conditions: string[] = [];
  if (rule.kind !== undefined) conditions.push(`kind is ${rule.kind}`);
  if (rule.endpoint !== undefined) conditions.push(`every endpoint matches ${JSON.stringify(rule.endpoint)}`);
  if (rule.client !== undefined) {
    const ranges = typeof rule.client === 'string' ? [rule.client] : rule.client;
    conditions.push(`every client is in ${ranges.join(' or ')}`);
  }
  if (rule.consumer !== undefined) conditions.push(`every consumer matches ${JSON.stringify(rule.consumer)}`);
  if (rule.userAgent !== undefined) conditions.push(`every user agent contains ${JSON.stringify(rule.userAgent)} (any case)`);
  if (rule.from !== undefined && rule.until !== undefined) conditions.push(`it lies between ${rule.from} and ${rule.until}`);
  else if (rule.from !== undefined) conditions.push(`it starts at or after ${rule.from}`);
  else if (rule.until !== undefined) conditions.push(`it ends at or before ${rule.until}`);
  return `hides an incident when ${conditions.join(', and ')}`;
}

function describeIgnoreRule(rule: IgnoreRule): string {
  const scope = rule.endpoint === undefined ? '' : ` on incidents whose endpoints all match ${JSON.stringify(rule.endpoint)}`;
  const drops: string[] = [];
  if (rule.direction !== undefined) drops.push(`does not ${rule.direction}`);
  if (typeof rule.within === 'string') drops.push(`stays within ${rule.within} of its baseline`);
  if (typeof rule.within === 'number') drops.push(`stays within ${rule.within} (its unit) of its baseline`);
  const when = drops.length === 0 ? 'always' : `when it ${drops.join(' or ')}`;
  return `drops ${JSON.stringify(rule.feature)} evidence${scope} ${when}`;
}

/**
 * The config in plain sentences, one per default and rule: what a reviewer
 * reads in a pull request to see what a rule really hides.
 */
export function describeConfig(config: LoadedConfig): string[] {
  const lines = [`${config.displayPath}:`];
  for (const [flag, value] of Object.entries(config.defaults)) lines.push(`  default ${flag}: ${JSON.stringify(value)}`);
  config.suppress.forEach((rule, index) => lines.push(`  suppress[${index}] (${JSON.stringify(rule.reason)}) ${describeSuppressRule(rule)}`));
  config.ignore.forEach((rule, index) => lines.push(`  ignore[${index}] (${JSON.stringify(rule.reason)}) ${describeIgnoreRule(rule)}`));
  return lines;
}
