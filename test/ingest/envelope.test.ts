import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvelopeUnwrapper, parseEnvelope, unwrapAmbiguous, unwrapDoubleQuoted, type PayloadSink } from '../../src/ingest/envelope.js';

type Event = ['payload', number, string] | ['skip', number, string];

function unwrapAll(lines: string[]): Event[] {
  const events: Event[] = [];
  const sink: PayloadSink = {
    payload: (text, line) => events.push(['payload', line, text]),
    skip: (reason, line) => events.push(['skip', line, reason]),
  };
  const unwrapper = new EnvelopeUnwrapper();
  lines.forEach((text, i) => unwrapper.unwrap(text, i + 1, sink));
  unwrapper.flush(sink);
  return events;
}

const CLF = '172.18.0.1 - - [28/Jan/2022:16:04:05 +0000] "GET / HTTP/1.1" 200 13 "-" "curl/7.68.0"';

test('CRI lines lose their timestamp, stream and tag; plain lines pass through', () => {
  assert.deepEqual(unwrapAll([`2022-01-28T16:04:05.413656027Z stdout F ${CLF}`, CLF]), [
    ['payload', 1, CLF],
    ['payload', 2, CLF],
  ]);
  // An offset instead of Z, as containerd writes with a local clock.
  assert.equal(parseEnvelope(`2025-12-31T17:37:40.493035218+01:00 stdout F {"a":1}`)?.payload, '{"a":1}');
});

test('CRI partial (P) lines are joined until the F line; each fragment after the first is a counted continuation', () => {
  const events = unwrapAll([
    '2024-01-01T00:00:00.1Z stdout P 1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a',
    '2024-01-01T00:00:00.2Z stderr F other stream',
    '2024-01-01T00:00:00.3Z stdout P bc HTTP/1.1" 200',
    '2024-01-01T00:00:00.4Z stdout F  5 "-" "ua"',
  ]);
  assert.deepEqual(events, [
    // A different stream in between does not continue the partial line: it is flushed alone.
    ['payload', 1, '1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a'],
    ['payload', 2, 'other stream'],
    ['skip', 4, 'continuation'],
    ['payload', 3, 'bc HTTP/1.1" 200 5 "-" "ua"'],
  ]);
});

test('a partial line whose end never comes is parsed on its own at the end of the input', () => {
  assert.deepEqual(unwrapAll(['2024-01-01T00:00:00Z stdout P half']), [['payload', 1, 'half']]);
});

test('Docker json-file lines are decoded; 16 KB chunks without a final newline are joined', () => {
  const line = JSON.stringify({ log: `${CLF}\n`, stream: 'stdout', time: '2021-08-24T09:52:13.20764059Z' });
  assert.deepEqual(unwrapAll([line]), [['payload', 1, CLF]]);
  const first = JSON.stringify({ log: CLF.slice(0, 20), stream: 'stdout', time: 't' });
  const rest = JSON.stringify({ log: `${CLF.slice(20)}\r\n`, stream: 'stdout', time: 't' });
  assert.deepEqual(unwrapAll([first, rest]), [
    ['skip', 2, 'continuation'],
    ['payload', 1, CLF],
  ]);
});

test('JSON that merely starts with {"log": but is broken, or has no string log, is left alone', () => {
  assert.equal(parseEnvelope('{"log": broken'), null);
  assert.equal(parseEnvelope('{"log":{"nested":true}}'), null);
  assert.equal(parseEnvelope('{"level":"info"}'), null);
});

test('syslog prefixes (RFC 3164, RFC 5424, bare tag) are removed by the ambiguous unwrapper', () => {
  const haproxy = '10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 "GET / HTTP/1.1"';
  assert.equal(unwrapAmbiguous(`Feb  6 12:14:14 localhost haproxy[14389]: ${haproxy}`), haproxy);
  assert.equal(unwrapAmbiguous(`<134>1 2024-06-20T11:47:56.817934+02:00 - haproxy 266980 - - ${haproxy}`), haproxy);
  assert.equal(unwrapAmbiguous(`<13>1 2024-06-20T11:47:56Z host app 1 ID47 [exampleSDID@32473 iut="3" eventSource="App"] ${CLF}`), CLF);
  assert.equal(unwrapAmbiguous(`haproxy[18113]: ${haproxy}`), haproxy);
  assert.equal(unwrapAmbiguous(`Jul 30 09:03:52 web-1 nginx: ${CLF}`), CLF);
  // Plain access lines have no wrapper.
  assert.equal(unwrapAmbiguous(CLF), null);
  assert.equal(unwrapAmbiguous('[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204'), null);
});

test('journald / platform JSON with the line in message, including a syslog tag inside', () => {
  const wrapped = JSON.stringify({ type: 'log.journald', message: `frontend.0 nginx: ${CLF}` });
  assert.equal(unwrapAmbiguous(wrapped), CLF);
  assert.equal(unwrapAmbiguous(JSON.stringify({ MESSAGE: CLF })), CLF);
});

test('a line wrapped in extra double quotes is unwrapped with doubled quotes undone; CSV rows are not', () => {
  const exported = `"1.2.3.4 - - [05/Oct/2026:00:00:00 +0000] ""GET / HTTP/1.1"" 200 5 ""-"" ""curl/8"""`;
  assert.equal(unwrapDoubleQuoted(exported), '1.2.3.4 - - [05/Oct/2026:00:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "curl/8"');
  assert.equal(unwrapDoubleQuoted('"a","b"'), null);
  assert.equal(unwrapDoubleQuoted('"'), null);
});
