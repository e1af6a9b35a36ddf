import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectTraversal } from '../../../src/detect/injection/traversal.js';
import { classifyPath, classifyQueryValue } from '../../../src/detect/injection/classify.js';

test('traversal positives', () => {
  const cases: Array<[string, string]> = [
    ['../../etc/passwd', 'traversal-dot-dot'],
    ['..\\..\\boot.ini', 'traversal-dot-dot'],
    ['/....//....//etc', 'traversal-dot-dot'],
    ['/etc/passwd', 'traversal-system-file'],
    ['/proc/self/environ', 'traversal-system-file'],
    ['c:\\windows\\win.ini', 'traversal-system-file'],
    ['c:/boot.ini', 'traversal-system-file'],
    ['file:///etc/hosts', 'traversal-file-scheme'],
    ['/0x2e0x2e/0x2e0x2e/x', 'traversal-dot-dot'],
    ['/./././x', 'traversal-dot-segments'],
  ];
  for (const [payload, rule] of cases) assert.ok(detectTraversal(payload).includes(rule), `${payload} → ${detectTraversal(payload).join(',')}`);
});

test('traversal positives survive encoding, in values and in paths', () => {
  for (const raw of ['%2e%2e%2f%2e%2e%2fetc%2fpasswd', '%252e%252e%252f', '..%c0%af..%c0%afwindows', '%u002e%u002e%u2215'.replace('%u2215', '%u002f')]) {
    assert.ok(classifyQueryValue(raw).rules.some((r) => r.startsWith('traversal-')), raw);
  }
  assert.ok(classifyPath('/cgi-bin/%2e%2e/%2e%2e/etc/passwd').rules.includes('traversal-dot-dot'));
  assert.ok(classifyPath('/WEB-INF/web.xml').rules.includes('traversal-system-file'));
});

test('remote file inclusion: a URL value cut short with a trailing ?', () => {
  assert.ok(detectTraversal('http://cirt.net/rfiinc.txt?').includes('traversal-remote-include'));
  assert.ok(classifyQueryValue('http%3A%2F%2Fevil.example%2Fshell.txt%3F%3F').rules.includes('traversal-remote-include'));
  assert.deepEqual(detectTraversal('https://example.com/page'), []);
  assert.deepEqual(detectTraversal('https://example.com/search?q=a'), []);
});

test('traversal negatives', () => {
  for (const value of ['/images/logo.png', 'wait...what', 'v1.2.3', '/blog/2015/05/etc-notes', 'etcetera', 'file.txt', 'profile:1', '/a/b/']) {
    assert.deepEqual(detectTraversal(value), [], value);
  }
  assert.deepEqual(classifyPath('/misc/nmh//"file://$file/"').rules, []);
});
