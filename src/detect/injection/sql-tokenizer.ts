// A small SQL lexer, tolerant of anything: it exists to see what a database
// would see if a parameter value were pasted into a query, not to validate SQL.

export type SqlTokenKind =
  | 'string'
  | 'number'
  | 'word'
  | 'variable'
  | 'operator'
  | 'comment'
  | 'open'
  | 'close'
  | 'comma'
  | 'semicolon'
  | 'dot'
  | 'other';

export interface SqlToken {
  kind: SqlTokenKind;
  /** Lower-cased source text; for strings the content without quotes. */
  text: string;
  /** For strings: whether the closing quote was found. */
  closed?: boolean;
}

/** Tokens beyond this are ignored: rules look at the shape of the start of a value. */
export const MAX_SQL_TOKENS = 256;

const WORD_START = /[a-z_\u00c0-\uffff]/;
const WORD_PART = /[a-z0-9_$\u00c0-\uffff]/;
const DIGIT = /[0-9]/;
const OPERATORS_3 = ['<=>'];
const OPERATORS_2 = ['<>', '!=', '<=', '>=', '||', '&&', ':=', '<<', '>>', '!<', '!>'];
const OPERATOR_1 = '=<>!+-*/%&|^~';

/**
 * Tokenise `input` (already decoded and lower-cased). `openQuote`, when given,
 * starts the lexer inside a string literal opened by that quote: this is how a
 * value appears when the application pastes it between quotes.
 */
export function tokenizeSql(input: string, openQuote: "'" | '"' | null = null): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const n = input.length;
  if (openQuote !== null) {
    const end = scanString(input, 0, openQuote);
    tokens.push({ kind: 'string', text: input.slice(0, end.contentEnd), closed: end.closed });
    i = end.next;
  }
  while (i < n && tokens.length < MAX_SQL_TOKENS) {
    const ch = input[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = scanString(input, i + 1, ch);
      tokens.push({ kind: 'string', text: input.slice(i + 1, end.contentEnd), closed: end.closed });
      i = end.next;
      continue;
    }
    if (ch === '`') {
      // Back-quoted identifiers are names in MySQL, not strings.
      const close = input.indexOf('`', i + 1);
      const stop = close === -1 ? n : close;
      tokens.push({ kind: 'word', text: input.slice(i + 1, stop) });
      i = close === -1 ? n : close + 1;
      continue;
    }
    if ((ch === '-' && input[i + 1] === '-') || ch === '#') {
      tokens.push({ kind: 'comment', text: input.slice(i) });
      break;
    }
    if (ch === '/' && input[i + 1] === '*') {
      const close = input.indexOf('*/', i + 2);
      tokens.push({ kind: 'comment', text: input.slice(i, close === -1 ? n : close + 2) });
      i = close === -1 ? n : close + 2;
      continue;
    }
    if (DIGIT.test(ch) || (ch === '.' && DIGIT.test(input[i + 1] ?? ''))) {
      let j = i + 1;
      if (ch === '0' && (input[j] === 'x' || input[j] === 'b')) j++;
      while (j < n && /[0-9a-f.]/.test(input[j]!)) j++;
      if (j < n && WORD_PART.test(input[j]!)) {
        // `5rt`, `3andador4`: a word that starts with digits, not a number.
        while (j < n && WORD_PART.test(input[j]!)) j++;
        tokens.push({ kind: 'word', text: input.slice(i, j) });
      } else {
        tokens.push({ kind: 'number', text: input.slice(i, j) });
      }
      i = j;
      continue;
    }
    if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < n && WORD_PART.test(input[j]!)) j++;
      tokens.push({ kind: 'word', text: input.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === '@') {
      let j = i + 1;
      if (input[j] === '@') j++;
      while (j < n && WORD_PART.test(input[j]!)) j++;
      tokens.push({ kind: 'variable', text: input.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close', text: ch });
      i++;
      continue;
    }
    if (ch === ',' || ch === ';' || ch === '.') {
      tokens.push({ kind: ch === ',' ? 'comma' : ch === ';' ? 'semicolon' : 'dot', text: ch });
      i++;
      continue;
    }
    const three = input.slice(i, i + 3);
    const two = input.slice(i, i + 2);
    if (OPERATORS_3.includes(three)) {
      tokens.push({ kind: 'operator', text: three });
      i += 3;
    } else if (OPERATORS_2.includes(two)) {
      tokens.push({ kind: 'operator', text: two });
      i += 2;
    } else if (OPERATOR_1.includes(ch)) {
      tokens.push({ kind: 'operator', text: ch });
      i++;
    } else {
      tokens.push({ kind: 'other', text: ch });
      i++;
    }
  }
  return tokens;
}

function scanString(input: string, start: number, quote: string): { contentEnd: number; next: number; closed: boolean } {
  let j = start;
  while (j < input.length) {
    const ch = input[j]!;
    if (ch === '\\') {
      j += 2;
      continue;
    }
    if (ch === quote) {
      // A doubled quote is an escaped quote inside the literal.
      if (input[j + 1] === quote) {
        j += 2;
        continue;
      }
      return { contentEnd: j, next: j + 1, closed: true };
    }
    j++;
  }
  return { contentEnd: input.length, next: input.length, closed: false };
}
