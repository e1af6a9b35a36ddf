import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InjectionCollector } from '../../src/detect/injection-incidents.js';
import { InjectionDetector } from '../../src/detect/injection/injection-detector.js';
import type { LogRecord } from '../../src/types.js';

function request(client: string, path: string, query: string | null, line: number): LogRecord {
  return {
    timeMs: Date.UTC(2022, 11, 22, 4, 10) + line * 1000, client, method: 'GET', path, query, route: '/download', status: 404, bytesSent: 200,
    bytesReceived: null, durationMs: 2, userAgent: 'python-requests/2.28', referer: null, consumer: null, host: null, requestId: null, upstream: null,
    source: { file: 'access.log', line },
  };
}

test('a single traversal probe is described in the singular', () => {
  const collector = new InjectionCollector(new InjectionDetector(), 'score');
  collector.observe(request('98.159.226.187', '/download', 'file=../../../../etc/passwd', 7));
  const [candidate] = collector.finish(300_000);
  assert.ok(candidate, 'the probe is a candidate');
  assert.match(candidate.evidence[0]!.text, /^1 request with traversal on 1 distinct target of GET \/download$/);
});

test('several probes are counted in the plural', () => {
  const collector = new InjectionCollector(new InjectionDetector(), 'score');
  collector.observe(request('98.159.226.187', '/download', 'file=../../../../etc/passwd', 7));
  collector.observe(request('98.159.226.187', '/download', 'file=..%2f..%2f..%2fetc%2fshadow', 8));
  const [candidate] = collector.finish(300_000);
  assert.match(candidate!.evidence[0]!.text, /^2 requests with traversal on 2 distinct targets of GET \/download$/);
});
