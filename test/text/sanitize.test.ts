import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvCell, escapeHtml, escapeTerminal, truncate } from '../../src/text/sanitize.js';

// Any byte a terminal would act on: C0, DEL, C1 (0x9b is the 8-bit CSI).
const TERMINAL_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

test('escapeTerminal shows CSI and OSC sequences as inert text', () => {
  assert.equal(escapeTerminal('a\x1b[2Jb'), 'a\u241b[2Jb');
  assert.equal(escapeTerminal('\x1b]0;pwned\x07'), '\u241b]0;pwned\u2407');
  assert.equal(escapeTerminal('\x9b31m'), '\\u009b31m');
});

test('escapeTerminal escapes newlines, tabs, CR, NUL and DEL', () => {
  assert.equal(escapeTerminal('a\nb\tc\rd\0e\x7f'), 'a\u240ab\u2409c\u240dd\u2400e\u2421');
});

test('escapeTerminal neutralises bidi overrides and line separators', () => {
  assert.equal(escapeTerminal('admin\u202Etxt.exe'), 'admin\\u202etxt.exe');
  assert.equal(escapeTerminal('x\u2028y'), 'x\\u2028y');
});

test('escapeTerminal leaves printable Unicode alone and fixes lone surrogates', () => {
  assert.equal(escapeTerminal('GET /café/𝄞 ✓'), 'GET /café/𝄞 ✓');
  assert.equal(escapeTerminal('a\uD800b\uDC00'), 'a\uFFFDb\uFFFD');
});

test('escapeTerminal output never holds a control char, for any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.doesNotMatch(escapeTerminal(s), TERMINAL_CONTROL);
    }),
  );
});

test('csvCell neutralises formula triggers in strings', () => {
  assert.equal(csvCell("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1:A9)'), "'@SUM(A1:A9)");
  assert.equal(csvCell('\t=1'), "'\t=1");
  // a CR-led cell is both neutralised and quoted
  assert.equal(csvCell('\r=1'), '"\'\r=1"');
});

test('csvCell keeps real numbers as numbers, negative ones included', () => {
  assert.equal(csvCell(-3.5), '-3.5');
  assert.equal(csvCell(0), '0');
  assert.equal(csvCell(Number.NaN), '');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
});

test('csvCell quotes per RFC 4180', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('line1\nline2'), '"line1\nline2"');
});

test('csvCell output never starts with a formula trigger, for any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const cell = csvCell(s);
      const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
      assert.doesNotMatch(unquoted, /^[=+\-@\t\r\n]/);
    }),
  );
});

test('escapeHtml makes a script tag inert and escapes attribute quotes', () => {
  assert.equal(
    escapeHtml('<script>alert(1)</script>'),
    '&lt;script&gt;alert(1)&lt;/script&gt;',
  );
  assert.equal(escapeHtml(`"'&`), '&quot;&#39;&amp;');
  assert.equal(escapeHtml('a\x1b[2J'), 'a\u241b[2J');
});

test('escapeHtml output never holds markup characters, for any string', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      assert.doesNotMatch(escapeHtml(s), /[<>"']/);
    }),
  );
});

test('truncate cuts on code points and marks the cut', () => {
  assert.equal(truncate('abcdef', 10), 'abcdef');
  assert.equal(truncate('abcdef', 4), 'abc…');
  assert.equal(truncate('𝄞𝄞𝄞𝄞', 3), '𝄞𝄞…');
  assert.equal(truncate('abc', 0), '');
  const long = 'Mozilla/5.0 '.repeat(1000);
  assert.equal(Array.from(truncate(long, 120)).length, 120);
});
