import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readQuoted } from '../../../../src/ingest/formats/common/quoted.js';
import { syslogPrefix } from '../../../../src/ingest/formats/common/syslog-prefix.js';

test('readQuoted honours Apache \\" escapes and keeps \\xhh as written', () => {
  const line = '"Dalvik/2.1.0 (Linux; U; Android 5.1; Alba 10\\" Build/LMY47I)" next';
  assert.deepEqual(readQuoted(line, 0), { value: 'Dalvik/2.1.0 (Linux; U; Android 5.1; Alba 10" Build/LMY47I)', end: line.indexOf(' next') });
  assert.deepEqual(readQuoted('"a\\\\" b', 0), { value: 'a\\', end: 5 });
  assert.deepEqual(readQuoted('"\\x16\\x03" 400', 0), { value: '\\x16\\x03', end: 10 });
  assert.equal(readQuoted('"never closed', 0), null);
  assert.equal(readQuoted('no quote', 0), null);
});

test('syslogPrefix finds the payload behind RFC 3164 and RFC 5424 headers', () => {
  const rfc3164 = 'Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655]';
  assert.deepEqual(syslogPrefix(rfc3164), { payloadStart: rfc3164.indexOf('10.0.1.2'), offsetMs: null });
  const bareTag = 'haproxy[18113]: 127.0.0.1:34549 [15/Oct/2003:15:19:06.103]';
  assert.equal(syslogPrefix(bareTag).payloadStart, bareTag.indexOf('127.0.0.1'));
  const rfc5424 = '<134>1 2024-06-20T11:47:56.817934+02:00 - haproxy 266980 - - 127.0.0.1:50516 [20/Jun/2024:11:47:56.766]';
  assert.deepEqual(syslogPrefix(rfc5424), { payloadStart: rfc5424.indexOf('127.0.0.1'), offsetMs: 2 * 3600_000 });
  assert.equal(syslogPrefix('in24.inetnebr.com - - [01/Aug/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1').payloadStart, 0);
  assert.equal(syslogPrefix('1.2.3.4 - - [x]').payloadStart, 0);
});
