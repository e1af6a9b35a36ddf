// What the request scan found, per request: which class of attack, in which
// attacker-controlled field, by which rule. Small and plain on purpose: campaign
// grouping keys requests on these across clients, reports name them in words.

import { REQUEST_LINE_RULES } from './rules/request-line.js';
import { truncate } from '../../text/sanitize.js';

/** Attack classes, in the order reports list them. */
export const FINDING_CLASSES = [
  'sqli',
  'xss',
  'traversal',
  'command',
  'code',
  'template',
  'jndi',
  'shellshock',
  'tool',
  'sensitive-file',
  'admin-probe',
  'backdoor',
  'cve-probe',
  'tech-probe',
  'protocol',
] as const;

export type FindingClass = (typeof FINDING_CLASSES)[number];

/** Where in the request the finding was made. */
/** No access-log format logs request bodies, so there is no body field. */
export type FieldKind = 'request-line' | 'path' | 'query-name' | 'query-value' | 'user-agent' | 'referer' | 'host' | 'header' | 'cookie';

export interface FindingField {
  kind: FieldKind;
  /**
   * The parameter, header or cookie name (decoded, ≤ 40 printable characters)
   * for `query-name`/`query-value`/`header`/`cookie`, and the
   * Referer's own query parameter when the payload sat in one; else null.
   */
  name: string | null;
}

export interface Finding {
  class: FindingClass;
  field: FindingField;
  /** Rule id, e.g. `sql-union-select`, `tool-agent-sqlmap`, `sensitive-file-env`; its prefix names the class. */
  rule: string;
}

/** Rule id prefix → class. Every rule id starts with one of these (longest first where they share a start). */
const RULE_PREFIXES: readonly (readonly [string, FindingClass])[] = [
  ['sql-', 'sqli'],
  ['xss-', 'xss'],
  ['traversal-', 'traversal'],
  ['command-', 'command'],
  ['code-', 'code'],
  ['template-', 'template'],
  ['jndi-', 'jndi'],
  ['shellshock-', 'shellshock'],
  ['tool-', 'tool'],
  ['sensitive-file-', 'sensitive-file'],
  ['admin-', 'admin-probe'],
  ['backdoor-', 'backdoor'],
  ['cve-', 'cve-probe'],
  ['tech-', 'tech-probe'],
  ['protocol-', 'protocol'],
];

/** The class a rule id belongs to; null for an id no table defines. */
export function classOfRule(rule: string): FindingClass | null {
  for (const [prefix, cls] of RULE_PREFIXES) if (rule.startsWith(prefix)) return cls;
  return null;
}

/** Classes of some rule ids, deduplicated, in FINDING_CLASSES order. */
export function classesOfRules(rules: Iterable<string>): FindingClass[] {
  const seen = new Set<FindingClass>();
  for (const rule of rules) {
    const cls = classOfRule(rule);
    if (cls !== null) seen.add(cls);
  }
  return FINDING_CLASSES.filter((c) => seen.has(c));
}

const CLASS_LABELS: Readonly<Record<FindingClass, string>> = {
  sqli: 'SQL injection',
  xss: 'XSS',
  traversal: 'path traversal',
  command: 'command injection',
  code: 'code injection',
  template: 'template/expression injection',
  jndi: 'JNDI lookup',
  shellshock: 'Shellshock',
  tool: 'attack tool',
  'sensitive-file': 'sensitive-file probe',
  'admin-probe': 'admin/CMS discovery',
  backdoor: 'webshell/backdoor probe',
  'cve-probe': 'known-CVE exploit probe',
  'tech-probe': 'technology probe',
  protocol: 'HTTP protocol abuse',
};

/** The class in words: "SQL injection", "JNDI lookup"; a PHP rule's code injection is "PHP code injection". */
export function classLabel(cls: FindingClass, rule?: string): string {
  if (cls === 'code' && rule !== undefined && rule.startsWith('code-php-')) return 'PHP code injection';
  return CLASS_LABELS[cls];
}

/** The field in words: "User-Agent", "query parameter `s`", "header `X-Api-Version`". */
export function fieldLabel(field: FindingField): string {
  const name = field.name === null ? null : `\`${field.name}\``;
  switch (field.kind) {
    case 'request-line':
      return 'request line';
    case 'path':
      return 'path';
    case 'query-name':
      return name === null ? 'query parameter name' : `query parameter name ${name}`;
    case 'query-value':
      return name === null ? 'query' : `query parameter ${name}`;
    case 'user-agent':
      return 'User-Agent';
    case 'referer':
      return name === null ? 'Referer' : `Referer (its parameter ${name})`;
    case 'host':
      return 'Host header';
    case 'header':
      return name === null ? 'a header' : `header ${name}`;
    case 'cookie':
      return name === null ? 'Cookie' : `cookie ${name}`;
  }
}

/** "Shellshock in User-Agent", "path traversal in query parameter `file`" (names keep their case, the rest is lower case, to sit inside a sentence). */
export function describeFinding(finding: Finding): string {
  const what = classLabel(finding.class, finding.rule);
  // A tool announces itself: "attack tool in User-Agent" reads oddly, the rule names which.
  if (finding.class === 'tool') {
    return finding.field.kind === 'path' ? `attack tool ${toolName(finding.rule)}'s probe in path` : `attack tool ${toolName(finding.rule)} in ${fieldLabel(finding.field)}`;
  }
  if (finding.rule.startsWith('backdoor-upload-')) return `webshell upload-handler probe in ${fieldLabel(finding.field)}`;
  // Which vulnerability is the point: "exploit probe for CVE-2021-3129 in path".
  if (finding.class === 'cve-probe') return `exploit probe for ${finding.rule.toUpperCase()} in ${fieldLabel(finding.field)}`;
  // What the request line did: "open-proxy probe (CONNECT) in request line".
  if (finding.class === 'protocol') return `${REQUEST_LINE_LABELS.get(finding.rule) ?? what} in ${fieldLabel(finding.field)}`;
  // Which product was looked for: "technology probe for sap-nwa in path".
  if (finding.class === 'tech-probe') return `technology probe for ${finding.rule.slice('tech-'.length)} in ${fieldLabel(finding.field)}`;
  return `${what} in ${fieldLabel(finding.field)}`;
}

const REQUEST_LINE_LABELS = new Map(REQUEST_LINE_RULES.map((r) => [`protocol-${r.name}`, r.label]));

function toolName(rule: string): string {
  return rule.replace(/^tool-(?:agent|path)-/, '');
}

/** A field name as shown in evidence: decoded, printable, at most 40 characters. */
export function displayName(name: string): string {
  const printable = name.replace(/[^\x20-\x7e]/g, '?').replace(/`/g, "'");
  return truncate(printable, 40);
}

/** The same finding twice (same class, field and rule) counts once. */
export function findingKey(finding: Finding): string {
  return `${finding.rule}\u0000${finding.field.kind}\u0000${finding.field.name ?? ''}`;
}

/** Findings without repeats, in a stable order (class, field kind, field name, rule). */
export function uniqueFindings(findings: readonly Finding[]): Finding[] {
  // A request has a handful of findings: a linear scan beats building keys.
  const unique: Finding[] = [];
  for (const f of findings) {
    if (!unique.some((u) => u.rule === f.rule && u.field.kind === f.field.kind && u.field.name === f.field.name)) unique.push(f);
  }
  if (unique.length < 2) return unique;
  const classOrder = (c: FindingClass): number => FINDING_CLASSES.indexOf(c);
  return unique.sort(
    (a, b) =>
      classOrder(a.class) - classOrder(b.class) ||
      cmp(a.field.kind, b.field.kind) ||
      cmp(a.field.name ?? '', b.field.name ?? '') ||
      cmp(a.rule, b.rule),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
