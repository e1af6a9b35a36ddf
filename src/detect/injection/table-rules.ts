// The rule tables under rules/ compiled once into matchers: one regular expression
// per table where the table is a list of literals, so a value is read once per table.

import { CODE_PATTERN_RULES } from './rules/code-injection.js';
import { SHELLSHOCK_RULES } from './rules/shellshock.js';
import { TOOL_AGENT_RULES } from './rules/tool-agents.js';
import { SENSITIVE_FILE_RULES } from './rules/sensitive-files.js';
import { ADMIN_PATH_RULES, type AdminPathRule } from './rules/admin-paths.js';
import { slugOf } from './rules/sources.js';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Code-injection rule ids in one decoded, lower-cased value. */
export function detectCodeInjection(decoded: string): string[] {
  const found: string[] = [];
  for (const { rule, pattern } of CODE_PATTERN_RULES) if (pattern.test(decoded)) found.push(rule);
  return found;
}

/** Shellshock rule ids in one decoded value. */
export function detectShellshock(decoded: string): string[] {
  if (!decoded.includes('()')) return [];
  const found: string[] = [];
  for (const { rule, pattern } of SHELLSHOCK_RULES) if (pattern.test(decoded)) found.push(rule);
  return found;
}

const TOOL_BY_ENTRY = new Map(TOOL_AGENT_RULES.map((r) => [r.entry.toLowerCase(), r.tool]));
const TOOL_PATTERN = new RegExp(TOOL_AGENT_RULES.map((r) => escapeRegExp(r.entry.toLowerCase())).join('|'), 'g');

/** `tool-agent-<tool>` for every attack tool the User-Agent names (raw agent; case does not matter). */
export function detectToolAgent(userAgent: string): string[] {
  const lower = userAgent.toLowerCase();
  const found = new Set<string>();
  for (const match of lower.matchAll(TOOL_PATTERN)) found.add(`tool-agent-${slugOf(TOOL_BY_ENTRY.get(match[0])!)}`);
  return [...found];
}

interface CompiledSensitive {
  rule: string;
  servedToo: boolean;
}

const SENSITIVE_NAMES = new Map<string, CompiledSensitive>();
const SENSITIVE_SUFFIXES: { suffix: string; compiled: CompiledSensitive }[] = [];
for (const r of SENSITIVE_FILE_RULES) {
  const compiled = { rule: `sensitive-file-${slugOf(r.entry)}`, servedToo: r.servedToo };
  if (r.match === 'name') SENSITIVE_NAMES.set(r.entry.toLowerCase(), compiled);
  else SENSITIVE_SUFFIXES.push({ suffix: r.entry.toLowerCase(), compiled });
}
/** Names with a `/` inside (`.git/config`) are looked up by the segments' joins; the longest has this many segments. */
const MAX_NAME_SEGMENTS = Math.max(...SENSITIVE_FILE_RULES.filter((r) => r.match === 'name').map((r) => r.entry.split('/').length));

function isUnserved(status: number | null): boolean {
  return status !== null && status >= 400 && status < 500;
}

/**
 * Sensitive-file rule ids for one decoded, lower-cased path. Entries that a site may
 * legitimately serve (archives, `.bak`) count only when the answer was a 4xx.
 */
export function detectSensitiveFile(decodedPath: string, status: number | null): string[] {
  const segments = decodedPath.split(/[\/\\]/).filter((s) => s !== '');
  if (segments.length === 0) return [];
  const found = new Set<string>();
  const unserved = isUnserved(status);
  const take = (c: CompiledSensitive | undefined): void => {
    if (c !== undefined && (c.servedToo || unserved)) found.add(c.rule);
  };
  for (let i = 0; i < segments.length; i++) {
    let joined = '';
    for (let n = 0; n < MAX_NAME_SEGMENTS && i + n < segments.length; n++) {
      joined = n === 0 ? segments[i]! : `${joined}/${segments[i + n]}`;
      take(SENSITIVE_NAMES.get(joined));
    }
  }
  const last = segments[segments.length - 1]!;
  // A suffix is an extension, never the whole name: `/.bak` is odd, `/index.php.bak` a backup.
  for (const { suffix, compiled } of SENSITIVE_SUFFIXES) if (last.length > suffix.length && last.endsWith(suffix)) take(compiled);
  return [...found];
}

const ADMIN_PREFIX = compileAdmin(ADMIN_PATH_RULES.filter((r) => r.match === 'prefix'), '^');
const ADMIN_ANYWHERE = compileAdmin(ADMIN_PATH_RULES.filter((r) => r.match === 'anywhere'), '');

function compileAdmin(rules: readonly AdminPathRule[], anchor: string): { pattern: RegExp; byEntry: Map<string, string> } {
  const entries = [...new Set(rules.map((r) => r.entry.toLowerCase()))].sort((a, b) => b.length - a.length);
  return {
    pattern: new RegExp(`${anchor}(?:${entries.map(escapeRegExp).join('|')})`, anchor === '' ? 'g' : ''),
    byEntry: new Map(entries.map((e) => [e, `admin-${slugOf(e)}`])),
  };
}

/** Admin/CMS discovery rule ids for one decoded, lower-cased path; only for a path the site answered 404 or 410. */
export function detectAdminProbe(decodedPath: string, status: number | null): string[] {
  if (status !== 404 && status !== 410) return [];
  const found = new Set<string>();
  const prefix = ADMIN_PREFIX.pattern.exec(decodedPath);
  if (prefix !== null) found.add(ADMIN_PREFIX.byEntry.get(prefix[0])!);
  for (const match of decodedPath.matchAll(ADMIN_ANYWHERE.pattern)) found.add(ADMIN_ANYWHERE.byEntry.get(match[0])!);
  return [...found];
}
