// Canonicalise attacker-controlled text before any rule looks at it. Rules on
// raw text are defeated by changing only the encoding, so every detector sees
// the output of `decodeForInspection`, never the raw log field.

/** Inputs longer than this are cut before decoding: bounds CPU and memory per field. */
export const MAX_DECODE_INPUT = 8192;

/** Decoding layers are peeled at most this many times (`%252527` needs three). */
export const MAX_DECODE_ROUNDS = 4;

export interface DecodeOptions {
  /** `+` means space (query strings and form values), not in paths. */
  plusAsSpace?: boolean;
}

export interface DecodedText {
  /** Fully decoded, lower-cased, `/*…*\/` comments and whitespace runs collapsed to one space (or one `\n` when the run has a line break). */
  text: string;
  /**
   * The same text with inline comments removed instead of spaced, when there were
   * any: `UN/**\/ION` then reads `union`. Null when the input had no inline comment.
   */
  commentsJoined: string | null;
  /** True when the input was longer than MAX_DECODE_INPUT and was cut. */
  truncated: boolean;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  sol: '/',
  bsol: '\\',
  lpar: '(',
  rpar: ')',
  semi: ';',
  colon: ':',
  equals: '=',
  num: '#',
  excl: '!',
  dollar: '$',
  percnt: '%',
  lbrace: '{',
  rbrace: '}',
  lcub: '{',
  rcub: '}',
  lsqb: '[',
  rsqb: ']',
  grave: '`',
  vert: '|',
  verbar: '|',
  tab: '\t',
  newline: '\n',
  period: '.',
  comma: ',',
  ast: '*',
  plus: '+',
};

const HEX = /^[0-9a-fA-F]+$/;

function isHex(text: string): boolean {
  return HEX.test(text);
}

function codePointToString(code: number): string {
  // Surrogates and out-of-range numbers come from hostile input; map them to U+FFFD instead of throwing.
  if (!Number.isFinite(code) || code < 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(code);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes from consecutive `%XX`: UTF-8 when valid, overlong 2-byte forms (`%c0%af`) folded, else Latin-1. */
function bytesToText(bytes: number[]): string {
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    let out = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      const next = bytes[i + 1];
      if ((b === 0xc0 || b === 0xc1) && next !== undefined && next >= 0x80 && next <= 0xbf) {
        // Overlong encodings of ASCII are a classic filter bypass (`%c0%af` = `/`).
        out += String.fromCharCode(((b & 0x1f) << 6) | (next & 0x3f));
        i++;
      } else {
        out += String.fromCharCode(b);
      }
    }
    return out;
  }
}

/** One pass of percent-decoding; malformed `%` sequences stay as they are. */
export function percentDecodeOnce(input: string, plusAsSpace: boolean): string {
  if (!input.includes('%') && !(plusAsSpace && input.includes('+'))) return input;
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length > 0) {
      out += bytesToText(bytes);
      bytes = [];
    }
  };
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (ch === '%') {
      const two = input.slice(i + 1, i + 3);
      if (two.length === 2 && isHex(two)) {
        bytes.push(parseInt(two, 16));
        i += 3;
        continue;
      }
      const u = input.slice(i + 2, i + 6);
      if ((input[i + 1] === 'u' || input[i + 1] === 'U') && u.length === 4 && isHex(u)) {
        flush();
        out += codePointToString(parseInt(u, 16));
        i += 6;
        continue;
      }
    }
    flush();
    out += plusAsSpace && ch === '+' ? ' ' : ch;
    i++;
  }
  flush();
  return out;
}

const ENTITY = /&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});?/g;

/** HTML character references; the `;` is optional because browsers accept `&#39` too. */
export function decodeHtmlEntities(input: string): string {
  if (!input.includes('&')) return input;
  return input.replace(ENTITY, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return codePointToString(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    // Named references need their `;` unless common; an unknown name is left alone.
    return named !== undefined ? named : whole;
  });
}

const BACKSLASH_ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4}))/g;

/** JavaScript/C-style `\xNN`, `\uNNNN` and `\u{N}` escapes. */
export function decodeBackslashEscapes(input: string): string {
  if (!input.includes('\\')) return input;
  return input.replace(BACKSLASH_ESCAPE, (_whole, x?: string, braced?: string, u?: string) =>
    codePointToString(parseInt((x ?? braced ?? u)!, 16)),
  );
}

/** Peel encoding layers until nothing changes, at most MAX_DECODE_ROUNDS times. */
export function decodeLayers(input: string, options: DecodeOptions = {}): string {
  let current = input;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    // `+` is a space only in the first layer: a `%2B` the client encoded is a real plus.
    const next = decodeBackslashEscapes(decodeHtmlEntities(percentDecodeOnce(current, round === 0 && options.plusAsSpace === true)));
    if (next === current) break;
    current = next;
  }
  return current;
}

// MySQL executes the body of `/*!50000 select*/`, so it is kept; other comments are dropped.
const INLINE_COMMENT = /\/\*!?\d{0,5}|\*\//g;
// Only a closed comment is dropped: an unclosed `/*` is often a glob (`rm -rf /tmp/*;wget …`), and dropping
// it to the end would hide what follows; the SQL tokenizer still reads an unclosed `/*` as a comment.
const FULL_INLINE_COMMENT = /\/\*(?!!)[\s\S]*?\*\//g;
// Control characters and every kind of Unicode space read as whitespace to the parsers attacked.
const WHITESPACE_RUN = /[\s\u0000-\u001f\u007f\u00a0\u2000-\u200b\u2028\u2029\u3000\ufeff]+/g;

function collapse(text: string, commentReplacement: string): string {
  return text
    .replace(FULL_INLINE_COMMENT, commentReplacement)
    .replace(INLINE_COMMENT, commentReplacement)
    // A run holding a line break stays one `\n`: shells and SMTP/HTTP headers treat it as a separator.
    .replace(WHITESPACE_RUN, (run) => (run.includes('\n') || run.includes('\r') ? '\n' : ' '))
    .trim();
}

/**
 * What an analyst is shown of a value the rules matched: decoded like the inspected form, case
 * kept (`eval($_POST[x])` is what a WAF rule must match, not `eval($_post[x])`).
 */
export function decodeForDisplay(raw: string, options: DecodeOptions = {}): string {
  return collapse(decodeLayers(raw.length > MAX_DECODE_INPUT ? raw.slice(0, MAX_DECODE_INPUT) : raw, options), ' ');
}

/**
 * The canonical form every detector inspects. Never throws. Every decoding
 * step shrinks text, so the output is bounded by the truncated input (lower-casing
 * can at most double a few exotic letters).
 */
export function decodeForInspection(raw: string, options: DecodeOptions = {}): DecodedText {
  const truncated = raw.length > MAX_DECODE_INPUT;
  const input = truncated ? raw.slice(0, MAX_DECODE_INPUT) : raw;
  const layers = decodeLayers(input, options).toLowerCase();
  const text = collapse(layers, ' ');
  const commentsJoined = layers.includes('/*') ? collapse(layers, '') : null;
  return { text, commentsJoined, truncated };
}
