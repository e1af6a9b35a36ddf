// Azure API Management GatewayLogs (no public example line exists: these are
// built from the gateway-log schema reference, field names verbatim), Azure
// `{"records":[…]}` envelopes and Kong http-log batch arrays on one line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogRecord } from '../../../src/types.js';
import { azureApimFormat } from '../../../src/ingest/formats/json-azure-apim.js';
import { azureAppGwFormat } from '../../../src/ingest/formats/json-azure-appgw.js';
import { kongJsonFormat } from '../../../src/ingest/formats/json-kong.js';
import { MULTI_RECORD_ENVELOPE } from '../../../src/ingest/formats/json/json-line-format.js';

const SOURCE = { file: 'apim.json', line: 3 };

const APIM_RECORD = {
  time: '2024-03-05T10:15:30.1234567Z',
  resourceId: '/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.APIMANAGEMENT/SERVICE/CONTOSO',
  operationName: 'Microsoft.ApiManagement/GatewayLogs',
  category: 'GatewayLogs',
  durationMs: 48,
  callerIpAddress: '203.0.113.7',
  correlationId: '8f3c2a1e-4b5d-4e6f-9a0b-1c2d3e4f5a6b',
  location: 'West Europe',
  isRequestSuccess: true,
  level: 4,
  properties: {
    method: 'GET',
    url: 'https://contoso.azure-api.net/echo/resource?param1=sample',
    backendResponseCode: 200,
    responseCode: 200,
    responseSize: 1024,
    cache: 'none',
    backendTime: 40,
    requestSize: 180,
    apiId: 'echo-api',
    operationId: 'retrieve-resource',
    productId: 'starter',
    userId: '1',
    apimSubscriptionId: 'sub-0042',
    backendProtocol: 'HTTP/1.1',
    backendMethod: 'GET',
    backendUrl: 'http://echoapi.cloudapp.net/api/resource?param1=sample',
    clientProtocol: 'HTTP/1.1',
    clientTime: 2,
  },
};

describe('azure-apim', () => {
  it('parses a GatewayLogs record field by field', () => {
    const outcome = azureApimFormat.createParser({}).parse(JSON.stringify(APIM_RECORD), SOURCE);
    assert.deepEqual(outcome, {
      timeMs: Date.UTC(2024, 2, 5, 10, 15, 30, 123),
      client: '203.0.113.7',
      method: 'GET',
      path: '/echo/resource',
      query: 'param1=sample',
      route: null,
      status: 200,
      bytesSent: 1024,
      bytesReceived: 180,
      durationMs: 48,
      userAgent: null,
      referer: null,
      consumer: 'sub-0042',
      host: 'contoso.azure-api.net',
      requestId: '8f3c2a1e-4b5d-4e6f-9a0b-1c2d3e4f5a6b',
      upstream: 'echoapi.cloudapp.net',
      source: SOURCE,
    } satisfies LogRecord);
    assert.equal(azureApimFormat.detect(JSON.stringify(APIM_RECORD)), 0.97);
  });

  it('parses a Log Analytics export row (PascalCase columns)', () => {
    const row = {
      TimeGenerated: '2024-03-05T10:15:30.500Z',
      TotalTime: 75,
      CallerIpAddress: '198.51.100.20',
      Method: 'POST',
      Url: 'https://contoso.azure-api.net/orders',
      ResponseCode: 429,
      ApimSubscriptionId: 'sub-7',
      CorrelationId: 'c-1',
      OperationId: 'create-order',
    };
    const record = azureApimFormat.createParser({}).parse(JSON.stringify(row), SOURCE) as LogRecord;
    assert.equal(record.timeMs, Date.UTC(2024, 2, 5, 10, 15, 30, 500));
    assert.equal(record.status, 429);
    assert.equal(record.durationMs, 75);
    assert.equal(record.method, 'POST');
    assert.equal(record.consumer, 'sub-7');
    assert.equal(record.path, '/orders');
  });

  it('reads the 2017 schema whose properties are a JSON string', () => {
    const old = { ...APIM_RECORD, properties: JSON.stringify({ Method: 'DELETE', Url: 'https://c.example/a/1', ResponseCode: 204, ServiceTime: 9, SubscriptionId: 's-old' }) };
    delete (old as Record<string, unknown>)['durationMs'];
    const record = azureApimFormat.createParser({}).parse(JSON.stringify(old), SOURCE) as LogRecord;
    assert.equal(record.method, 'DELETE');
    assert.equal(record.status, 204);
    assert.equal(record.durationMs, 9);
    assert.equal(record.consumer, 's-old');
  });

  it('skips other Azure categories with a reason', () => {
    const other = { ...APIM_RECORD, category: 'WebSocketConnectionLogs', operationName: 'Microsoft.ApiManagement/WebSocketConnectionLogs' };
    assert.equal(azureApimFormat.createParser({}).parse(JSON.stringify(other), SOURCE), 'not-azure-apim');
  });
});

describe('one-line envelopes', () => {
  it('a records envelope with one record is that record', () => {
    const line = JSON.stringify({ records: [APIM_RECORD] });
    assert.equal((azureApimFormat.createParser({}).parse(line, SOURCE) as LogRecord).status, 200);
    assert.equal(azureApimFormat.detect(line), 0.97);
  });

  it('several records: parse counts the line, parseAll returns every record', () => {
    const second = { ...APIM_RECORD, properties: { ...APIM_RECORD.properties, responseCode: 500 } };
    const line = JSON.stringify({ records: [APIM_RECORD, second] });
    const parser = azureApimFormat.createParser({});
    assert.equal(parser.parse(line, SOURCE), MULTI_RECORD_ENVELOPE);
    const all = parser.parseAll(line, SOURCE) as LogRecord[];
    assert.deepEqual(
      all.map((record) => record.status),
      [200, 500],
    );
  });

  it('a firewall record inside an App Gateway envelope is skipped, the access record kept', () => {
    const access = {
      time: '2024-01-01T00:00:00Z',
      category: 'ApplicationGatewayAccessLog',
      operationName: 'ApplicationGatewayAccess',
      properties: { clientIP: '192.0.2.1', httpMethod: 'GET', originalRequestUriWithArgs: '/a?b=c', httpStatus: 200, timeTaken: 0.012, serverRouted: '10.0.0.4:80' },
    };
    const firewall = { time: '2024-01-01T00:00:00Z', category: 'ApplicationGatewayFirewallLog', properties: { action: 'Blocked' } };
    const outcomes = azureAppGwFormat.createParser({}).parseAll(JSON.stringify({ records: [access, firewall] }), SOURCE);
    assert.equal(outcomes[1], 'not-azure-appgw');
    const record = outcomes[0] as LogRecord;
    assert.equal(record.query, 'b=c');
    assert.equal(record.durationMs, 12); // v2 seconds
  });

  it('a Kong http-log batch array gives one record per entry', () => {
    const entry = (status: number) => ({
      started_at: 1700000000000 + status,
      client_ip: '192.0.2.5',
      latencies: { request: 3, kong: 1, proxy: 2 },
      request: { method: 'GET', uri: '/x?y=1', headers: { host: 'api.example', 'user-agent': ['a', 'b'] }, size: 100 },
      response: { status, size: 200 },
      consumer: { id: 'c-id', custom_id: 'acme' },
    });
    const all = kongJsonFormat.createParser({}).parseAll(JSON.stringify([entry(200), entry(404)]), SOURCE) as LogRecord[];
    assert.deepEqual(
      all.map((record) => [record.status, record.timeMs, record.consumer, record.userAgent, record.query]),
      [
        [200, 1700000000200, 'acme', 'a', 'y=1'],
        [404, 1700000000404, 'acme', 'a', 'y=1'],
      ],
    );
  });
});
