import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classifyTarget, splitQuery } from '../../../src/detect/injection/classify.js';

test('splitQuery splits on raw & and the first =, without decoding', () => {
  assert.deepEqual(splitQuery('a=1&b=%26x&flag&&c=d=e'), [
    { name: 'a', value: '1' },
    { name: 'b', value: '%26x' },
    { name: 'flag', value: null },
    { name: 'c', value: 'd=e' },
  ]);
});

test('classifyTarget inspects the path and each query name and value on its own', () => {
  assert.equal(classifyTarget('/products', 'id=42&sort=price'), null);
  const sqli = classifyTarget('/products', 'id=42%27%20OR%201%3D1--&sort=price');
  assert.ok(sqli !== null);
  assert.deepEqual(sqli.classes, ['sqli']);
  // shown decoded with its case kept: what a WAF rule would have to match
  assert.match(sqli.decoded, /42' OR 1=1--/);
  const inName = classifyTarget('/search', '%3Cscript%3Ealert(1)%3C/script%3E=1');
  assert.deepEqual(inName?.classes, ['xss']);
  const inPath = classifyTarget('/static/..%2f..%2f..%2fetc/passwd', null);
  assert.deepEqual(inPath?.classes, ['traversal']);
  const several = classifyTarget('/a', 'q=%3Cscript%3E&f=..%2F..%2Fetc%2Fpasswd&c=%3Bid');
  assert.deepEqual(several?.classes, ['xss', 'traversal', 'command']);
});

test('a payload split across parameters by a raw & is not glued back together', () => {
  // The application sees `a=1` and `id` as separate parameters, so `&&id` here is not a command.
  assert.equal(classifyTarget('/x', 'a=1&&id'), null);
  assert.deepEqual(classifyTarget('/x', 'a=1%26%26id')?.classes, ['command']);
});

test('SQL and command rules do not run on paths, where quotes and ; are ordinary', () => {
  assert.equal(classifyTarget("/books/o'reilly-and-sons", null), null);
  assert.equal(classifyTarget('/app;jsessionid=ABC123', null), null);
});

test('evidence is truncated', () => {
  const flag = classifyTarget('/x', 'q=' + encodeURIComponent("' or 1=1 " + 'x'.repeat(2000)));
  assert.ok(flag !== null && flag.decoded.length <= 300);
});

test('property: any path and query classify without throwing, and the same input gives the same answer', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.option(fc.string({ unit: 'binary', maxLength: 300 })), (path, query) => {
      const first = classifyTarget(path, query);
      assert.deepEqual(classifyTarget(path, query), first);
    }),
    { numRuns: 1500, seed: 11 },
  );
});
