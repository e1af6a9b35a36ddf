import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { InjectionDetector } from '../../../src/detect/injection/injection-detector.js';
import { InputError } from '../../../src/errors.js';

function shopDetector(): InjectionDetector {
  const detector = new InjectionDetector({ seed: 3 });
  const names = ['Vino Rioja', 'Queso Manchego', 'Jamon Iberico', 'Aceite de oliva'];
  for (let i = 0; i < 600; i++) {
    detector.learn('/shop/add.jsp', '/shop/add.jsp', `id=${(i % 3) + 1}&nombre=${encodeURIComponent(names[i % 4]!)}&cantidad=${(i * 37) % 99}&B1=A%F1adir`);
    detector.learn('/shop/index.jsp', '/shop/index.jsp', null);
  }
  return detector;
}

test('a rule match is flagged with classes, rules, decoded text and a high score', () => {
  const flag = shopDetector().inspect('/shop/add.jsp', '/shop/add.jsp', 'id=1%27%20UNION%20SELECT%20password%20FROM%20users--&nombre=x&cantidad=1&B1=A%F1adir');
  assert.ok(flag !== null);
  assert.equal(flag.ruleMatched, true);
  assert.deepEqual(flag.classes, ['sqli']);
  assert.ok(flag.rules.includes('sql-union-select'));
  assert.match(flag.decoded, /UNION SELECT password FROM users/);
  assert.ok(flag.score >= 0.75 && flag.score <= 1);
});

test('learned profiles flag what no rule names, with reasons, at a lower score', () => {
  const detector = shopDetector();
  const tampered = detector.inspect('/shop/add.jsp', '/shop/add.jsp', 'id=2%2F&nombre=Vino+Rioja&cantidad=5&B1=A%F1adir');
  assert.ok(tampered !== null);
  assert.equal(tampered.ruleMatched, false);
  assert.deepEqual(tampered.classes, []);
  assert.ok(tampered.profileReasons.some((r) => r.includes('param `id`')), tampered.profileReasons.join(' | '));
  assert.ok(tampered.score < 0.75);
  const probe = detector.inspect(null, '/shop/add.jsp.bak', null);
  assert.match(probe?.profileReasons[0] ?? '', /entry `add\.jsp\.bak` under \/shop\/ never seen/);
  assert.equal(detector.inspect('/shop/add.jsp', '/shop/add.jsp', 'id=3&nombre=Queso+Manchego&cantidad=12&B1=A%F1adir'), null);
  assert.equal(detector.inspect(null, null, 'a=%27%20or%201=1'), null);
});

test('requests a rule flags are not learned, so attacks in analyze-mode traffic do not widen profiles', () => {
  const detector = shopDetector();
  const before = detector.requestsLearned;
  detector.learn('/shop/add.jsp', '/shop/add.jsp', "id=1'%20or%20'1'='1");
  assert.equal(detector.requestsLearned, before);
});

test('merge, JSON round trip, and refusal of corrupted baselines', () => {
  const a = shopDetector();
  const b = shopDetector();
  a.merge(b);
  assert.equal(a.requestsLearned, 2 * b.requestsLearned);
  const json = JSON.parse(JSON.stringify(a.toJSON()));
  const back = InjectionDetector.fromJSON(json);
  assert.deepEqual(back.toJSON(), a.toJSON());
  const query = 'id=9&nombre=%3Cb%3E&cantidad=1&B1=A%F1adir&extra=1';
  assert.deepEqual(back.inspect('/shop/add.jsp', '/shop/add.jsp', query), a.inspect('/shop/add.jsp', '/shop/add.jsp', query));
  assert.throws(() => InjectionDetector.fromJSON({ ...json, version: 2 }), InputError);
  assert.throws(() => InjectionDetector.fromJSON({ ...json, paths: 'x' }), InputError);
  assert.throws(() => InjectionDetector.fromJSON('{}'), InputError);
  const truncated = JSON.parse(JSON.stringify(json));
  delete truncated.profiles.routes['/shop/add.jsp'].params.id.kindCounts;
  assert.throws(() => InjectionDetector.fromJSON(truncated), InputError);
});

test('real benign traffic (elastic-apache): at most 1 flagged request per 1,000, learning all then inspecting all', () => {
  // A quick local parse of the combined format; this test does not depend on the ingest modules.
  const lines = gunzipSync(readFileSync('../shared/data/real/elastic-apache/apache_logs.gz')).toString('latin1').split('\n');
  const targets: Array<{ path: string; query: string | null }> = [];
  for (const line of lines) {
    const match = /^\S+ \S+ \S+ \[[^\]]*\] "\S+ (\S+)[^"]*"/.exec(line);
    if (match === null) continue;
    const target = match[1]!;
    const q = target.indexOf('?');
    targets.push({ path: q === -1 ? target : target.slice(0, q), query: q === -1 ? null : target.slice(q + 1) });
  }
  assert.ok(targets.length > 9900);
  const detector = new InjectionDetector({ seed: 1 });
  for (const t of targets) detector.learn(t.path, t.path, t.query);
  const flagged = targets.filter((t) => detector.inspect(t.path, t.path, t.query) !== null);
  assert.ok(flagged.length <= targets.length / 1000, `${flagged.length} flagged: ${flagged.slice(0, 5).map((t) => t.path).join(', ')}`);
  // The same detector still catches an injection added to this traffic.
  assert.ok(detector.inspect('/blog/index.html', '/blog/index.html', 'page=1%27%20union%20select%201,2--') !== null);
});
