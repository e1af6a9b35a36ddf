// The rule tables under rules/ compiled once into matchers: one regular expression
// per table where the table is a list of literals, so a value is read once per table.

import { CODE_PATTERN_RULES, ENGLISH_FUNCTION_NAMES, PHP_DANGEROUS_FUNCTIONS } from './rules/code-injection.js';
import { SHELLSHOCK_RULES } from './rules/shellshock.js';
import { SQL_FRAGMENT_RULES } from './rules/sql-fragments.js';
import { TOOL_AGENT_RULES, TOOL_PATH_RULES } from './rules/tool-agents.js';
import { SENSITIVE_FILE_RULES } from './rules/sensitive-files.js';
import { ADMIN_PATH_RULES, type AdminPathRule } from './rules/admin-paths.js';
import { BACKDOOR_RULES, UPLOAD_HANDLER_RULES } from './rules/backdoors.js';
import { CVE_PATH_RULES, type CvePathRule } from './rules/cve-paths.js';
import { TECHNOLOGY_PROBE_RULES } from './rules/technology-probes.js';
import { slugOf } from './rules/sources.js';
import { escapeRegExp } from '../../text/sanitize.js';

const PHP_FUNCTIONS: ReadonlySet<string> = new Set(PHP_DANGEROUS_FUNCTIONS.map((f) => f.name));
/**
 * A word called: the word, then comments or spaces, then `(`, then the first character of the argument.
 * Not a method (`getRuntime().exec(`, `obj.system(`): PHP calls methods with `->`; `'.system(` (string concatenation) stays.
 */
const CALL = /(?<![a-z_0-9])(?<![a-z_0-9)\]]\s*\.\s*)([a-z_][a-z_0-9]*)\s*(?:\/\*.*?\*\/\s*)*\(\s*(.?)/g;
/** After `eval(` etc.: a string, a variable or a backtick makes it code; a word makes it code only when called. */
const CODE_ARGUMENT = /['"$`]/;

/** `code-php-function-call` when a dangerous PHP function is called (English-word names only with a code-like argument). */
function detectPhpCall(decoded: string): boolean {
  CALL.lastIndex = 0;
  for (let m = CALL.exec(decoded); m !== null; m = CALL.exec(decoded)) {
    const name = m[1]!;
    if (!PHP_FUNCTIONS.has(name)) continue;
    if (!ENGLISH_FUNCTION_NAMES.has(name)) return true;
    const argument = m[2]!;
    if (CODE_ARGUMENT.test(argument)) return true;
    // `eval(base64_decode(…))`: the argument is itself a call.
    if (/^[a-z_]/.test(argument) && /^[a-z_][a-z_0-9]*\s*\(/.test(decoded.slice(m.index + m[0].length - 1))) return true;
  }
  return false;
}

/** Code-injection rule ids in one decoded, lower-cased value. */
export function detectCodeInjection(decoded: string): string[] {
  const found: string[] = [];
  if (decoded.includes('(') && detectPhpCall(decoded)) found.push('code-php-function-call');
  for (const { rule, pattern } of CODE_PATTERN_RULES) if (pattern.test(decoded)) found.push(rule);
  return found;
}

const SQL_FRAGMENTS = SQL_FRAGMENT_RULES.map((r) => decodeURIComponent(r.entry).toLowerCase());

/** `sql-probe-fragment` when a decoded, lower-cased value holds a distinctive SQL probe fragment. */
export function detectSqlFragment(decoded: string): string[] {
  return SQL_FRAGMENTS.some((f) => decoded.includes(f)) ? ['sql-probe-fragment'] : [];
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

const TOOL_PATHS = TOOL_PATH_RULES.map((r) => ({ entry: r.entry.toLowerCase(), rule: `tool-path-${slugOf(r.tool)}` }));

/** `tool-path-<tool>` for a path only that tool asks for (raw or decoded, lower-cased). */
export function detectToolPath(loweredPath: string): string[] {
  const found: string[] = [];
  for (const { entry, rule } of TOOL_PATHS) if (loweredPath.includes(entry) && !found.includes(rule)) found.push(rule);
  return found;
}

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

const SENSITIVE_BY_ENTRY = new Map<string, CompiledSensitive>(
  SENSITIVE_FILE_RULES.map((r) => [r.entry.toLowerCase(), { rule: `sensitive-file-${slugOf(r.entry)}`, servedToo: r.servedToo }]),
);
const byLength = (a: string, b: string): number => b.length - a.length;
const NAME_ENTRIES = SENSITIVE_FILE_RULES.filter((r) => r.match === 'name').map((r) => r.entry.toLowerCase()).sort(byLength);
const SUFFIX_ENTRIES = SENSITIVE_FILE_RULES.filter((r) => r.match === 'suffix').map((r) => r.entry.toLowerCase()).sort(byLength);
/** A name as whole segment(s): after a separator or the start, before a separator or the end (longest entry first). */
const SENSITIVE_NAME = new RegExp(`(?:^|[/\\\\])(${NAME_ENTRIES.map(escapeRegExp).join('|')})(?=[/\\\\]|$)`, 'g');
/** A suffix ends the last segment and is not all of it: `/index.php.bak`, not `/.bak`. */
const SENSITIVE_SUFFIX = new RegExp(`[^/\\\\](${SUFFIX_ENTRIES.map(escapeRegExp).join('|')})$`);

function isUnserved(status: number | null): boolean {
  return status !== null && status >= 400 && status < 500;
}

/**
 * Sensitive-file rule ids for one decoded, lower-cased path. Entries that a site may
 * legitimately serve (archives, `.bak`) count only when the answer was a 4xx.
 */
export function detectSensitiveFile(decodedPath: string, status: number | null): string[] {
  const found: string[] = [];
  const unserved = isUnserved(status);
  const take = (entry: string): void => {
    const c = SENSITIVE_BY_ENTRY.get(entry)!;
    if ((c.servedToo || unserved) && !found.includes(c.rule)) found.push(c.rule);
  };
  SENSITIVE_NAME.lastIndex = 0;
  for (let m = SENSITIVE_NAME.exec(decodedPath); m !== null; m = SENSITIVE_NAME.exec(decodedPath)) take(m[1]!);
  const suffix = SENSITIVE_SUFFIX.exec(decodedPath);
  if (suffix !== null) take(suffix[1]!);
  return found;
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

const BACKDOOR_BY_NAME = new Map<string, CompiledSensitive>(
  BACKDOOR_RULES.map((r) => [r.entry.toLowerCase(), { rule: `backdoor-${slugOf(r.entry)}`, servedToo: r.servedToo }]),
);
/** Every entry's name ends in one of these (`.php`, `.php56`, `.aspx`, `.pl`, `t4`): most paths are rejected on their last characters. */
const BACKDOOR_ENDINGS: readonly string[] = [...new Set([...BACKDOOR_BY_NAME.keys()].map((name) => name.slice(-2)))];

const UPLOAD_HANDLER_BY_ENTRY = new Map(UPLOAD_HANDLER_RULES.map((r) => [r.entry, `backdoor-upload-${slugOf(r.entry)}`]));
const UPLOAD_HANDLER = new RegExp([...UPLOAD_HANDLER_BY_ENTRY.keys()].sort(byLength).map(escapeRegExp).join('|'), 'g');

/**
 * Webshell/backdoor rule ids for one decoded, lower-cased path: its last segment is a known
 * shell's name, or (answered 4xx) it asks for a web editor's upload handler. Names an ordinary
 * site may have count only when the answer was a 4xx.
 */
export function detectBackdoor(decodedPath: string, status: number | null): string[] {
  const unserved = isUnserved(status);
  let found: string[] | null = null;
  if (BACKDOOR_ENDINGS.includes(decodedPath.slice(-2))) {
    const known = BACKDOOR_BY_NAME.get(decodedPath.slice(decodedPath.lastIndexOf('/') + 1));
    if (known !== undefined && (known.servedToo || unserved)) found = [known.rule];
  }
  if (unserved) {
    UPLOAD_HANDLER.lastIndex = 0;
    for (let m = UPLOAD_HANDLER.exec(decodedPath); m !== null; m = UPLOAD_HANDLER.exec(decodedPath)) {
      const rule = UPLOAD_HANDLER_BY_ENTRY.get(m[0])!;
      found ??= [];
      if (!found.includes(rule)) found.push(rule);
    }
  }
  return found ?? NONE;
}

const CVE_BY_PATH = new Map<string, CvePathRule[]>();
for (const r of CVE_PATH_RULES) if (r.path !== '') CVE_BY_PATH.set(r.path, [...(CVE_BY_PATH.get(r.path) ?? []), r]);
/** One pass over the lower-cased raw path for every entry, longest first. */
const CVE_PATH = new RegExp([...CVE_BY_PATH.keys()].sort(byLength).map(escapeRegExp).join('|'), 'g');
const CVE_QUERY_ONLY = CVE_PATH_RULES.filter((r) => r.path === '' && r.query !== undefined);
/** First characters of the query-only entries: most queries are rejected on one character. */
const CVE_QUERY_FIRST = new Set(CVE_QUERY_ONLY.map((r) => r.query!.charAt(0)));

/**
 * `cve-2021-3129` when the raw target contains a known exploit's path (and query, when its entry
 * needs one). `loweredRawPath`: the path as logged, lower-cased (not decoded: some entries are an
 * encoding trick, `%252e%252e`, `%3f`, as CrowdSec matches them).
 */
export function detectCveProbe(loweredRawPath: string, rawQuery: string | null, status: number | null): string[] {
  CVE_PATH.lastIndex = 0;
  let m = CVE_PATH.exec(loweredRawPath);
  const queryOnly = rawQuery !== null && rawQuery !== '' && CVE_QUERY_FIRST.has(rawQuery.charAt(0).toLowerCase());
  if (m === null && !queryOnly) return NONE;
  const found: string[] = [];
  const unserved = isUnserved(status);
  for (; m !== null; m = CVE_PATH.exec(loweredRawPath)) {
    for (const r of CVE_BY_PATH.get(m[0])!) {
      if (r.query !== undefined && (rawQuery === null || !rawQuery.toLowerCase().includes(r.query))) continue;
      if (r.servedToo || unserved) addRule(found, slugOf(r.cve));
    }
  }
  // A query-only entry (`?%ad`, CVE-2024-4577) is the start of the query.
  if (queryOnly) for (const r of CVE_QUERY_ONLY) if (rawQuery.slice(0, r.query!.length).toLowerCase() === r.query) addRule(found, slugOf(r.cve));
  return found;
}

const techRule = (tag: string): string => `tech-${slugOf(tag.replace(/-probing$/, ''))}`;
const TECH_EQUALS = new Map<string, string>();
for (const r of TECHNOLOGY_PROBE_RULES) if (r.match === 'equals' && !TECH_EQUALS.has(r.entry.toLowerCase())) TECH_EQUALS.set(r.entry.toLowerCase(), techRule(r.tag));
const TECH_ANYWHERE = new Map(TECHNOLOGY_PROBE_RULES.filter((r) => r.match === 'contains').map((r) => [r.entry.toLowerCase(), techRule(r.tag)]));
const TECH_PREFIX = new Map(TECHNOLOGY_PROBE_RULES.filter((r) => r.match === 'prefix').map((r) => [r.entry.toLowerCase(), techRule(r.tag)]));
/** One pass over the path for every `contains` entry (longest first), one for the `prefix` entries. */
const TECH_CONTAINS = new RegExp([...TECH_ANYWHERE.keys()].sort(byLength).map(escapeRegExp).join('|'), 'g');
const TECH_STARTS = new RegExp(`^(?:${[...TECH_PREFIX.keys()].sort(byLength).map(escapeRegExp).join('|')})`);

/**
 * `tech-<product>` for a decoded, lower-cased path that CrowdSec's technology-probing list names
 * (`/crx/packmgr/…`, `/nwa`, `/cgi-bin/videoconfiguration.cgi`), only when the site answered 403
 * or 404 (as its scenario): the site does not run that product, the request went looking for it.
 */
export function detectTechnologyProbe(decodedPath: string, status: number | null): string[] {
  if (status !== 404 && status !== 403) return NONE;
  let found: string[] | null = null;
  const exact = TECH_EQUALS.get(decodedPath);
  if (exact !== undefined) found = [exact];
  const start = TECH_STARTS.exec(decodedPath);
  if (start !== null) addRule((found ??= []), TECH_PREFIX.get(start[0])!);
  TECH_CONTAINS.lastIndex = 0;
  for (let m = TECH_CONTAINS.exec(decodedPath); m !== null; m = TECH_CONTAINS.exec(decodedPath)) addRule((found ??= []), TECH_ANYWHERE.get(m[0])!);
  return found ?? NONE;
}

const CONNECT_RULE = ['protocol-open-proxy-connect'];
const INVALID_VERSION_RULE = ['protocol-invalid-http-version'];

/** `protocol-…` rule ids for what the request line says (rules/request-line.ts): a CONNECT, a version that does not exist. */
export function detectRequestLine(method: string | null, invalidProtocol: string | undefined): string[] {
  if (method === 'CONNECT') return invalidProtocol === undefined ? CONNECT_RULE : [...CONNECT_RULE, ...INVALID_VERSION_RULE];
  return invalidProtocol === undefined ? NONE : INVALID_VERSION_RULE;
}

const NONE: string[] = [];

function addRule(found: string[], rule: string): void {
  if (!found.includes(rule)) found.push(rule);
}
