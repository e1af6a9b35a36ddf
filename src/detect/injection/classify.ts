// Rules over one request target: the path, and each query parameter's name and
// value on their own, each decoded first. Splitting on the raw `&` and `=`
// before decoding follows how the application itself sees its parameters.

import { decodeForDisplay, decodeForInspection, decodeLayers, type DecodeOptions } from './decode.js';
import { detectSqlInjection } from './sql.js';
import { detectXss } from './xss.js';
import { detectTraversal } from './traversal.js';
import { detectCommandInjection } from './command.js';
import { detectTemplateInjection } from './template.js';
import { detectAdminProbe, detectBackdoor, detectCodeInjection, detectCveProbe, detectSqlFragment, detectSensitiveFile, detectShellshock, detectTechnologyProbe, detectToolPath } from './table-rules.js';
import { pathMayInject, queryPartMayInject } from './precheck.js';
import { classesOfRules, classOfRule, displayName, uniqueFindings, type FieldKind, type Finding, type FindingClass, type FindingField } from './findings.js';
import { truncate } from '../../text/sanitize.js';

/** The attack classes; `InjectionClass` is the name the detector's callers know them by. */
export type InjectionClass = FindingClass;

export { FINDING_CLASSES as INJECTION_CLASSES } from './findings.js';

export interface ClassifiedTarget {
  classes: InjectionClass[];
  /** The decoded part(s) that matched, joined with ` & `; truncated to MAX_DECODED_EVIDENCE. */
  decoded: string;
  /** Short rule names, e.g. `sql-union-select`. */
  matched: string[];
  /** Class, field and rule of each match ("PHP code injection in query parameter `s`"). */
  findings: Finding[];
}

/** Evidence text is cut here: it ends up in reports. */
export const MAX_DECODED_EVIDENCE = 300;
/** Parameters beyond this many in one query are not inspected (bounded work per request). */
export const MAX_QUERY_PARTS = 64;

export interface QueryPart {
  name: string;
  /** Null for a bare name without `=`. */
  value: string | null;
}

/** Split a raw query on `&` without decoding (`;` is left inside values, where the rules look for it). */
export function splitQuery(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const piece of query.split('&')) {
    if (parts.length >= MAX_QUERY_PARTS) break;
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    parts.push(eq === -1 ? { name: piece, value: null } : { name: piece.slice(0, eq), value: piece.slice(eq + 1) });
  }
  return parts;
}

/** Every rule over one decoded text. */
export function detectInDecoded(text: string, commentsJoined: string | null, inPath: boolean): string[] {
  const rules = new Set<string>();
  for (const candidate of commentsJoined === null ? [text] : [text, commentsJoined]) {
    // In a path, `'` and `;` are ordinary (`/o'reilly/`, `;jsessionid=`); SQL and command rules need a query value.
    if (!inPath) {
      for (const r of detectSqlInjection(candidate)) rules.add(r);
      for (const r of detectSqlFragment(candidate)) rules.add(r);
      for (const r of detectCommandInjection(candidate)) rules.add(r);
    }
    for (const r of detectXss(candidate)) rules.add(r);
    for (const r of detectTraversal(candidate)) rules.add(r);
    for (const r of detectTemplateInjection(candidate)) rules.add(r);
    for (const r of detectCodeInjection(candidate)) rules.add(r);
    for (const r of detectShellshock(candidate)) rules.add(r);
    // Without a status only the files no site serves count (`.env`, `.git/`, keys); the rest need a 4xx (scan-request.ts).
    // In a value, only what reads as a file path: `../../.env`, `.htpasswd`, `c:\\inetpub\\web.config`
    // (a path is matched once, with its status, by the caller: classifyTarget, scanRequest).
    if (!inPath && /^\.|[\/\\]/.test(candidate)) for (const r of detectSensitiveFile(candidate, null)) rules.add(r);
  }
  // `eval($_POST[x])` is PHP: its `eval(` is not also a JavaScript sink.
  if (rules.has('xss-script-sink') && [...rules].some((r) => r.startsWith('code-php-')) && ![...rules].some((r) => r.startsWith('xss-') && r !== 'xss-script-sink')) {
    rules.delete('xss-script-sink');
  }
  return [...rules];
}

/** Rules over one query value (or name), raw as logged. */
export function classifyQueryValue(raw: string): ClassifiedValue {
  if (!queryPartMayInject(raw)) return { rules: [], decoded: raw };
  const decoded = decodeForInspection(raw, { plusAsSpace: true });
  return shownIfMatched(detectInDecoded(decoded.text, decoded.commentsJoined, false), decoded.text, raw, { plusAsSpace: true });
}

/** Rules over one value and its decoded, lower-cased form; `shown` keeps the case when a rule matched. */
export interface ClassifiedValue {
  rules: string[];
  decoded: string;
  shown?: string;
}

/** The value as rules read it, and as an analyst is shown it when one matched (decoded once more, only then). */
export function shownIfMatched(rules: string[], decoded: string, raw: string, options: DecodeOptions = {}): ClassifiedValue {
  return rules.length === 0 ? { rules, decoded } : { rules, decoded, shown: decodeForDisplay(raw, options) };
}

/** Rules over a request path, raw as logged. */
export function classifyPath(raw: string): ClassifiedValue {
  if (!pathMayInject(raw)) return { rules: [], decoded: raw };
  const decoded = decodeForInspection(raw);
  return shownIfMatched(detectInDecoded(decoded.text, decoded.commentsJoined, true), decoded.text, raw);
}

/** Null when no rule matches the path or any query name or value. */
export function classifyTarget(path: string, query: string | null): ClassifiedTarget | null {
  const evidence = new EvidenceCollector();
  collectPath(path, null, evidence, query);
  if (query !== null && query !== '') collectQuery(query, evidence, 'query-name', 'query-value');
  return evidence.result();
}

/**
 * Rules over a request path into `evidence`: the payload rules, and the sensitive-file, admin,
 * backdoor, CVE and technology-probe tables, which need the answer's status (null: unknown, only files no site
 * serves count). The CVE table reads the raw query too (an exploit's marker parameter).
 */
export function collectPath(path: string, status: number | null, evidence: EvidenceCollector, query: string | null = null): void {
  const payload = classifyPath(path);
  evidence.take(payload, { kind: 'path', name: null });
  // A path that needed no decoding is its raw text (lower-cased here); else the decoded text the rules read.
  const lowered = payload.decoded === path ? path.toLowerCase() : payload.decoded;
  const loweredRaw = path.toLowerCase();
  const probes = [
    ...detectSensitiveFile(lowered, status),
    ...detectAdminProbe(lowered, status),
    ...detectBackdoor(lowered, status),
    ...detectToolPath(loweredRaw),
    // Raw, as CrowdSec matches its list: some entries are an encoding trick (`%252e%252e`, `%3f`).
    ...detectCveProbe(loweredRaw, query, status),
    ...detectTechnologyProbe(lowered, status),
  ];
  if (probes.length > 0) evidence.take({ rules: probes, decoded: lowered, shown: payload.shown ?? (payload.decoded === path ? path : decodeForDisplay(path)) }, { kind: 'path', name: null });
}

/** An HTML entity for `<` or `>` (named or numeric), as raw or percent-encoded `&`. */
const ENTITY_MARKUP = /(?:&|%26)(?:lt|gt|#0*6[02]|#x0*3[ce]);/i;

/** Rules over each parameter name and value of a raw query, into `evidence` as fields of the given kinds. */
export function collectQuery(query: string, evidence: EvidenceCollector, nameKind: FieldKind, valueKind: FieldKind): void {
  // Markup written as HTML entities (`&lt;script …&gt;`) is cut apart by the `&` split below: the
  // application that stores and later renders the text (ZoneMinder's log view, CVE-2022-39285)
  // sees it whole, so the query is also read whole.
  if (ENTITY_MARKUP.test(query)) evidence.take(classifyQueryValue(query), { kind: valueKind, name: null });
  for (const part of splitQuery(query)) {
    const inName = classifyQueryValue(part.name);
    const inValue = part.value === null ? null : classifyQueryValue(part.value);
    if (inName.rules.length === 0 && (inValue === null || inValue.rules.length === 0)) continue;
    // The name is decoded only for evidence, so only when something matched; a bare name is its own field.
    const name = part.value === null ? null : parameterName(part.name);
    evidence.take(inName, { kind: nameKind, name });
    if (inValue !== null) evidence.take(inValue, { kind: valueKind, name });
  }
}

/** A raw parameter name as evidence shows it: decoded, printable, short. */
export function parameterName(raw: string): string {
  return displayName(decodeLayers(raw.slice(0, 256), { plusAsSpace: true }));
}

/** Gathers rule matches and their decoded text over the fields of one request. */
export class EvidenceCollector {
  // Created on the first match: most requests match nothing, and this runs for every one.
  private matched: Set<string> | null = null;
  private readonly evidence: string[] = [];
  private readonly findings: Finding[] = [];

  take(result: ClassifiedValue, field: FindingField): void {
    if (result.rules.length === 0) return;
    this.matched ??= new Set();
    for (const rule of result.rules) {
      this.matched.add(rule);
      const cls = classOfRule(rule);
      if (cls !== null) this.findings.push({ class: cls, field, rule });
    }
    this.evidence.push(result.shown ?? result.decoded);
  }

  result(): ClassifiedTarget | null {
    if (this.matched === null) return null;
    const rules = [...this.matched];
    const decoded = this.evidence.join(' & ');
    return {
      classes: classesOfRules(rules),
      decoded: truncate(decoded, MAX_DECODED_EVIDENCE),
      matched: rules,
      findings: uniqueFindings(this.findings),
    };
  }
}
