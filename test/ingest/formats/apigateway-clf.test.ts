import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiGatewayClfFormat } from '../../../src/ingest/formats/apigateway-clf.js';
import { recordOf } from './record-of.js';

// No verbatim CLF-template line is published (data/formats/aws-apigateway.log holds the JSON
// templates), so these lines are rendered from the console's CLF template in the AWS docs:
// $context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]
// "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId
const REST_LINE = '192.0.2.44 - - [22/Apr/2024:17:56:07 +0000] "GET /pets/{petId} HTTP/1.1" 200 48 3f1d2e4c-8b1a-4c2d-9e7f-0a1b2c3d4e5f';
const HTTP_API_LINE = '198.51.100.7 AIDACKCEVSQ6C2EXAMPLE alice [22/Apr/2024:17:56:08 +0000] "POST POST /orders/{id} HTTP/1.1" 502 - 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d extended';

test('REST CLF template line, field by field: the route template is the route', () => {
  assert.deepEqual(
    apiGatewayClfFormat.createParser({}).parse(REST_LINE, { file: 't.log', line: 1 }),
    recordOf({
      timeMs: Date.UTC(2024, 3, 22, 17, 56, 7), client: '192.0.2.44', method: 'GET', path: '/pets/{petId}', route: '/pets/{petId}',
      status: 200, bytesSent: 48, requestId: '3f1d2e4c-8b1a-4c2d-9e7f-0a1b2c3d4e5f',
    }),
  );
});

test('HTTP API routeKey repeats the method; caller/user give the consumer; extra fields are ignored', () => {
  const parsed = apiGatewayClfFormat.createParser({}).parse(HTTP_API_LINE, { file: 't.log', line: 1 });
  assert.ok(typeof parsed !== 'string');
  assert.equal(parsed.method, 'POST');
  assert.equal(parsed.route, '/orders/{id}');
  assert.equal(parsed.consumer, 'alice');
  assert.equal(parsed.bytesSent, null);
  assert.equal(parsed.status, 502);
  assert.equal(apiGatewayClfFormat.detect(REST_LINE), 1);
  assert.equal(apiGatewayClfFormat.detect('1.2.3.4 - - [22/Apr/2024:17:56:07 +0000] "GET / HTTP/1.1" 200 48'), 0);
});
