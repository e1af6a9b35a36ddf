// Shellshock (CVE-2014-6271 and its follow-ups): a bash function definition in a
// value that a CGI passes to bash as an environment variable, with commands after
// it. Sent in the User-Agent, Referer, Cookie or any header; looked for in decoded,
// lower-cased text.

import type { RuleSource } from './sources.js';

export interface ShellshockRule {
  rule: string;
  pattern: RegExp;
  source: RuleSource;
}

export const SHELLSHOCK_RULES: readonly ShellshockRule[] = [
  // `() { :;};`, `() { :; };`, `() { ignored;};`, `() { _; } >_[$($())] {`: an empty-bodied function, then more.
  { rule: 'shellshock-function-definition', pattern: /\(\)\s*\{\s*[^{}]{0,40}?;?\s*\}\s*(?:;|>_?\[|\S)/, source: 'anomalog' },
  // CVE-2014-6278's variant: `() { _; } >_[$($())] { id; }`.
  { rule: 'shellshock-redirect-variant', pattern: /\(\)\s*\{\s*_\s*;\s*\}\s*>\s*_\s*\[\s*\$\s*\(/, source: 'anomalog' },
];
