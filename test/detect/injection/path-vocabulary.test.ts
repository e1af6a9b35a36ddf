import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PathVocabulary } from '../../../src/detect/injection/path-vocabulary.js';
import { InputError } from '../../../src/errors.js';

function shop(): PathVocabulary {
  const vocabulary = new PathVocabulary();
  const pages = ['/shop/index.jsp', '/shop/cart.jsp', '/shop/pay.jsp', '/shop/img/logo.gif', '/shop/img/1.jpg'];
  for (let i = 0; i < 1000; i++) vocabulary.learn(pages[i % pages.length]!);
  return vocabulary;
}

test('in a closed, well-supported directory a never-seen entry is news', () => {
  const vocabulary = shop();
  assert.equal(vocabulary.explain('/shop/cart.jsp'), null);
  assert.match(vocabulary.explain('/shop/cart.jsp.bak') ?? '', /entry `cart\.jsp\.bak` under \/shop\/ never seen \(4 known entries, 1000 requests\)/);
  assert.match(vocabulary.explain('/shop/img/') ?? '', /an empty segment \(trailing or doubled `\/`\) under \/shop\/img\/ never seen/);
  assert.match(vocabulary.explain('/shop/img') ?? '', /a request ending at \/shop\/img\/ never seen/);
  assert.match(vocabulary.explain('/admin.php') ?? '', /entry `admin\.php` under \/ never seen/);
});

test('a directory that keeps gaining entries is open: new content is not an alert', () => {
  const blog = new PathVocabulary();
  for (let i = 0; i < 3000; i++) blog.learn(i % 2 === 0 ? '/blog/index.html' : `/blog/post-${i}.html`);
  assert.equal(blog.explain('/blog/post-new.html'), null);
});

test('without minimum support nothing is news', () => {
  const small = new PathVocabulary({ minSupport: 50 });
  for (let i = 0; i < 49; i++) small.learn('/a');
  assert.equal(small.explain('/b'), null);
});

test('bounded: children per directory and total nodes', () => {
  const capped = new PathVocabulary({ maxChildren: 8, maxNodes: 100 });
  for (let i = 0; i < 500; i++) capped.learn(`/d/${i}/x`);
  const json = capped.toJSON();
  assert.equal(Object.keys(json.root.k!['d']!.k!).length, 8);
  assert.equal(json.root.k!['d']!.o, true);
  // An overflowed directory is open.
  assert.equal(capped.explain('/d/new/x'), null);
});

test('merge equals learning both; JSON round trip; corrupt JSON refused', () => {
  const whole = shop();
  const a = new PathVocabulary();
  const b = new PathVocabulary();
  const pages = ['/shop/index.jsp', '/shop/cart.jsp', '/shop/pay.jsp', '/shop/img/logo.gif', '/shop/img/1.jpg'];
  for (let i = 0; i < 1000; i++) (i % 2 ? a : b).learn(pages[i % pages.length]!);
  a.merge(b);
  assert.deepEqual(a.toJSON(), whole.toJSON());
  const back = PathVocabulary.fromJSON(JSON.parse(JSON.stringify(whole.toJSON())));
  assert.deepEqual(back.toJSON(), whole.toJSON());
  assert.equal(back.explain('/shop/x'), whole.explain('/shop/x'));
  const bad = JSON.parse(JSON.stringify(whole.toJSON()));
  bad.root.k.shop.c = 5000;
  assert.throws(() => PathVocabulary.fromJSON(bad), InputError);
  assert.throws(() => PathVocabulary.fromJSON({ limits: whole.limits, root: { c: 'x' } }), InputError);
  let deep: unknown = { c: 1 };
  for (let i = 0; i < 40; i++) deep = { c: 1, k: { s: deep } };
  assert.throws(() => PathVocabulary.fromJSON({ limits: whole.limits, root: deep }), InputError);
});
