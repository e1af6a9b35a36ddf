import type { LineParser, LogFormat, ParseOutcome, SourceRef } from '../../types.js';
import { scanClfHead } from './common/clf-line.js';
import { newRecord } from './common/record.js';
import { splitRequestLine } from './common/request-line.js';
import { nextTailToken } from './common/tail-tokens.js';

/**
 * HTTP API templates log `$context.routeKey` (`GET /pets/{id}`), which carries its
 * own method: the request line is then `GET GET /pets/{id} HTTP/1.1`.
 */
function routeFromTarget(target: string): string {
  const inner = splitRequestLine(target);
  return inner !== null && inner.protocol === null && inner.target.charCodeAt(0) === 47 ? inner.target : target;
}

function parseApiGatewayClfLine(line: string, source: SourceRef): ParseOutcome {
  if (line.length === 0) return 'blank';
  const record = newRecord(source);
  const head = scanClfHead(line, record, { bytesDashMeans: null });
  if (typeof head === 'string') return head === 'not-clf' ? 'not-apigateway-clf' : head;
  const requestId = nextTailToken(line, head.end);
  if (requestId === null || requestId.quoted) return 'not-apigateway-clf';
  record.requestId = requestId.value === '-' ? null : requestId.value;
  // $context.identity.user, else $context.identity.caller.
  record.consumer ??= head.ident;
  if (head.target !== null) {
    // The gateway logs its route template, not the concrete path: it is both.
    const route = routeFromTarget(head.target);
    record.route = route;
    record.path = route.charCodeAt(0) === 47 ? route : null;
    record.query = null;
    record.host = null;
  }
  return record;
}

const API_GATEWAY_TAIL = /"\s\d{3}\s(\d+|-)\s[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\s|$)/;

export const apiGatewayClfFormat: LogFormat = {
  id: 'apigateway-clf',
  description: 'AWS API Gateway access log, the console CLF template (sourceIp caller user [requestTime] "method resourcePath|routeKey protocol" status responseLength requestId)',
  fields: {
    timeMs: '[$context.requestTime] (CLF, request start)',
    client: '$context.identity.sourceIp',
    method: '$context.httpMethod',
    path: '$context.resourcePath / routeKey template (the only path logged)',
    route: '$context.resourcePath (REST) or the path of $context.routeKey (HTTP API)',
    status: '$context.status',
    bytesSent: '$context.responseLength (- → null)',
    consumer: '$context.identity.user, else $context.identity.caller',
    requestId: '$context.requestId',
  },
  detect(line: string): number {
    if (!API_GATEWAY_TAIL.test(line)) return 0;
    return typeof parseApiGatewayClfLine(line, { file: '', line: 0 }) === 'string' ? 0 : 1;
  },
  createParser(): LineParser {
    return { parse: parseApiGatewayClfLine };
  },
};
