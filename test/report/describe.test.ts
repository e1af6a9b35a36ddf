// The time spans every output writes (tables, show, explain): compact, and never ambiguous.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFilters, formatTimeSpan } from '../../src/report/describe.js';
import type { InputSummary } from '../../src/types.js';

test('formatTimeSpan: the day once within a day, month-day within a year, the years when it crosses one', () => {
  assert.equal(formatTimeSpan('2015-05-20T05:05:00.000Z', '2015-05-20T05:10:00.000Z'), '05-20 05:05–05:10');
  assert.equal(formatTimeSpan('2015-05-17T13:05:00.000Z', '2015-05-20T09:10:00.000Z'), '05-17 13:05–05-20 09:10');
  // iis-webknowit's year-long campaigns: "10-18 06:37–10-17 14:47" would read as a day backwards.
  assert.equal(formatTimeSpan('2015-10-18T06:37:13.000Z', '2016-10-17T14:47:03.000Z'), '2015-10-18 06:37–2016-10-17 14:47');
  assert.equal(formatTimeSpan('2015-12-31T23:55:00.000Z', '2016-01-01T00:05:00.000Z'), '2015-12-31 23:55–2016-01-01 00:05');
  assert.equal(formatTimeSpan('not a time', '2016-01-01T00:05:00.000Z'), 'not a time–2016-01-01 00:05');
});

test('describeFilters: the funnel in the order applied, nothing without filters', () => {
  const input = { filters: [{ filter: '--status', value: '4xx', kept: 1234 }, { filter: '--client', value: '203.0.113.0/24', kept: 12 }] } as unknown as InputSummary;
  assert.equal(describeFilters(input), '--status 4xx kept 1,234, then --client 203.0.113.0/24 kept 12');
  assert.equal(describeFilters({ filters: [] } as unknown as InputSummary), undefined);
  assert.equal(describeFilters({} as InputSummary), undefined);
});
