// Azure Application Gateway access log (resource log category
// ApplicationGatewayAccessLog), v1 and v2 schemas, one record per line or in a
// one-line `{"records":[…]}` blob.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject } from './json/json-value.js';
import { firstOwn, own, ownObject } from './json/lookup.js';
import { isoToMs } from './json/times.js';

const CATEGORY = 'ApplicationGatewayAccessLog';
const V2_ONLY_KEYS = ['serverRouted', 'serverStatus', 'serverResponseLatency', 'originalRequestUriWithArgs', 'transactionId', 'WAFEvaluationTime'];

/**
 * v2 logs `timeTaken` in seconds, v1 in ms. A row is v2 when it has a key only
 * v2 writes; a fractional value is seconds whatever the schema (v1 writes ints).
 */
function isV2(properties: JsonObject): boolean {
  return V2_ONLY_KEYS.some((key) => own(properties, key) !== undefined);
}

function parseAppGwObject(object: JsonObject, source: SourceRef): ParseOutcome {
  const category = own(object, 'category');
  const properties = ownObject(object, 'properties');
  // Firewall records (ApplicationGatewayFirewallLog) share the envelope: not access records.
  const isAccess = category === CATEGORY || (category === undefined && own(object, 'operationName') === 'ApplicationGatewayAccess');
  if (!isAccess || properties === undefined) return 'not-azure-appgw';
  const time = firstOwn(object, ['time', 'timestamp', 'timeStamp']);
  if (time === undefined) return 'missing-timestamp';
  const timeMs = typeof time === 'string' ? isoToMs(time) : NaN;
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const v2 = isV2(properties);
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = methodOrNull(own(properties, 'httpMethod'));
  // v1 `requestQuery` carries gateway diagnostics (CACHE-HIT, SERVER-ROUTED…), not the client query.
  const target = textOrNull(firstOwn(properties, ['originalRequestUriWithArgs', 'requestUri']));
  if (target !== null) {
    const split = splitTarget(target);
    record.path = split.path;
    record.query = split.query;
  }
  const clientIp = textOrNull(own(properties, 'clientIP'));
  record.client = clientIp === null ? null : cleanClientAddress(clientIp);
  record.status = statusOrNull(own(properties, 'httpStatus'));
  record.bytesSent = countOrNull(own(properties, 'sentBytes'));
  record.bytesReceived = countOrNull(own(properties, 'receivedBytes'));
  const timeTaken = own(properties, 'timeTaken');
  const fractional = typeof timeTaken === 'number' && !Number.isInteger(timeTaken);
  record.durationMs = durationOrNull(timeTaken, v2 || fractional ? 1000 : 1);
  const userAgent = textOrNull(own(properties, 'userAgent'));
  // v1 writes spaces in the user agent as `+`.
  record.userAgent = userAgent !== null && !v2 ? userAgent.replaceAll('+', ' ') : userAgent;
  record.host = textOrNull(firstOwn(properties, ['originalHost', 'host']));
  record.requestId = textOrNull(own(properties, 'transactionId'));
  record.upstream = textOrNull(own(properties, 'serverRouted'));
  return record;
}

export const azureAppGwFormat = defineJsonFormat({
  id: 'azure-appgw',
  description: 'Azure Application Gateway access log (ApplicationGatewayAccessLog, v1 and v2; also one-line {"records":[…]})',
  fields: {
    timeMs: 'time (v2) | timestamp | timeStamp (v1), ISO 8601 UTC, taken as is',
    client: 'properties.clientIP',
    method: 'properties.httpMethod',
    path: 'properties.originalRequestUriWithArgs (v2) | requestUri, query split off',
    query: 'after ? of the same field (v1 requestQuery holds gateway diagnostics and is ignored)',
    status: 'properties.httpStatus',
    bytesSent: 'properties.sentBytes',
    bytesReceived: 'properties.receivedBytes',
    durationMs: 'properties.timeTaken: seconds in v2 rows (serverRouted/serverStatus/… present) or when fractional, else ms (v1)',
    userAgent: 'properties.userAgent (v1 + → space)',
    host: 'properties.originalHost | host',
    requestId: 'properties.transactionId (v2)',
    upstream: 'properties.serverRouted (v2)',
  },
  scoreObject(object) {
    if (own(object, 'category') === CATEGORY) return 0.97;
    return own(object, 'operationName') === 'ApplicationGatewayAccess' && ownObject(object, 'properties') ? 0.9 : 0;
  },
  createObjectParser(_options: FormatOptions) {
    return parseAppGwObject;
  },
});
