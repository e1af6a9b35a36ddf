import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shouldUseColor } from '../../src/report/color-policy.js';

// [env, isTTY, flag, expected, why]
const MATRIX: [Record<string, string>, boolean, boolean | undefined, boolean, string][] = [
  [{}, true, undefined, true, 'a TTY gets colour'],
  [{}, false, undefined, false, 'a pipe does not'],
  [{ NO_COLOR: '1' }, true, undefined, false, 'NO_COLOR turns it off on a TTY'],
  [{ NO_COLOR: '' }, true, undefined, true, 'an empty NO_COLOR is ignored'],
  [{ FORCE_COLOR: '1' }, false, undefined, true, 'FORCE_COLOR forces it into a pipe'],
  [{ FORCE_COLOR: '' }, false, undefined, true, 'an empty FORCE_COLOR forces too, as chalk reads it'],
  [{ FORCE_COLOR: '0' }, true, undefined, false, 'FORCE_COLOR=0 turns it off'],
  [{ FORCE_COLOR: 'false' }, true, undefined, false, 'FORCE_COLOR=false turns it off'],
  [{ NO_COLOR: '1', FORCE_COLOR: '1' }, true, undefined, false, 'NO_COLOR beats FORCE_COLOR'],
  [{}, false, true, true, '--color forces it into a pipe'],
  [{ NO_COLOR: '1' }, false, true, true, '--color beats NO_COLOR'],
  [{}, true, false, false, '--no-color turns it off on a TTY'],
  [{ FORCE_COLOR: '3' }, true, false, false, '--no-color beats FORCE_COLOR'],
];

for (const [env, isTTY, flag, expected, why] of MATRIX) {
  test(`colour policy: ${why}`, () => {
    assert.equal(shouldUseColor({ env, isTTY, flag }), expected);
  });
}
