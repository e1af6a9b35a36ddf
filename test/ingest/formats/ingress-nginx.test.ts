import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingressNginxFormat } from '../../../src/ingest/formats/ingress-nginx.js';
import { FORMATS_DIR, readLines } from './parse-file.js';
import { recordOf } from './record-of.js';

/** wrapped-container.log lines 1–4 hold ingress-nginx lines inside CRI and Docker envelopes; unwrapping is the ingest layer's job. */
function ingressPayloads(): string[] {
  const lines = readLines(`${FORMATS_DIR}/wrapped-container.log`).slice(0, 4);
  return lines.map((line) => (line.startsWith('{') ? (JSON.parse(line) as { log: string }).log.trimEnd() : line.split(' ').slice(3).join(' ')));
}

test('every ingress-nginx payload of wrapped-container.log becomes a record', () => {
  const parser = ingressNginxFormat.createParser({});
  for (const [index, payload] of ingressPayloads().entries()) {
    assert.equal(typeof parser.parse(payload, { file: 'w.log', line: index + 1 }), 'object', payload);
  }
});

test('upstreaminfo line, field by field', () => {
  const payload = ingressPayloads()[2]!;
  assert.deepEqual(
    ingressNginxFormat.createParser({}).parse(payload, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2021, 7, 24, 9, 52, 13), client: '192.168.61.205', method: 'GET', path: '/', status: 200, bytesSent: 13,
      bytesReceived: 502, durationMs: 1,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/92.0.4515.159 Safari/537.36',
      requestId: '04f1619cfb5e02b6455c19b860427758', upstream: '192.168.46.137:5678',
    }),
  );
});

test('upstream lists: the server that answered is the last entry', () => {
  const line = '10.0.0.9 - - [28/Jan/2022:16:04:05 +0000] "GET /a HTTP/1.1" 502 13 "-" "curl" 80 0.250 [ns-svc-80] [] 10.244.0.9:5678, 10.244.0.10:5678 : 10.244.0.11:5678 0, 0 : 13 0.100, 0.100 : 0.050 502, 502 : 200 abc123';
  const parsed = ingressNginxFormat.createParser({}).parse(line, { file: 't.log', line: 1 });
  assert.equal(typeof parsed, 'object');
  if (typeof parsed === 'string') return;
  assert.equal(parsed.upstream, '10.244.0.11:5678');
  assert.equal(parsed.requestId, 'abc123');
  assert.equal(parsed.durationMs, 250);
  assert.equal(ingressNginxFormat.createParser({}).parse('1.2.3.4 - - [28/Jan/2022:16:04:05 +0000] "GET / HTTP/1.1" 200 1 "-" "-"', { file: 't', line: 1 }), 'not-ingress-nginx');
});
