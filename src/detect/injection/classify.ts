// Rules over one request target: the path, and each query parameter's name and
// value on their own, each decoded first. Splitting on the raw `&` and `=`
// before decoding follows how the application itself sees its parameters.

import { decodeForInspection } from './decode.js';
import { detectSqlInjection } from './sql.js';
import { detectXss } from './xss.js';
import { detectTraversal } from './traversal.js';
import { detectCommandInjection } from './command.js';
import { detectTemplateInjection } from './template.js';
import { pathMayInject, queryPartMayInject } from './precheck.js';

export type InjectionClass = 'sqli' | 'xss' | 'traversal' | 'command' | 'template';

export const INJECTION_CLASSES: readonly InjectionClass[] = ['sqli', 'xss', 'traversal', 'command', 'template'];

export interface ClassifiedTarget {
  classes: InjectionClass[];
  /** The decoded part(s) that matched, joined with ` & `; truncated to MAX_DECODED_EVIDENCE. */
  decoded: string;
  /** Short rule names, e.g. `sql-union-select`. */
  matched: string[];
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

function classesOfRules(rules: string[]): InjectionClass[] {
  const classes = new Set<InjectionClass>();
  for (const rule of rules) {
    if (rule.startsWith('sql-')) classes.add('sqli');
    else if (rule.startsWith('xss-')) classes.add('xss');
    else if (rule.startsWith('traversal-')) classes.add('traversal');
    else if (rule.startsWith('command-')) classes.add('command');
    else if (rule.startsWith('template-')) classes.add('template');
  }
  return INJECTION_CLASSES.filter((c) => classes.has(c));
}

/** Every rule over one decoded text. */
export function detectInDecoded(text: string, commentsJoined: string | null, inPath: boolean): string[] {
  const rules = new Set<string>();
  for (const candidate of commentsJoined === null ? [text] : [text, commentsJoined]) {
    // In a path, `'` and `;` are ordinary (`/o'reilly/`, `;jsessionid=`); SQL and command rules need a query value.
    if (!inPath) {
      for (const r of detectSqlInjection(candidate)) rules.add(r);
      for (const r of detectCommandInjection(candidate)) rules.add(r);
    }
    for (const r of detectXss(candidate)) rules.add(r);
    for (const r of detectTraversal(candidate)) rules.add(r);
    for (const r of detectTemplateInjection(candidate)) rules.add(r);
  }
  return [...rules];
}

/** Rules over one query value (or name), raw as logged. */
export function classifyQueryValue(raw: string): { rules: string[]; decoded: string } {
  if (!queryPartMayInject(raw)) return { rules: [], decoded: raw };
  const decoded = decodeForInspection(raw, { plusAsSpace: true });
  return { rules: detectInDecoded(decoded.text, decoded.commentsJoined, false), decoded: decoded.text };
}

/** Rules over a request path, raw as logged. */
export function classifyPath(raw: string): { rules: string[]; decoded: string } {
  if (!pathMayInject(raw)) return { rules: [], decoded: raw };
  const decoded = decodeForInspection(raw);
  return { rules: detectInDecoded(decoded.text, decoded.commentsJoined, true), decoded: decoded.text };
}

/** Null when no rule matches the path or any query name or value. */
export function classifyTarget(path: string, query: string | null): ClassifiedTarget | null {
  const matched = new Set<string>();
  const evidence: string[] = [];
  const take = (result: { rules: string[]; decoded: string }): void => {
    if (result.rules.length === 0) return;
    for (const rule of result.rules) matched.add(rule);
    evidence.push(result.decoded);
  };
  take(classifyPath(path));
  if (query !== null && query !== '') {
    for (const part of splitQuery(query)) {
      take(classifyQueryValue(part.name));
      if (part.value !== null) take(classifyQueryValue(part.value));
    }
  }
  if (matched.size === 0) return null;
  const rules = [...matched];
  const decoded = evidence.join(' & ');
  return {
    classes: classesOfRules(rules),
    decoded: decoded.length > MAX_DECODED_EVIDENCE ? decoded.slice(0, MAX_DECODED_EVIDENCE - 1) + '…' : decoded,
    matched: rules,
  };
}
