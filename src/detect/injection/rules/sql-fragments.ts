// SQL probe fragments that are attacks on their own in a parameter value, from CrowdSec's
// sqli_probe_patterns.txt (which CrowdSec counts in a bucket; its generic entries, such as
// `upper(`, `md5(`, `substr(`, are left out here: alone in one value they prove nothing).
// Entries are as listed (URL-encoded where the list encodes); matched decoded and lower-cased.
// Rule id: `sql-probe-fragment`.

import type { RuleSource } from './sources.js';

export interface SqlFragmentRule {
  /** As written in the list. */
  entry: string;
  source: RuleSource;
}

const CS: RuleSource = 'crowdsec:web/sqli_probe_patterns.txt';

export const SQL_FRAGMENT_RULES: readonly SqlFragmentRule[] = [
  { entry: '%40%40version', source: CS },
  { entry: '..xp_cmdshell', source: CS },
  { entry: 'information_schema.tables', source: CS },
  { entry: '%2cnull%2cnull', source: CS },
  { entry: 'selectchar%28', source: CS },
  { entry: '%7c%7cchr%28', source: CS },
];
