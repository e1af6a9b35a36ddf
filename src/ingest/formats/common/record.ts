import type { LogRecord, SourceRef } from '../../../types.js';

/**
 * A record with every field null (timeMs NaN), so each parser fills only what its
 * format has. Fields are assigned in one literal so every record has the same shape.
 */
export function newRecord(source: SourceRef): LogRecord {
  return {
    timeMs: NaN,
    client: null,
    method: null,
    path: null,
    query: null,
    route: null,
    status: null,
    bytesSent: null,
    bytesReceived: null,
    durationMs: null,
    userAgent: null,
    referer: null,
    consumer: null,
    host: null,
    requestId: null,
    upstream: null,
    source: { file: source.file, line: source.line },
  };
}
