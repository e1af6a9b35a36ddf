// Test helper (not a test): a full LogRecord from the fields a test states, the rest null.
import type { LogRecord } from '../../../src/types.js';

export function recordOf(fields: Partial<LogRecord>, source = { file: 't.log', line: 1 }): LogRecord {
  return {
    timeMs: NaN, client: null, method: null, path: null, query: null, route: null, status: null,
    bytesSent: null, bytesReceived: null, durationMs: null, userAgent: null, referer: null,
    consumer: null, host: null, requestId: null, upstream: null, source,
    ...fields,
  };
}
