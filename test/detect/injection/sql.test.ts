import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectSqlInjection } from '../../../src/detect/injection/sql.js';
import { tokenizeSql } from '../../../src/detect/injection/sql-tokenizer.js';
import { classifyQueryValue } from '../../../src/detect/injection/classify.js';

test('tokenizer: strings, numbers, words, operators, comments, punctuation', () => {
  const kinds = tokenizeSql("1' or 'a'='a' -- x").map((t) => `${t.kind}:${t.text}`);
  assert.deepEqual(kinds, ['number:1', 'string: or ', 'word:a', 'string:=', 'word:a', 'string: -- x']);
  const inString = tokenizeSql("1' or 'a'='a' -- x", "'").map((t) => t.kind);
  assert.deepEqual(inString, ['string', 'word', 'string', 'operator', 'string', 'comment']);
  assert.deepEqual(tokenizeSql('0x7e,@@version;`t`').map((t) => t.kind), ['number', 'comma', 'variable', 'semicolon', 'word']);
});

const positives: Array<[string, string]> = [
  ["' or 1=1", 'sql-quote-logical'],
  ["1' and 'a'='a", 'sql-quote-logical'],
  ["admin'--", 'sql-quote-comment'],
  ['-1 union all select 1,2,version()', 'sql-union-select'],
  ['1;drop table users', 'sql-stacked-query'],
  ["1';waitfor delay '0:0:5'--", 'sql-stacked-query'],
  ["1 waitfor delay '0:0:5'", 'sql-time-delay'],
  ['1 and sleep(5)', 'sql-time-delay'],
  ['1) and benchmark(5000000,md5(1))', 'sql-time-delay'],
  ["1' || pg_sleep(5) || '", 'sql-time-delay'],
  ['1 order by 3--', 'sql-order-by-probe'],
  ['1 and 1=(select count(*) from information_schema.tables)', 'sql-subquery'],
  ['1 and 4241=4241', 'sql-literal-comparison'],
  ['iif(5257=5257,1,1/0)', 'sql-literal-comparison'],
  ['1 and extractvalue(1,concat(0x7e,@@version))', 'sql-probe-function'],
  ['char(113)+char(122)', 'sql-char-encoding'],
];

for (const [payload, rule] of positives) {
  test(`sqli positive: ${payload}`, () => {
    assert.ok(detectSqlInjection(payload).includes(rule), `${payload} → ${detectSqlInjection(payload).join(',')}`);
  });
}

test('sqli positives survive encoding: double percent, %u, entities, mixed case, comments inside keywords', () => {
  for (const raw of [
    '%2527%2520OR%25201%253D1',
    '%u0027%u0020or%u00201=1',
    '&#39; OR &#x27;a&#x27;=&#x27;a',
    "1' UnIoN SeLeCt null,null--",
    '-1 UN/**/ION SEL/**/ECT 1,2',
    '1+AND+SLEEP(5)',
  ]) {
    const { rules } = classifyQueryValue(raw);
    assert.ok(rules.some((r) => r.startsWith('sql-')), `${raw} → ${rules.join(',')}`);
  }
});

test('sqli negatives: prose, names with quotes, numbers and dates stay clean', () => {
  for (const value of [
    "O'Neil and Co",
    "d'or et d'argent",
    "it's or it isn't",
    'select a size from the list',
    'rock and roll',
    "c/ l' or, 125",
    '2015-05-17 10:05:03',
    '1-800-555-0199',
    'order by price',
    'union station',
    "5' 6\" tall",
  ]) {
    assert.deepEqual(detectSqlInjection(value.toLowerCase()), [], value);
  }
});
