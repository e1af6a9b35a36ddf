// SQL injection: injection-shaped token sequences, looked for in the three
// places a value can land in a query: bare (numeric context), inside '…' and
// inside "…". A rule fires on token shape, never on a keyword alone, so
// "select a size" or "O'Neil and Co" stay clean.

import { tokenizeSql, type SqlToken } from './sql-tokenizer.js';

const LOGICAL = new Set(['and', 'or', 'xor', '&&', '||']);
const COMPARISON_WORDS = new Set(['like', 'rlike', 'regexp', 'between', 'in', 'is', 'sounds', 'not', 'exists']);
const COMPARISON_OPERATORS = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '<=>', '!<', '!>']);
const STATEMENTS = new Set([
  'select', 'insert', 'update', 'delete', 'drop', 'create', 'alter', 'truncate', 'exec', 'execute',
  'declare', 'shutdown', 'waitfor', 'begin', 'grant', 'revoke', 'call', 'rename', 'replace', 'handler', 'load', 'set',
]);
/** Calls whose only use in a parameter value is to make the database wait. */
const DELAY_FUNCTIONS = new Set(['sleep', 'benchmark', 'pg_sleep', 'randomblob', 'dbms_lock.sleep', 'dbms_pipe.receive_message', 'sys.dbms_lock.sleep']);
/** Names only an attacker maps a database with. */
const CATALOGS = [
  'information_schema', 'sysobjects', 'syscolumns', 'sysdatabases', 'sys.tables', 'sys.objects', 'pg_catalog',
  'pg_user', 'pg_shadow', 'pg_database', 'sqlite_master', 'sqlite_schema', 'all_tables', 'all_users', 'all_tab_columns',
  'user_tables', 'user_tab_columns', 'dba_users', 'msysobjects', 'msysaccessobjects', 'mysql.user', 'master..sysdatabases',
  'rdb$database', 'rdb$fields', 'sysibm.sysdummy1', 'sysmaster:sysdual', 'v$version', 'dual',
];
/** Calls used to leak data through errors, files or the network: suspicious wherever they are called. */
const STRONG_FUNCTIONS = new Set(['extractvalue', 'updatexml', 'load_file', 'xp_cmdshell', 'sp_executesql', 'name_const', 'gtid_subset', 'utl_inaddr.get_host_address', 'utl_http.request', 'ctxsys.drithsx.sn', 'dbms_xmlgen.getxml', 'pg_read_file', 'lo_import', 'openrowset', 'opendatasource']);

/** A dotted name (`dbms_lock.sleep`) joined into one word, and a function call recognised. */
interface Item {
  token: SqlToken;
  /** `word` followed by `(`: the word (dotted name joined) is the function name. */
  call: string | null;
}

function joinDotted(tokens: SqlToken[]): Item[] {
  const items: Item[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let token = tokens[i]!;
    if (token.kind === 'word' || token.kind === 'variable') {
      let text = token.text;
      while (tokens[i + 1]?.kind === 'dot' && (tokens[i + 2]?.kind === 'word' || tokens[i + 2]?.kind === 'dot')) {
        text += '.' + (tokens[i + 2]!.kind === 'dot' ? '' : tokens[i + 2]!.text);
        i += 2;
      }
      token = { kind: token.kind, text };
    }
    const next = tokens[i + 1];
    items.push({ token, call: token.kind === 'word' && next?.kind === 'open' ? token.text : null });
  }
  return items;
}

function isWord(item: Item | undefined, ...words: string[]): boolean {
  return item !== undefined && item.token.kind === 'word' && words.includes(item.token.text);
}

function isLogical(item: Item | undefined): boolean {
  if (item === undefined) return false;
  return (item.token.kind === 'word' || item.token.kind === 'operator') && LOGICAL.has(item.token.text);
}

function isLiteral(item: Item | undefined): boolean {
  return item !== undefined && (item.token.kind === 'number' || item.token.kind === 'string' || isWord(item, 'null', 'true', 'false'));
}

function isComparison(item: Item | undefined): boolean {
  if (item === undefined) return false;
  if (item.token.kind === 'operator') return COMPARISON_OPERATORS.has(item.token.text);
  return item.token.kind === 'word' && COMPARISON_WORDS.has(item.token.text);
}

function baseName(call: string): string {
  const dot = call.lastIndexOf('.');
  return dot === -1 ? call : call.slice(dot + 1);
}

/**
 * After a logical operator: does an expression follow that a query would evaluate
 * (a comparison, a call, a sub-select, a bare literal ending the value)? Plain
 * prose after "or" has none of these.
 */
function expressionFollows(items: Item[], start: number): boolean {
  let sawOperand = false;
  for (let i = start; i < Math.min(items.length, start + 10); i++) {
    const item = items[i]!;
    if (item.call !== null || isComparison(item) || isWord(item, 'select', 'case', 'if')) return true;
    if (item.token.kind === 'comment' || item.token.kind === 'semicolon') return sawOperand;
    if (isLogical(item) || item.token.kind === 'comma') return false;
    if (item.token.kind === 'operator' && sawOperand) return true;
    if (isLiteral(item) || item.token.kind === 'word' || item.token.kind === 'variable' || item.token.kind === 'open') {
      sawOperand = true;
    }
  }
  // `' or true` / `1 and 1` ending the value: the rest of the original query completes it.
  const last = items[items.length - 1];
  return sawOperand && items.length - start === 1 && isLiteral(last);
}

function findSequenceRule(items: Item[]): string | null {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const text = item.token.text;
    if (item.token.kind === 'word') {
      if (text === 'union') {
        let j = i + 1;
        if (isWord(items[j], 'all', 'distinct')) j++;
        while (items[j]?.token.kind === 'open') j++;
        if (isWord(items[j], 'select')) return 'sql-union-select';
      }
      if (text === 'select' && items[i - 1]?.token.kind === 'open') return 'sql-subquery';
      if (text === 'waitfor' && isWord(items[i + 1], 'delay', 'time')) return 'sql-time-delay';
      if ((text === 'order' || text === 'group') && isWord(items[i + 1], 'by')) {
        const after = items[i + 2];
        const end = items[i + 3];
        if (after?.token.kind === 'number' && (end === undefined || end.token.kind === 'comment')) return 'sql-order-by-probe';
      }
      if (text === 'procedure' && isWord(items[i + 1], 'analyse', 'analyze')) return 'sql-procedure-analyse';
      if (text === 'into' && isWord(items[i + 1], 'outfile', 'dumpfile')) return 'sql-into-outfile';
      if (CATALOGS.includes(text) || CATALOGS.some((name) => text.startsWith(name + '.'))) {
        // `dual` is an ordinary English word unless it follows FROM.
        if (text !== 'dual' || isWord(items[i - 1], 'from')) return 'sql-system-catalog';
      }
      if (text === 'case' && isWord(items[i + 1], 'when') && items[i - 1]?.token.kind === 'open') return 'sql-conditional';
    }
    if (item.token.kind === 'variable' && text.startsWith('@@') && text.length > 2) return 'sql-system-variable';
    if (item.call !== null) {
      if (DELAY_FUNCTIONS.has(item.call) || DELAY_FUNCTIONS.has(baseName(item.call))) return 'sql-time-delay';
      if (STRONG_FUNCTIONS.has(item.call)) return 'sql-probe-function';
      if ((item.call === 'char' || item.call === 'chr' || item.call === 'nchar') && charChain(items, i)) return 'sql-char-encoding';
    }
    if (item.token.kind === 'semicolon') {
      let j = i + 1;
      while (items[j]?.token.kind === 'open') j++;
      const statement = items[j];
      if (statement !== undefined && (statement.call === 'if' || statement.call === 'iif')) return 'sql-stacked-query';
      if (statement !== undefined && statement.token.kind === 'word' && STATEMENTS.has(statement.token.text) && j + 1 < items.length) {
        if (statement.token.text !== 'set' || items[j + 1]?.token.kind === 'variable') return 'sql-stacked-query';
      }
    }
    if (item.token.kind === 'open' && isLiteral(items[i + 1]) && isComparison(items[i + 2]) && items[i + 2]!.token.kind === 'operator' && isLiteral(items[i + 3])) {
      // `iif(5257=5257,1,1/0)`, `elt(1=1,…)`, `(8362=9139)*9139`: a condition on two constants is a true/false oracle.
      return 'sql-literal-comparison';
    }
    if (isLogical(item) || isWord(item, 'where', 'having')) {
      // `and 4241=4241`, `or 'a'='a'`: a comparison between two literals is a probe, not a filter.
      let j = i + 1;
      while (items[j]?.token.kind === 'open') j++;
      if (isLiteral(items[j]) && isComparison(items[j + 1]) && isLiteral(items[j + 2])) {
        if (items[j + 1]!.token.kind === 'operator' || items[j + 2]!.token.kind !== 'word') return 'sql-literal-comparison';
      }
    }
  }
  return null;
}

function charChain(items: Item[], start: number): boolean {
  // char(113)+char(113)+…: strings built from code points to dodge quote filters.
  let calls = 0;
  for (let i = start; i < Math.min(items.length, start + 40); i++) {
    if (items[i]!.call === 'char' || items[i]!.call === 'chr' || items[i]!.call === 'nchar') calls++;
  }
  return calls >= 2;
}

/**
 * The value closes the literal it was pasted into (or ends a number) and goes on
 * as SQL: a logical operator with an expression, a comment, a `;`, a clause.
 */
function findBreakout(items: Item[], quoted: boolean): string | null {
  let i = 1;
  const first = items[0];
  if (first === undefined) return null;
  if (quoted) {
    if (first.token.kind !== 'string' || first.token.closed !== true) return null;
  } else if (first.token.kind === 'operator' && first.token.text === '-' && items[1]?.token.kind === 'number') {
    i = 2;
  } else if (first.token.kind !== 'number') {
    return null;
  }
  while (items[i]?.token.kind === 'close') i++;
  const next = items[i];
  if (next === undefined) return null;
  if (next.token.kind === 'comment') return quoted && i === items.length - 1 ? 'sql-quote-comment' : null;
  if (isLogical(next)) return expressionFollows(items, i + 1) ? (quoted ? 'sql-quote-logical' : 'sql-numeric-logical') : null;
  if (quoted && next.token.kind === 'semicolon') return items.length === i + 1 || items[i + 1]?.token.kind === 'comment' ? 'sql-quote-terminate' : null;
  if (quoted && next.token.kind === 'operator' && ['+', '||', '|', '&', '^', '*', '-'].includes(next.token.text)) {
    // `'+(select …)+'`, `'||sleep(5)||'`: concatenation splicing an expression into the literal.
    const operand = items[i + 1];
    if (operand !== undefined && (operand.call !== null || operand.token.kind === 'open')) return 'sql-quote-concat';
  }
  if (isWord(next, 'union', 'order', 'group', 'having', 'limit', 'procedure', 'into', 'rlike', 'regexp', 'like', 'sounds', 'div')) {
    if (items[i + 1] !== undefined) return quoted ? 'sql-quote-clause' : null;
  }
  if (quoted && isComparison(next) && next.token.kind === 'operator') {
    const operand = items[i + 1];
    if (operand !== undefined && (operand.call !== null || operand.token.kind === 'open')) return 'sql-quote-comparison';
  }
  if (isWord(next, 'as') && isWord(items[i + 2], 'where')) return 'sql-alias-where';
  return null;
}

/** Rule names found in one decoded value, in each quoting context; empty when clean. */
export function detectSqlInjection(decoded: string): string[] {
  const found = new Set<string>();
  const contexts: Array<"'" | '"' | null> = [null];
  if (decoded.includes("'")) contexts.push("'");
  if (decoded.includes('"')) contexts.push('"');
  for (const context of contexts) {
    const items = joinDotted(tokenizeSql(decoded, context));
    const breakout = findBreakout(items, context !== null);
    if (breakout !== null) found.add(breakout);
    const sequence = findSequenceRule(items);
    if (sequence !== null) found.add(sequence);
  }
  return [...found];
}
