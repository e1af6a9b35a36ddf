import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CharModel, classSequence } from '../../../src/detect/injection/char-model.js';
import { InputError } from '../../../src/errors.js';

test('class sequences collapse letter and digit runs and keep key punctuation', () => {
  assert.equal(classSequence('abc123'), '\u0002a0\u0003');
  assert.equal(classSequence("x' OR 1=1"), "\u0002a' a 0=0\u0003");
  assert.equal(classSequence('ñ\u0001'), '\u0002uc\u0003');
});

function siteModel(seed = 1): CharModel {
  const model = new CharModel({ minSupport: 100 }, seed);
  const samples = ['john.smith@example.com', '12345', 'Madrid', 'c/ mayor 12, 3b', 'blue-shoes', '2015-05-17', 'Ana María'];
  for (let i = 0; i < 2000; i++) model.learn(samples[i % samples.length]! + (i % 13));
  return model;
}

test('values shaped like the site are silent; values of another shape are explained', () => {
  const model = siteModel();
  assert.equal(model.explain('maria.lopez@example.org'), null);
  assert.equal(model.explain('Sevilla'), null);
  const odd = model.explain("1'));select pg_sleep(5)--");
  assert.ok(odd !== null);
  assert.match(odd, /character model: \d+ class sequences/);
});

test('no judgement before minimum support', () => {
  const model = new CharModel({ minSupport: 100 });
  for (let i = 0; i < 99; i++) model.learn('abc');
  assert.equal(model.explain('<<<>>>'), null);
});

test('the threshold comes from the site own history and is reproducible with a seed', () => {
  const a = siteModel(5);
  const b = siteModel(5);
  assert.equal(a.currentThreshold(), b.currentThreshold());
  assert.ok(a.currentThreshold() >= 2);
});

test('merge, JSON round trip, and refusal of a corrupted model', () => {
  const a = siteModel(1);
  const b = siteModel(2);
  a.merge(b);
  assert.equal(a.learned, 4000);
  assert.ok(a.toJSON().reservoir.length <= a.limits.reservoirSize);
  const back = CharModel.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
  assert.deepEqual(back.toJSON(), a.toJSON());
  assert.equal(back.explain('<script>'), a.explain('<script>'));
  const bad = JSON.parse(JSON.stringify(a.toJSON()));
  bad.grams['toolong'] = 1;
  assert.throws(() => CharModel.fromJSON(bad), InputError);
  const tooBig = JSON.parse(JSON.stringify(a.toJSON()));
  tooBig.reservoir = new Array(a.limits.reservoirSize + 1).fill('a');
  assert.throws(() => CharModel.fromJSON(tooBig), InputError);
  assert.throws(() => CharModel.fromJSON({ ...a.toJSON(), limits: { ...a.limits, quantile: 2 } }), InputError);
});
