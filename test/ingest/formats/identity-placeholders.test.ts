// A placeholder (`-`, empty, `null`, `undefined`) in an identity field never
// stands for the identity and never ends the search: the next candidate field
// is read. Lines are the example lines of ../shared/data/formats/ (or, for
// Azure APIM which has none, the schema reference's field names) with only the
// identity fields changed.
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogFormat, LogRecord, ParseOutcome } from '../../../src/types.js';
import { isPlaceholderText } from '../../../src/ingest/formats/common/fields.js';
import { apiGatewayClfFormat } from '../../../src/ingest/formats/apigateway-clf.js';
import { apiGatewayJsonFormat } from '../../../src/ingest/formats/json-apigateway.js';
import { azureApimFormat } from '../../../src/ingest/formats/json-azure-apim.js';
import { csvFormat } from '../../../src/ingest/formats/csv.js';
import { genericJsonFormat } from '../../../src/ingest/formats/json-generic.js';
import { kongJsonFormat } from '../../../src/ingest/formats/json-kong.js';
import { tykJsonFormat } from '../../../src/ingest/formats/json-tyk.js';
import { tykLogfmtFormat } from '../../../src/ingest/formats/tyk-logfmt.js';
import { clfFormat } from '../../../src/ingest/formats/clf.js';
import { caddyJsonFormat } from '../../../src/ingest/formats/json-caddy.js';
import { traefikJsonFormat } from '../../../src/ingest/formats/json-traefik.js';
import { FORMATS_DIR } from './parse-file.js';

const PLACEHOLDERS = ['-', '', 'null', 'undefined', 'NULL'];

function exampleLine(file: string, line: number): string {
  return readFileSync(`${FORMATS_DIR}/${file}`, 'utf8').split('\n')[line - 1]!;
}

function exampleObject(file: string, line: number): Record<string, unknown> {
  return JSON.parse(exampleLine(file, line)) as Record<string, unknown>;
}

function parseOne(format: LogFormat, line: string): LogRecord {
  const outcome: ParseOutcome = format.createParser({}).parse(line, { file: 't.log', line: 1 });
  assert.equal(typeof outcome, 'object', `a record, got ${String(outcome)}`);
  return outcome as LogRecord;
}

describe('placeholders never win an identity field', () => {
  it('recognises the placeholder spellings and nothing else', () => {
    for (const text of [...PLACEHOLDERS, ' ', '(null)', '<nil>', ' null ']) assert.equal(isPlaceholderText(text), true, JSON.stringify(text));
    for (const text of ['alice', 'pk_live_42', 'nullable', 'undefined-user', '0', '--x']) assert.equal(isPlaceholderText(text), false, text);
  });

  it('API Gateway JSON: "caller":"-" does not hide "user":"pk_…" (aws-apigateway.log line 3)', () => {
    for (const placeholder of PLACEHOLDERS) {
      const object = { ...exampleObject('aws-apigateway.log', 3), caller: placeholder, user: 'pk_live_7Hq2' };
      assert.equal(parseOne(apiGatewayJsonFormat, JSON.stringify(object)).consumer, 'pk_live_7Hq2', `caller ${JSON.stringify(placeholder)}`);
    }
  });

  it('API Gateway JSON: a placeholder api key id falls through to the authorizer principal', () => {
    const object = { ...exampleObject('aws-apigateway.log', 3), apiKeyId: '-', principalId: 'null', authorizer: { principalId: 'user-118' } };
    assert.equal(parseOne(apiGatewayJsonFormat, JSON.stringify(object)).consumer, 'user-118');
  });

  it('API Gateway JSON: all placeholders give no consumer, never the placeholder itself', () => {
    const object = { ...exampleObject('aws-apigateway.log', 3), caller: 'null', user: 'undefined' };
    assert.equal(parseOne(apiGatewayJsonFormat, JSON.stringify(object)).consumer, null);
  });

  it('API Gateway CLF template: a "null" user falls back to the caller', () => {
    const line = '203.0.113.9 AROAEXAMPLE:alice null [10/Jun/2023:15:36:28 +0000] "GET /pets HTTP/1.1" 200 184 48752d0f-c99d-4cfa-a5a7-f3c6834d19e5';
    assert.equal(parseOne(apiGatewayClfFormat, line).consumer, 'AROAEXAMPLE:alice');
  });

  it('Kong: a placeholder consumer username falls through to custom_id, then to the authenticated entity', () => {
    const base = exampleObject('kong-json.log', 2);
    for (const placeholder of PLACEHOLDERS) {
      const withCustomId = { ...base, consumer: { username: placeholder, custom_id: 'acme-7', id: '0b6c…' } };
      assert.equal(parseOne(kongJsonFormat, JSON.stringify(withCustomId)).consumer, 'acme-7');
    }
    const entityOnly = { ...base, consumer: { username: '-', custom_id: 'null' }, authenticated_entity: { consumer_id: '', id: 'cred-5' } };
    assert.equal(parseOne(kongJsonFormat, JSON.stringify(entityOnly)).consumer, 'cred-5');
  });

  it('Tyk pump record: a placeholder api_key falls through to apikey (tyk.log line 4)', () => {
    const base = exampleObject('tyk.log', 4);
    const analytics = base['tyk-analytics-record'] as Record<string, unknown>;
    for (const placeholder of PLACEHOLDERS) {
      const object = { ...base, 'tyk-analytics-record': { ...analytics, api_key: placeholder, apikey: 'k-31' } };
      assert.equal(parseOne(tykJsonFormat, JSON.stringify(object)).consumer, 'k-31');
      const alone = { ...base, 'tyk-analytics-record': { ...analytics, api_key: placeholder } };
      assert.equal(parseOne(tykJsonFormat, JSON.stringify(alone)).consumer, null);
    }
  });

  it('Tyk logfmt access log: api_key=null is no consumer (tyk.log line 1)', () => {
    const line = exampleLine('tyk.log', 1);
    assert.equal(parseOne(tykLogfmtFormat, line).consumer, '00000000');
    assert.equal(parseOne(tykLogfmtFormat, line.replace('api_key=00000000', 'api_key=null')).consumer, null);
  });

  it('Azure APIM: a placeholder subscription id falls through to userId', () => {
    for (const placeholder of PLACEHOLDERS) {
      const record = {
        time: '2024-03-05T10:15:30.1234567Z',
        operationName: 'Microsoft.ApiManagement/GatewayLogs',
        category: 'GatewayLogs',
        durationMs: 48,
        callerIpAddress: '203.0.113.7',
        properties: { method: 'GET', url: 'https://contoso.azure-api.net/echo/resource', responseCode: 200, apimSubscriptionId: placeholder, userId: 'user-9' },
      };
      assert.equal(parseOne(azureApimFormat, JSON.stringify(record)).consumer, 'user-9', `apimSubscriptionId ${JSON.stringify(placeholder)}`);
    }
  });

  it('generic JSON: a placeholder consumer alias does not stop the alias search', () => {
    for (const placeholder of PLACEHOLDERS) {
      const line = JSON.stringify({ time: '2024-05-01T12:00:00Z', method: 'GET', path: '/api/orders', status: 200, consumer: placeholder, user_id: 'u-77' });
      assert.equal(parseOne(genericJsonFormat, line).consumer, 'u-77', `consumer ${JSON.stringify(placeholder)}`);
    }
  });

  it('generic JSON with --map: the mapped field holding "null" gives no consumer', () => {
    const line = JSON.stringify({ time: '2024-05-01T12:00:00Z', method: 'GET', path: '/api/orders', status: 200, who: 'null' });
    const outcome = genericJsonFormat.createParser({ fieldMap: { consumer: 'who' } }).parse(line, { file: 't.log', line: 1 });
    assert.equal((outcome as LogRecord).consumer, null);
  });

  it('CSV: a placeholder consumer column does not stop the search', () => {
    const parser = csvFormat.createParser({});
    parser.parse('time,method,path,status,consumer,user_id', { file: 't.csv', line: 1 });
    const outcome = parser.parse('2024-05-01T12:00:00Z,GET,/api/orders,200,undefined,u-78', { file: 't.csv', line: 2 });
    assert.equal((outcome as LogRecord).consumer, 'u-78');
  });

  it('Caddy and Traefik JSON: a placeholder user is no consumer (caddy-json.log line 1, traefik-json.log line 1)', () => {
    const caddy = exampleObject('caddy-json.log', 1);
    const traefik = exampleObject('traefik-json.log', 1);
    for (const placeholder of PLACEHOLDERS) {
      assert.equal(parseOne(caddyJsonFormat, JSON.stringify({ ...caddy, user_id: placeholder })).consumer, null, `user_id ${JSON.stringify(placeholder)}`);
      assert.equal(parseOne(traefikJsonFormat, JSON.stringify({ ...traefik, ClientUsername: placeholder })).consumer, null, `ClientUsername ${JSON.stringify(placeholder)}`);
    }
    assert.equal(parseOne(caddyJsonFormat, JSON.stringify({ ...caddy, user_id: 'alice' })).consumer, 'alice');
    assert.equal(parseOne(traefikJsonFormat, JSON.stringify({ ...traefik, ClientUsername: 'alice' })).consumer, 'alice');
  });

  it('CLF: a "null" or "undefined" remote user is no consumer (nginx-combined.log line 1)', () => {
    const line = exampleLine('nginx-combined.log', 1);
    const withUser = line.replace(/^(\S+ \S+ )\S+/, '$1null');
    assert.notEqual(withUser, line);
    assert.equal(parseOne(clfFormat, withUser).consumer, null);
    assert.equal(parseOne(clfFormat, line.replace(/^(\S+ \S+ )\S+/, '$1undefined')).consumer, null);
    assert.equal(parseOne(clfFormat, line.replace(/^(\S+ \S+ )\S+/, '$1alice')).consumer, 'alice');
  });
});
