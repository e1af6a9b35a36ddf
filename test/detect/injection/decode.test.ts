import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeForInspection,
  decodeHtmlEntities,
  decodeLayers,
  MAX_DECODE_INPUT,
  MAX_DECODE_ROUNDS,
  percentDecodeOnce,
} from '../../../src/detect/injection/decode.js';

test('percent-decoding is repeated until nothing changes (double and triple encoding)', () => {
  assert.equal(decodeLayers('%27'), "'");
  assert.equal(decodeLayers('%2527'), "'");
  assert.equal(decodeLayers('%252527'), "'");
});

test('the number of decoding rounds is bounded', () => {
  // Each extra `25` adds one layer; past MAX_DECODE_ROUNDS layers a `%` sequence is left.
  const deep = '%' + '25'.repeat(MAX_DECODE_ROUNDS + 2) + '27';
  const out = decodeLayers(deep);
  assert.notEqual(out, "'");
  assert.ok(out.startsWith('%'));
});

test('+ is a space only in queries, and a %2B the client encoded stays a plus', () => {
  assert.equal(decodeLayers('a+b', { plusAsSpace: true }), 'a b');
  assert.equal(decodeLayers('a+b'), 'a+b');
  assert.equal(decodeLayers('1%2B1', { plusAsSpace: true }), '1+1');
});

test('%uXXXX, HTML entities and backslash escapes decode', () => {
  assert.equal(decodeLayers('%u0027%u003c'), "'<");
  assert.equal(decodeHtmlEntities('&lt;script&gt;&#x27;&#39;&quot;&amp;'), `<script>''"&`);
  assert.equal(decodeHtmlEntities('&#39'), "'");
  assert.equal(decodeLayers('\\x3cscript\\u003e'), '<script>');
  // Layers mix: percent-encoded entity.
  assert.equal(decodeLayers('%26lt%3Bsvg'), '<svg');
});

test('malformed escapes are left alone, never thrown on', () => {
  assert.equal(percentDecodeOnce('100%', false), '100%');
  assert.equal(percentDecodeOnce('%zz%4', false), '%zz%4');
  assert.equal(percentDecodeOnce('%u12', false), '%u12');
  assert.equal(decodeHtmlEntities('&#x110000;&#9999999;&#xD800;&bogus;'), '\uFFFD\uFFFD\uFFFD&bogus;');
  assert.equal(decodeLayers('\\x4'), '\\x4');
  // Invalid UTF-8 bytes fall back to Latin-1, as CSIC's `%F1` (ñ) needs.
  assert.equal(decodeLayers('Espa%F1a'), 'España');
  assert.equal(decodeLayers('%C3%B1'), 'ñ');
});

test('overlong UTF-8 encodings of ASCII fold to the character they hide', () => {
  assert.equal(decodeLayers('..%c0%af..%c0%afetc'), '../../etc');
});

test('decodeForInspection lower-cases, collapses comments and whitespace', () => {
  const decoded = decodeForInspection('UN/**/ION%09%0A  SeLeCt', { plusAsSpace: true });
  // A whitespace run with a line break keeps one `\n` (a separator for shells); others become one space.
  assert.equal(decoded.text, 'un ion\nselect');
  assert.equal(decoded.commentsJoined, 'union\nselect');
  assert.equal(decodeForInspection('a \t  b').text, 'a b');
  assert.equal(decodeForInspection('a   b').commentsJoined, null);
  // MySQL runs versioned comments, so their body is kept.
  assert.equal(decodeForInspection('1 /*!50000union*/ select').text, '1 union select');
});

test('inputs over the limit are truncated and say so', () => {
  const long = 'a'.repeat(MAX_DECODE_INPUT + 100);
  const decoded = decodeForInspection(long);
  assert.equal(decoded.truncated, true);
  assert.equal(decoded.text.length, MAX_DECODE_INPUT);
  assert.equal(decodeForInspection('short').truncated, false);
});

test('property: any string decodes without throwing, bounded, and decoding is stable', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.stringMatching(/^[%0-9a-fu&#;x\\+<>'"]{0,120}$/)), (input) => {
      const first = decodeForInspection(input, { plusAsSpace: true });
      assert.ok(first.text.length <= 2 * input.length);
      assert.deepEqual(decodeForInspection(input, { plusAsSpace: true }), first);
    }),
    { numRuns: 2000, seed: 7 },
  );
});
