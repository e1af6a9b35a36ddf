// The shared JSON helpers: numbers-as-strings coercion, duration strings,
// timestamps in every shape JSON logs use, dot-path lookup and line reading.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countOrNull, methodOrNull, statusOrNull, textOrNull, toNumber } from '../../../src/ingest/formats/json/coerce.js';
import { parseDurationString } from '../../../src/ingest/formats/json/durations.js';
import { readJsonLine } from '../../../src/ingest/formats/json/json-value.js';
import { compilePath, lookupPath } from '../../../src/ingest/formats/json/lookup.js';
import { timeValueToMs, yearlessTimeToMs } from '../../../src/ingest/formats/json/times.js';

describe('coercion', () => {
  it('reads numbers written as strings and rejects garbage', () => {
    assert.equal(toNumber('0.000'), 0);
    assert.equal(toNumber(' 42 '), 42);
    assert.ok(Number.isNaN(toNumber('12abc')));
    assert.ok(Number.isNaN(toNumber('-')));
    assert.ok(Number.isNaN(toNumber(true)));
  });

  it('treats missing markers as null', () => {
    assert.equal(statusOrNull('-'), null);
    assert.equal(statusOrNull(0), null);
    assert.equal(statusOrNull('000'), null);
    assert.equal(statusOrNull('404'), 404);
    assert.equal(countOrNull(-1), null);
    assert.equal(countOrNull('1.5'), null);
    assert.equal(countOrNull('577'), 577);
    assert.equal(textOrNull('-'), null);
    assert.equal(textOrNull(''), null);
    assert.equal(textOrNull(['curl/8', 'x']), 'curl/8');
    assert.equal(textOrNull({ a: 1 }), null);
  });

  it('upper-cases methods and refuses non-method tokens', () => {
    assert.equal(methodOrNull('get'), 'GET');
    assert.equal(methodOrNull('VERSION-CONTROL'), 'VERSION-CONTROL');
    assert.equal(methodOrNull('\u0016\u0003\u0001'), null);
    assert.equal(methodOrNull('GET /'), null);
  });
});

describe('durations', () => {
  it('parses protobuf and Go duration strings to ms', () => {
    assert.equal(parseDurationString('0.025376s'), 25.376);
    assert.equal(parseDurationString('6.45837ms'), 6.45837);
    assert.equal(parseDurationString('1m2.5s'), 62_500);
    assert.equal(parseDurationString('350µs'), 0.35);
    assert.ok(Number.isNaN(parseDurationString('12')));
    assert.ok(Number.isNaN(parseDurationString('s')));
  });
});

describe('timestamps', () => {
  it('reads RFC 3339 with ns fractions and offsets, truncating to ms', () => {
    assert.equal(timeValueToMs('2021-12-08T14:02:43.587782192Z'), Date.UTC(2021, 11, 8, 14, 2, 43, 587));
    assert.equal(timeValueToMs('2026-01-14T10:45:33.759014877+01:00'), Date.UTC(2026, 0, 14, 9, 45, 33, 759));
  });

  it('reads CLF times with their offset', () => {
    assert.equal(timeValueToMs('19/Oct/2025:15:33:23 +0800'), Date.UTC(2025, 9, 19, 7, 33, 23));
  });

  it('guesses the epoch unit by magnitude, also for numeric strings', () => {
    const ms = Date.UTC(2023, 8, 4, 15, 19, 51, 756);
    assert.equal(timeValueToMs(ms / 1000), ms);
    assert.equal(timeValueToMs(ms), ms);
    assert.equal(timeValueToMs(String(ms)), ms);
    assert.equal(timeValueToMs(ms * 1000), ms);
    assert.equal(timeValueToMs(1756494783340876000), 1756494783340);
  });

  it('refuses what is not a time', () => {
    for (const value of ['yesterday', '2024-13-01T00:00:00Z', '31/Apr/2024:00:00:00 +0000', '', null, true, -5, 1e30]) {
      assert.ok(Number.isNaN(timeValueToMs(value)), String(value));
    }
  });

  it('reads year-less logrus times in the given year', () => {
    assert.equal(yearlessTimeToMs('Jan 29 08:27:09', 2025), Date.UTC(2025, 0, 29, 8, 27, 9));
    assert.equal(yearlessTimeToMs('Feb  3 01:02:03', 2025), Date.UTC(2025, 1, 3, 1, 2, 3));
    assert.ok(Number.isNaN(yearlessTimeToMs('Feb 30 01:02:03', 2025)));
  });
});

describe('lookup and line reading', () => {
  it('follows dot paths and never inherited properties', () => {
    const object = { a: { b: { c: 1 } }, 'x.y': 2 };
    assert.equal(lookupPath(object, compilePath('a.b.c')), 1);
    assert.equal(lookupPath(object, compilePath('x.y')), 2);
    assert.equal(lookupPath(object, compilePath('a.missing.c')), undefined);
    assert.equal(lookupPath(object, compilePath('constructor')), undefined);
    assert.equal(lookupPath(object, compilePath('a.__proto__')), undefined);
  });

  it('tells blank, not-JSON and broken JSON apart', () => {
    assert.equal(readJsonLine('   '), 'blank');
    assert.equal(readJsonLine('DEBUG: plugin'), 'not-json');
    assert.equal(readJsonLine('[2016-04-15T20:17:00.310Z] "POST /api HTTP/2" 204'), 'not-json');
    assert.equal(readJsonLine('{"request_time":0.000"}'), 'bad-json');
    assert.equal(readJsonLine('{"clientPort":-}'), 'bad-json');
    assert.deepEqual(readJsonLine('[{"a":1}]'), [{ a: 1 }]);
  });
});
