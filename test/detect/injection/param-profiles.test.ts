import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ParamProfiles } from '../../../src/detect/injection/param-profiles.js';
import { InputError } from '../../../src/errors.js';

function trained(): ParamProfiles {
  const profiles = new ParamProfiles();
  for (let i = 0; i < 400; i++) {
    profiles.learn('/items/{id}', [
      { name: 'id', value: String(1000 + ((i * 7919) % 90000)) },
      { name: 'mode', value: i % 3 === 0 ? 'list' : 'grid' },
      { name: 'q', value: ['red shoes', 'Blue Hat', 'socks', 'green t-shirt', 'scarf'][i % 5]! + ' ' + (i % 17) },
    ]);
  }
  return profiles;
}

test('a value far outside its parameter shape is explained', () => {
  const reasons = trained().score('/items/{id}', [{ name: 'id', value: "42' or 'x'='x" }]);
  assert.equal(reasons.length, 1);
  assert.match(reasons[0]!, /param `id` normally numeric, length 4–5; got /);
  assert.match(reasons[0]!, /'/);
  assert.match(reasons[0]!, /not numeric/);
});

test('values that fit stay silent; an enumeration rejects an unseen value; a new name on a closed route is reported', () => {
  const profiles = trained();
  assert.deepEqual(profiles.score('/items/{id}', [{ name: 'id', value: '52311' }, { name: 'mode', value: 'grid' }, { name: 'q', value: 'socks 3' }]), []);
  const unseen = profiles.score('/items/{id}', [{ name: 'mode', value: 'grid/' }]);
  assert.equal(unseen.length, 1);
  assert.match(unseen[0]!, /outside its 2 usual ones/);
  const newName = profiles.score('/items/{id}', [{ name: 'modeA', value: 'grid' }]);
  assert.match(newName[0]!, /parameter `modeA` never seen on this route in 400 requests/);
});

test('without minimum support there is no profile and no alert', () => {
  const profiles = new ParamProfiles({ minSupport: 30 });
  for (let i = 0; i < 29; i++) profiles.learn('/r', [{ name: 'n', value: String(i) }]);
  assert.deepEqual(profiles.score('/r', [{ name: 'n', value: '<script>' }]), []);
  assert.deepEqual(profiles.score('/never-seen', [{ name: 'n', value: '<script>' }]), []);
});

test('a route whose names keep changing is open: a new name is not news', () => {
  const profiles = new ParamProfiles();
  for (let i = 0; i < 200; i++) profiles.learn('/track', [{ name: `utm_${i}`, value: 'x' }]);
  assert.deepEqual(profiles.score('/track', [{ name: 'brand_new', value: 'x' }]), []);
});

test('memory is bounded: routes and parameter names are capped', () => {
  const profiles = new ParamProfiles({ maxRoutes: 10, maxParamsPerRoute: 4 });
  for (let i = 0; i < 50; i++) profiles.learn(`/r${i}`, [{ name: `p${i % 9}`, value: '1' }]);
  assert.equal(profiles.routeCount, 10);
  const wide = new ParamProfiles({ maxParamsPerRoute: 4 });
  wide.learn('/w', Array.from({ length: 20 }, (_, i) => ({ name: `p${i}`, value: '1' })));
  assert.equal(Object.keys(wide.toJSON().routes['/w']!.params).length, 4);
});

test('merging two halves equals learning everything in one', () => {
  const whole = new ParamProfiles();
  const a = new ParamProfiles();
  const b = new ParamProfiles();
  for (let i = 0; i < 300; i++) {
    const params = [{ name: 'n', value: String(i) }, { name: 'k', value: i % 2 ? 'x' : 'y' }];
    whole.learn('/m', params);
    (i < 150 ? a : b).learn('/m', params);
  }
  a.merge(b);
  assert.deepEqual(a.toJSON(), whole.toJSON());
});

test('JSON round trip keeps behaviour; corrupted JSON is refused with InputError', () => {
  const profiles = trained();
  const json = JSON.parse(JSON.stringify(profiles.toJSON()));
  const back = ParamProfiles.fromJSON(json);
  assert.deepEqual(back.toJSON(), profiles.toJSON());
  const probe = [{ name: 'id', value: '<svg onload=x>' }];
  assert.deepEqual(back.score('/items/{id}', probe), profiles.score('/items/{id}', probe));

  const corrupt = (mutate: (j: any) => void): void => {
    const copy = JSON.parse(JSON.stringify(profiles.toJSON()));
    mutate(copy);
    assert.throws(() => ParamProfiles.fromJSON(copy), InputError);
  };
  corrupt((j) => (j.routes['/items/{id}'].params.id.count = -1));
  corrupt((j) => j.routes['/items/{id}'].params.id.classCounts.pop());
  corrupt((j) => (j.routes['/items/{id}'].params.id.lengthCounts[3] += 1));
  corrupt((j) => (j.routes['/items/{id}'].params.mode.values = { 'not-a-hash': 1 }));
  corrupt((j) => (j.limits.maxRoutes = 'many'));
  corrupt((j) => (j.routes = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`/r${i}`, {}]))));
  assert.throws(() => ParamProfiles.fromJSON(null), InputError);
  assert.throws(() => ParamProfiles.fromJSON([]), InputError);
});
