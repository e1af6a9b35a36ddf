import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownEndpoints } from '../../src/normalize/known-endpoints.js';
import { networkOf } from '../../src/normalize/network.js';
import { endpointKey, isAuthEndpoint, isItemWrite, INVALID_ENDPOINT } from '../../src/normalize/endpoint-key.js';

test('new templates map onto the baseline endpoint with the most literal agreement', () => {
  const known = new KnownEndpoints(['GET /api/v1/products/{id}', 'GET /api/v1/products', 'GET /api/v2/products/{id}', 'POST /api/v1/orders']);
  assert.equal(known.resolve('GET /api/v1/products/{id}'), 'GET /api/v1/products/{id}');
  assert.equal(known.resolve('GET /api/{param}/products/{id}'), 'GET /api/v1/products/{id}');
  assert.equal(known.resolve('GET /api/v2/products/123'), 'GET /api/v2/products/{id}');
  assert.equal(known.resolve('GET /api/v1/orders'), 'GET /api/v1/orders', 'another method is another endpoint');
  assert.equal(known.resolve('GET /internal/export'), 'GET /internal/export', 'unknown endpoints stay themselves');
  assert.equal(known.resolve('GET /{other}'), 'GET /{other}');
});

test('networks are IPv4 /24 and IPv6 /48', () => {
  assert.equal(networkOf('203.0.113.9'), '203.0.113.0/24');
  assert.equal(networkOf('::ffff:198.51.100.7'), '198.51.100.0/24');
  assert.equal(networkOf('2001:db8:abcd:12::1'), '2001:db8:abcd::/48');
  assert.equal(networkOf('2001:db8::1'), '2001:db8:0::/48');
  assert.equal(networkOf('monitoring-server'), 'monitoring-server');
});

test('endpoint keys, auth routes and item writes', () => {
  const base = { method: 'POST', route: '/api/v1/login' } as Parameters<typeof endpointKey>[0];
  assert.equal(endpointKey(base), 'POST /api/v1/login');
  assert.equal(endpointKey({ ...base, method: null }), INVALID_ENDPOINT);
  assert.ok(isAuthEndpoint('POST /api/v1/login'));
  assert.ok(isAuthEndpoint('POST /oauth/token'));
  assert.ok(!isAuthEndpoint('GET /api/v1/products'));
  assert.ok(isItemWrite('DELETE', '/api/v1/orders/{id}'));
  assert.ok(isItemWrite('POST', '/api/v1/orders/{id}'));
  assert.ok(!isItemWrite('POST', '/api/v1/orders'));
  assert.ok(!isItemWrite('GET', '/api/v1/orders/{id}'));
});
