// Where the rule tables' entries come from. Entries copied from a list name it
// (test/detect/injection/rules/sources.test.ts checks each one is in that file
// of ../shared/data/lists/crowdsec-sec-lists); entries written here say `anomalog`.
//
// Notices of the copied lists (kept in the built code, which keeps comments):
//
// crowdsecurity/sec-lists (files under web/), MIT License, Copyright (c) 2020 crowdsecurity.
// web/bad_user_agents.txt: MIT License, Copyright (c) 2017 Mitchell Krog.
//   Permission is hereby granted, free of charge, to any person obtaining a copy of this
//   software and associated documentation files (the "Software"), to deal in the Software
//   without restriction, including without limitation the rights to use, copy, modify,
//   merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
//   permit persons to whom the Software is furnished to do so, subject to the following
//   conditions: The above copyright notice and this permission notice shall be included in
//   all copies or substantial portions of the Software. THE SOFTWARE IS PROVIDED "AS IS",
//   WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
//   WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
//   NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR
//   OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
//   OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
//
// OWASP CoreRuleSet 4.14.0 data files (crs/, as vendored by crowdsecurity/sec-lists under
// appsec/crs/4.14.0/): Apache License 2.0, Copyright (c) OWASP CRS project and contributors;
// https://www.apache.org/licenses/LICENSE-2.0. Entries are copied unchanged, a subset of each file.

export type RuleSource =
  | 'anomalog'
  | 'crowdsec:web/sensitive_data.txt'
  | 'crowdsec:web/admin_interfaces.txt'
  | 'crowdsec:web/bad_user_agents.txt'
  | 'crowdsec:web/sqli_probe_patterns.txt'
  | 'crowdsec:web/backdoors.txt'
  | 'crowdsec:web/trendy_cves_uris.json'
  | 'crowdsec:web/technology_probing.json'
  | 'crs:scanners-user-agents.data'
  | 'crs:restricted-files.data'
  | 'crs:php-function-names-933150.data';

export interface SourceInfo {
  repository: string;
  commit: string;
  /** Path under ../shared/data/lists/crowdsec-sec-lists (the snapshot), null for anomalog's own. */
  file: string | null;
  licence: string;
}

const SEC_LISTS = { repository: 'crowdsecurity/sec-lists', commit: '1149fa30e8b184c3e17c4f0ad11997a762f8a237' };

export const RULE_SOURCES: Readonly<Record<RuleSource, SourceInfo>> = {
  anomalog: { repository: 'anomalog', commit: '', file: null, licence: 'MIT' },
  'crowdsec:web/sensitive_data.txt': { ...SEC_LISTS, file: 'web/sensitive_data.txt', licence: 'MIT (crowdsecurity)' },
  'crowdsec:web/admin_interfaces.txt': { ...SEC_LISTS, file: 'web/admin_interfaces.txt', licence: 'MIT (crowdsecurity)' },
  'crowdsec:web/bad_user_agents.txt': { ...SEC_LISTS, file: 'web/bad_user_agents.txt', licence: 'MIT (Mitchell Krog)' },
  'crowdsec:web/sqli_probe_patterns.txt': { ...SEC_LISTS, file: 'web/sqli_probe_patterns.txt', licence: 'MIT (crowdsecurity)' },
  'crowdsec:web/backdoors.txt': { ...SEC_LISTS, file: 'web/backdoors.txt', licence: 'MIT (crowdsecurity)' },
  'crowdsec:web/trendy_cves_uris.json': { ...SEC_LISTS, file: 'web/trendy_cves_uris.json', licence: 'MIT (crowdsecurity)' },
  'crowdsec:web/technology_probing.json': { ...SEC_LISTS, file: 'web/technology_probing.json', licence: 'MIT (crowdsecurity)' },
  'crs:scanners-user-agents.data': { ...SEC_LISTS, file: 'crs/scanners-user-agents.data', licence: 'Apache-2.0 (OWASP CRS 4.14.0)' },
  'crs:restricted-files.data': { ...SEC_LISTS, file: 'crs/restricted-files.data', licence: 'Apache-2.0 (OWASP CRS 4.14.0)' },
  'crs:php-function-names-933150.data': { ...SEC_LISTS, file: 'crs/php-function-names-933150.data', licence: 'Apache-2.0 (OWASP CRS 4.14.0)' },
};

/** A rule id's tail from a table entry: `.git/HEAD` → `git-head`, `Nikto` → `nikto`. */
export function slugOf(entry: string): string {
  return entry.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}
