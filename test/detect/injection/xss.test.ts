import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectXss } from '../../../src/detect/injection/xss.js';
import { classifyQueryValue } from '../../../src/detect/injection/classify.js';

test('xss positives', () => {
  const cases: Array<[string, string]> = [
    ['<script>alert(1)</script>', 'xss-tag'],
    ['<img src=x onerror=alert(1)>', 'xss-tag-event-handler'],
    ['<svg/onload=alert(1)>', 'xss-tag'],
    ['" onmouseover="alert(1)', 'xss-event-handler'],
    ['javascript:alert(document.cookie)', 'xss-script-scheme'],
    ['java script:alert(1)', 'xss-script-scheme'],
    ['data:text/html;base64,pgjvzhk+', 'xss-script-scheme'],
    ['x";document.cookie="a', 'xss-script-sink'],
    ['</title><b>', 'xss-close-tag'],
    ['+adw-script+ad4-alert(1)', 'xss-utf7'],
  ];
  for (const [payload, rule] of cases) assert.ok(detectXss(payload).includes(rule), `${payload} → ${detectXss(payload).join(',')}`);
});

test('xss positives survive encoding', () => {
  for (const raw of ['%253Cscript%253E', '%u003csvg onload%u003dalert(1)%u003e', '&lt;IMG SRC=x OnError=alert(1)&gt;', '%3CsCrIpT%3E', 'jav&#x09;ascript:alert(1)']) {
    const { rules } = classifyQueryValue(raw);
    assert.ok(rules.some((r) => r.startsWith('xss-')), `${raw} → ${rules.join(',')}`);
  }
});

test('xss negatives', () => {
  for (const value of ['a < b and c > d', 'one=1', 'based on=value', 'i <3 cats', 'javascript tutorial', 'alerting rules', 'onion', 'the scripts folder']) {
    assert.deepEqual(detectXss(value), [], value);
  }
});
