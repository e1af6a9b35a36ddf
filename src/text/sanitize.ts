// Escapers for attacker-controlled text (every log field is) on its way to a
// terminal, a spreadsheet or a browser. Each one is total: any JS string in,
// a safe string out, never a throw.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces unpaired UTF-16 surrogates with U+FFFD so the string encodes to valid UTF-8. */
export function replaceLoneSurrogates(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

// C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F), the line/paragraph separators and
// the bidirectional overrides/isolates ("Trojan Source": they reorder what a
// reader sees without being visible themselves).
const TERMINAL_UNSAFE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

function showInert(ch: string): string {
  const code = ch.charCodeAt(0);
  // U+2400 + code is the Unicode "control picture" of each C0 char (ESC → ␛, LF → ␊):
  // a single visible glyph that keeps columns readable.
  if (code <= 0x1f) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421'; // ␡
  // C1 and the format characters have no control pictures: spell them out.
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes a string safe to write to a terminal. Every C0 control char (including
 * ESC, CR, LF and TAB) becomes its Unicode control picture (`\x1b` → `␛`,
 * `\n` → `␊`), DEL becomes `␡`, and C1 controls (e.g. the 8-bit CSI `\x9b`),
 * U+2028/U+2029 and bidi overrides are written as visible `\u009b` text. Since
 * no ESC or CSI byte survives, CSI (`\x1b[2J`) and OSC (`\x1b]0;…\x07`)
 * sequences are shown as plain text and cannot act. Lone surrogates become U+FFFD.
 */
export function escapeTerminal(s: string): string {
  return replaceLoneSurrogates(s).replace(TERMINAL_UNSAFE, showInert);
}

// OWASP "CSV injection": a cell starting with one of these is run as a formula by
// Excel, LibreOffice or Google Sheets. LF is added because some importers strip
// leading line breaks before deciding.
const FORMULA_TRIGGER = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One RFC 4180 cell. Numbers are written as numbers (a real `-3` stays `-3`);
 * strings starting with `=`, `+`, `-`, `@`, TAB, CR or LF get a leading `'` so
 * spreadsheets show them as text. Cells containing `"`, `,`, CR or LF are
 * quoted with inner quotes doubled. Null, undefined and non-finite numbers are empty.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = replaceLoneSurrogates(value);
  if (FORMULA_TRIGGER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Controls other than TAB/LF/CR are invisible or parse errors in HTML; show them
// like the terminal does so a reader sees that something was there.
const HTML_INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return replaceLoneSurrogates(s)
    .replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch)
    .replace(HTML_INVISIBLE, showInert);
}

/**
 * Shortens `s` to at most `max` code points, ending with `…` when cut. Never
 * splits a surrogate pair. `max` below 1 gives the empty string.
 */
export function truncate(s: string, max: number): string {
  if (max < 1) return '';
  // Cheap exit before walking code points of what may be a very long string.
  if (s.length <= max) return s;
  const kept: string[] = [];
  for (const codePoint of s) {
    if (kept.length === max) return `${kept.slice(0, max - 1).join('')}…`;
    kept.push(codePoint);
  }
  return s;
}

/** A pattern matching exactly `text` in a RegExp: every syntax character (and `/`) escaped. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
