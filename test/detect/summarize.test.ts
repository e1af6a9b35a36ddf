// The one-sentence summary of an incident: what, where, who, how many, and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from '../../src/detect/summarize.js';

test('one request reads "1 request", more read in the plural with thousands separators', () => {
  const one = summarize('injection', 'GET /search', ['203.0.113.7'], [], 1, "SQL injection in query parameter 'q'");
  assert.match(one, / on GET \/search from 203\.0\.113\.7 \(1 request\): SQL injection in query parameter 'q'\.$/);
  assert.match(summarize('scanner', null, ['198.51.100.1', '198.51.100.2'], [], 1234, null), /from 2 clients \(1,234 requests\)\.$/);
});
