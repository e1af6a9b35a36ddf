// AWS API Gateway access logs written by a JSON template (REST v1 and HTTP API v2).
// Key names are the user's choice; these are the console/docs suggestions plus
// the obvious `$context.*` variable names.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { parseClfTime } from './common/clf-time.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, identityText, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject } from './json/json-value.js';
import { firstIdentity, firstOwn, lookupPath, own, ownObject } from './json/lookup.js';
import { epochToMs, isoToMs } from './json/times.js';

const NOT_APIGATEWAY = 'not-apigateway-json';
const CLAIMS_SUB = ['claims', 'sub'];

/**
 * The route template from `resourcePath` (REST: `/pets/{petId}`) or `routeKey`
 * (HTTP/WebSocket: `GET /pets/{id}` → `/pets/{id}`). `$default` and WebSocket
 * route keys (`$connect`) name no path, so they give null.
 */
export function apiGatewayRoute(object: JsonObject): string | null {
  const resourcePath = textOrNull(firstOwn(object, ['resourcePath', 'resource_path']));
  if (resourcePath !== null && resourcePath.startsWith('/')) return resourcePath;
  const routeKey = textOrNull(firstOwn(object, ['routeKey', 'route_key']));
  if (routeKey === null) return null;
  const space = routeKey.indexOf(' ');
  const template = space >= 0 ? routeKey.slice(space + 1) : routeKey;
  return template.startsWith('/') ? template : null;
}

function requestTimeMs(object: JsonObject): number | undefined {
  const epoch = firstOwn(object, ['requestTimeEpoch', 'request_time_epoch']);
  if (epoch !== undefined) return epochToMs(epoch, 'ms');
  const text = firstOwn(object, ['requestTime', 'request_time']);
  if (text === undefined) return undefined;
  if (typeof text !== 'string') return epochToMs(text, 'ms');
  const clf = parseClfTime(text);
  return Number.isNaN(clf) ? isoToMs(text) : clf;
}

/** Identity in order of how specific it is: API key id, authorizer principal, IAM caller/user. */
function consumerOf(object: JsonObject): string | null {
  const authorizer = ownObject(object, 'authorizer');
  return (
    firstIdentity(object, ['apiKeyId', 'api_key_id', 'principalId', 'authorizerPrincipalId']) ??
    (authorizer ? identityText(own(authorizer, 'principalId')) ?? identityText(lookupPath(authorizer, CLAIMS_SUB)) : null) ??
    firstIdentity(object, ['cognitoIdentityId', 'caller', 'user', 'userArn'])
  );
}

function parseApiGatewayObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const method = methodOrNull(firstOwn(object, ['httpMethod', 'http_method', 'method']));
  const route = apiGatewayRoute(object);
  if (method === null && route === null && own(object, 'status') === undefined) return NOT_APIGATEWAY;
  const timeMs = requestTimeMs(object);
  if (timeMs === undefined) return 'missing-timestamp';
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = method;
  record.route = route;
  // `$context.path` is the real path (REST: with the /{stage} prefix); when the
  // template logs only the route, the template is the best path there is.
  const path = textOrNull(firstOwn(object, ['path', 'requestPath']));
  if (path !== null) {
    const split = splitTarget(path);
    record.path = split.path;
    record.query = split.query;
  } else {
    record.path = route;
  }
  const ip = textOrNull(firstOwn(object, ['ip', 'sourceIp', 'source_ip', 'identity.sourceIp']));
  record.client = ip === null ? null : cleanClientAddress(ip);
  record.status = statusOrNull(firstOwn(object, ['status', 'statusCode']));
  record.bytesSent = countOrNull(firstOwn(object, ['responseLength', 'response_length']));
  record.durationMs = durationOrNull(firstOwn(object, ['responseLatency', 'response_latency', 'latency', 'integrationLatency']), 1);
  record.userAgent = textOrNull(firstOwn(object, ['userAgent', 'user_agent']));
  record.consumer = consumerOf(object);
  record.host = textOrNull(firstOwn(object, ['domainName', 'domain_name']));
  record.requestId = textOrNull(firstOwn(object, ['requestId', 'request_id', 'extendedRequestId']));
  return record;
}

export const apiGatewayJsonFormat = defineJsonFormat({
  id: 'apigateway-json',
  description: 'AWS API Gateway access log with a JSON template (REST resourcePath / HTTP API routeKey; requestTime CLF or requestTimeEpoch ms)',
  fields: {
    timeMs: 'requestTimeEpoch (epoch ms) | requestTime (CLF) — request start',
    client: 'ip | sourceIp ($context.identity.sourceIp)',
    method: 'httpMethod',
    path: 'path ($context.path, with /{stage} on REST), else the route template',
    query: 'the part after ? of path (API Gateway has no query variable)',
    route: 'resourcePath (REST) | routeKey without the method (HTTP API); $default → null',
    status: 'status (string or number; - → null)',
    bytesSent: 'responseLength',
    durationMs: 'responseLatency | integrationLatency (ms)',
    userAgent: 'userAgent',
    consumer: 'apiKeyId | principalId | authorizer.principalId | cognitoIdentityId | caller | user (placeholders such as - skipped)',
    host: 'domainName',
    requestId: 'requestId | extendedRequestId',
  },
  scoreObject(object) {
    const time = own(object, 'requestTime');
    const hasClfTime = typeof time === 'string' && !Number.isNaN(parseClfTime(time));
    const hasTime = hasClfTime || own(object, 'requestTimeEpoch') !== undefined;
    const hasMethod = own(object, 'httpMethod') !== undefined;
    const hasRoute = own(object, 'routeKey') !== undefined || own(object, 'resourcePath') !== undefined;
    const hasId = own(object, 'requestId') !== undefined || own(object, 'extendedRequestId') !== undefined;
    if (hasTime && hasMethod && hasRoute) return 0.95;
    if (hasId && hasMethod && (own(object, 'apiId') !== undefined || own(object, 'extendedRequestId') !== undefined)) return 0.9;
    if (hasTime && hasMethod && hasId) return 0.8;
    return 0;
  },
  createObjectParser(_options: FormatOptions) {
    return parseApiGatewayObject;
  },
});
