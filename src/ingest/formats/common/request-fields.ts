import type { LogRecord } from '../../../types.js';
import { splitRequestLine } from './request-line.js';
import { splitTarget } from './target.js';

/**
 * Fills method, path, query and (when absolute-form) host from a logged request
 * line; leaves them null when the line is not a request (`-`, `""`, garbage).
 */
export function applyRequestLine(request: string, record: LogRecord): void {
  const requestLine = splitRequestLine(request);
  if (requestLine === null) return;
  const split = splitTarget(requestLine.target);
  record.method = requestLine.method;
  record.path = split.path;
  record.query = split.query;
  if (split.host !== null) record.host = split.host;
}
