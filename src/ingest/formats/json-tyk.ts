// Tyk analytics records as Tyk Pump writes them (stdout pump wraps each in
// `{"tyk-analytics-record":{…}}`; file/CSV pumps and MongoDB dumps write the
// record itself, Mongo with lower-case unseparated keys), and the gateway access
// log in logrus JSON mode (same keys as its logfmt form).
import type { FormatOptions, ParseOutcome, SourceRef } from '../../types.js';
import { cleanClientAddress } from './common/client-address.js';
import { newRecord } from './common/record.js';
import { splitTarget } from './common/target.js';
import { countOrNull, durationOrNull, identityText, methodOrNull, statusOrNull, textOrNull } from './json/coerce.js';
import { defineJsonFormat } from './json/json-line-format.js';
import type { JsonObject } from './json/json-value.js';
import { firstIdentity, firstOwn, own, ownObject } from './json/lookup.js';
import { timeValueToMs, yearlessTimeToMs } from './json/times.js';

const WRAPPER_KEY = 'tyk-analytics-record';

function analyticsRecordOf(object: JsonObject): JsonObject | undefined {
  const wrapped = ownObject(object, WRAPPER_KEY);
  if (wrapped) return wrapped;
  const hasStatus = own(object, 'response_code') !== undefined || own(object, 'responsecode') !== undefined;
  const hasKey = own(object, 'api_key') !== undefined || own(object, 'apikey') !== undefined;
  return hasStatus && hasKey && (own(object, 'api_id') !== undefined || own(object, 'apiid') !== undefined) ? object : undefined;
}

function isGatewayAccessLog(object: JsonObject): boolean {
  return own(object, 'prefix') === 'access-log' && own(object, 'api_id') !== undefined;
}

function parseAnalyticsRecord(analytics: JsonObject, source: SourceRef): ParseOutcome {
  const time = own(analytics, 'timestamp');
  if (time === undefined || time === null) return 'missing-timestamp';
  const timeMs = timeValueToMs(time);
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = methodOrNull(own(analytics, 'method'));
  // raw_path is the path as requested; path is relative to the API's listen path.
  const target = textOrNull(firstOwn(analytics, ['raw_path', 'rawpath', 'path']));
  if (target !== null) {
    const split = splitTarget(target);
    record.path = split.path;
    record.query = split.query;
  }
  const ip = textOrNull(firstOwn(analytics, ['ip_address', 'ipaddress']));
  record.client = ip === null ? null : cleanClientAddress(ip);
  record.status = statusOrNull(firstOwn(analytics, ['response_code', 'responsecode']));
  // Network stats are zeros unless Tyk tracks them, so 0 cannot be told from "not tracked".
  const network = ownObject(analytics, 'network');
  const bytesOut = network ? countOrNull(own(network, 'bytes_out')) : null;
  record.bytesSent = bytesOut !== null && bytesOut > 0 ? bytesOut : null;
  record.bytesReceived = countOrNull(firstOwn(analytics, ['content_length', 'contentlength']));
  const latency = ownObject(analytics, 'latency');
  record.durationMs = durationOrNull(firstOwn(analytics, ['request_time', 'requesttime']) ?? (latency ? own(latency, 'total') : undefined), 1);
  record.userAgent = textOrNull(firstOwn(analytics, ['user_agent', 'useragent']));
  record.consumer = firstIdentity(analytics, ['api_key', 'apikey']);
  record.host = textOrNull(own(analytics, 'host'));
  return record;
}

function parseGatewayAccessLog(object: JsonObject, source: SourceRef, defaultYear: number): ParseOutcome {
  const time = own(object, 'time');
  if (typeof time !== 'string') return 'missing-timestamp';
  // logrus default text time has no year (`Jan 29 08:27:09`); JSON mode usually writes RFC 3339.
  let timeMs = timeValueToMs(time);
  if (Number.isNaN(timeMs)) timeMs = yearlessTimeToMs(time, defaultYear);
  if (Number.isNaN(timeMs)) return 'bad-timestamp';
  const record = newRecord(source);
  record.timeMs = timeMs;
  record.method = methodOrNull(own(object, 'method'));
  const target = textOrNull(own(object, 'path'));
  if (target !== null) {
    const split = splitTarget(target);
    record.path = split.path;
    record.query = split.query;
  }
  const client = textOrNull(firstOwn(object, ['client_ip', 'remote_addr']));
  record.client = client === null ? null : cleanClientAddress(client);
  record.status = statusOrNull(own(object, 'status'));
  record.durationMs = durationOrNull(own(object, 'latency_total'), 1);
  record.userAgent = textOrNull(own(object, 'user_agent'));
  record.consumer = identityText(own(object, 'api_key'));
  record.host = textOrNull(own(object, 'host'));
  record.upstream = textOrNull(own(object, 'upstream_addr'));
  return record;
}

export const tykJsonFormat = defineJsonFormat({
  id: 'tyk-json',
  description: 'Tyk Pump analytics records (tyk-analytics-record, file/Mongo dumps) and Tyk gateway access log in JSON mode',
  fields: {
    timeMs: 'timestamp (RFC 3339 ns) | access log time (no year: the file year)',
    client: 'ip_address | client_ip',
    method: 'method',
    path: 'raw_path | path (query split off)',
    query: 'after ? of the path',
    status: 'response_code | status',
    bytesSent: 'network.bytes_out when > 0 (zeros mean "not tracked")',
    bytesReceived: 'content_length (request)',
    durationMs: 'request_time | latency.total | latency_total (ms)',
    userAgent: 'user_agent',
    consumer: 'api_key as logged (Tyk hashes or obfuscates it)',
    host: 'host',
    upstream: 'upstream_addr (access log)',
  },
  scoreObject(object) {
    if (ownObject(object, WRAPPER_KEY)) return 0.98;
    if (isGatewayAccessLog(object)) return 0.9;
    if (analyticsRecordOf(object)) return own(object, 'request_time') !== undefined || own(object, 'requesttime') !== undefined ? 0.9 : 0.75;
    // Pump status lines (`prefix: stdout-pump`) belong to the stream but are no records.
    return typeof own(object, 'prefix') === 'string' && String(own(object, 'prefix')).endsWith('-pump') ? 0.6 : 0;
  },
  createObjectParser(options: FormatOptions) {
    const defaultYear = options.defaultYear ?? new Date().getUTCFullYear();
    return (object, source) => {
      const analytics = analyticsRecordOf(object);
      if (analytics) return parseAnalyticsRecord(analytics, source);
      if (isGatewayAccessLog(object)) return parseGatewayAccessLog(object, source, defaultYear);
      return 'not-tyk-json';
    };
  },
});
