// Azure API Management gateway logs: resource-log records (category GatewayLogs,
// camelCase `properties`), Log Analytics exports (PascalCase columns at top
// level) and the 2017 schema (`properties` as a JSON string). Keys are matched
// case-insensitively because the three shapes differ mainly in case.
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, identityText, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { defineJsonFormat } from './json/json-line-format.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json/json-value.js';
import { own } from './json/lookup.js';
import { isoToMs } from './json/times.js';

const CATEGORY = 'gatewaylogs';
const OPERATION = 'microsoft.apimanagement/gatewaylogs';

/** Lower-cased key → value of the record and its `properties` (properties win on clashes). */
function flattenLowerCase(object: JsonObject): Map<string, JsonValue> {
  const fields = new Map<string, JsonValue>();
  for (const key of Object.keys(object)) fields.set(key.toLowerCase(), object[key]!);
  let properties: JsonValue | undefined = own(object, 'properties');
  if (typeof properties === 'string' && properties.startsWith('{')) {
    try {
      properties = JSON.parse(properties) as JsonValue;
    } catch {
      properties = undefined;
    }
  }
  if (isJsonObject(properties)) {
    for (const key of Object.keys(properties)) fields.set(key.toLowerCase(), properties[key]!);
  }
  return fields;
}

function pick(fields: Map<string, JsonValue>, keys: readonly string[]): JsonValue | undefined {
  for (const key of keys) {
    const value = fields.get(key);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

/** The first of `keys` holding a real identity; placeholders (`-`, `null`, …) do not end the search. */
function firstIdentityOf(fields: Map<string, JsonValue>, keys: readonly string[]): string | null {
  for (const key of keys) {
    const identity = identityText(fields.get(key));
    if (identity !== null) return identity;
  }
  return null;
}

function isGatewayLog(object: JsonObject): boolean {
  const category = own(object, 'category') ?? own(object, 'Category');
  if (typeof category === 'string' && category.toLowerCase() === CATEGORY) return true;
  const operation = own(object, 'operationName') ?? own(object, 'OperationName');
  if (typeof operation === 'string' && operation.toLowerCase() === OPERATION) return true;
  // Log Analytics table export: no category column, but these columns together are APIM's.
  return own(object, 'ApimSubscriptionId') !== undefined && own(object, 'ResponseCode') !== undefined;
}

function parseApimObject(object: JsonObject, source: SourceRef): ParseOutcome {
  if (!isGatewayLog(object)) return 'not-azure-apim';
  const fields = flattenLowerCase(object);
  const time = pick(fields, ['time', 'timegenerated']);
  if (time === undefined) return 'missing-timestamp';
  const timeMs = typeof time === 'string' ? isoToMs(time) : NaN;
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = methodOrNull(pick(fields, ['method']));
  const url = textOrNull(pick(fields, ['url']));
  if (url !== null) {
    const split = splitTarget(url);
    record.path = split.path;
    record.query = split.query;
    record.host = split.host;
  }
  const caller = textOrNull(pick(fields, ['calleripaddress']));
  record.client = caller === null ? null : cleanClientAddress(caller);
  record.status = statusOrNull(pick(fields, ['responsecode']));
  record.bytesSent = countOrNull(pick(fields, ['responsesize']));
  record.bytesReceived = countOrNull(pick(fields, ['requestsize']));
  record.durationMs = durationOrNull(pick(fields, ['durationms', 'totaltime', 'servicetime']), 1);
  // The subscription identifies the key holder; the key itself is never logged.
  record.consumer = firstIdentityOf(fields, ['apimsubscriptionid', 'subscriptionid', 'userid']);
  record.requestId = textOrNull(pick(fields, ['correlationid']));
  const backendUrl = textOrNull(pick(fields, ['backendurl']));
  record.upstream = (backendUrl !== null ? splitTarget(backendUrl).host : null) ?? textOrNull(pick(fields, ['backendid']));
  return record;
}

export const azureApimFormat = defineJsonFormat({
  id: 'azure-apim',
  description: 'Azure API Management GatewayLogs (resource log, Log Analytics export or 2017 schema; also one-line {"records":[…]})',
  fields: {
    timeMs: 'time | TimeGenerated (ISO 8601 UTC), taken as is',
    client: 'callerIpAddress (the immediate caller, may be a proxy)',
    method: 'properties.method',
    path: 'properties.url (full URL reduced to its path)',
    query: 'properties.url after ?',
    status: 'properties.responseCode',
    bytesSent: 'properties.responseSize',
    bytesReceived: 'properties.requestSize',
    durationMs: 'durationMs | TotalTime | ServiceTime (ms)',
    consumer: 'properties.apimSubscriptionId | SubscriptionId | userId',
    host: 'host of properties.url',
    requestId: 'correlationId',
    upstream: 'host of properties.backendUrl | backendId',
  },
  scoreObject(object) {
    return isGatewayLog(object) ? 0.97 : 0;
  },
  createObjectParser(_options: FormatOptions) {
    return parseApimObject;
  },
});
