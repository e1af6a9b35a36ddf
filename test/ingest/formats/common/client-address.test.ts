import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanClientAddress, isIPv6 } from '../../../../src/ingest/formats/common/client-address.js';

test('cleanClientAddress strips ports from IPv4, bracketed and unbracketed IPv6', () => {
  assert.equal(cleanClientAddress('192.168.131.39:2817'), '192.168.131.39');
  assert.equal(cleanClientAddress('[::1]:63251'), '::1');
  assert.equal(cleanClientAddress('[fd00:1234:5678::5a24]'), 'fd00:1234:5678::5a24');
  // ALB writes IPv6 client:port unbracketed; 9 groups cannot be an address, so the last is the port.
  assert.equal(cleanClientAddress('2601:6bbc:c529:9dad:6bbc:c529:9dad:6bbc:50599'), '2601:6bbc:c529:9dad:6bbc:c529:9dad:6bbc');
  assert.equal(cleanClientAddress('fd6d:6bbc:c529:6::face:ed83:f46:80', { withPort: true }), 'fd6d:6bbc:c529:6::face:ed83:f46');
});

test('cleanClientAddress keeps a valid IPv6 whole unless told the field has a port', () => {
  assert.equal(cleanClientAddress('2001:db8::1:80'), '2001:db8::1:80');
  assert.equal(cleanClientAddress('2001:db8::1:80', { withPort: true }), '2001:db8::1');
  assert.equal(cleanClientAddress('::1'), '::1');
  assert.equal(cleanClientAddress('::ffff:1.2.3.4'), '::ffff:1.2.3.4');
});

test('cleanClientAddress removes IIS zone indexes', () => {
  assert.equal(cleanClientAddress('::1%0'), '::1');
  assert.equal(cleanClientAddress('fe80::1%eth0'), 'fe80::1');
});

test('cleanClientAddress takes the left-most entry of an X-Forwarded-For list', () => {
  assert.equal(cleanClientAddress('10.0.0.2, 10.0.0.1, 127.0.0.1'), '10.0.0.2');
  assert.equal(cleanClientAddress('"10.5.102.222, 199.96.1.1, 204.246.1.1"'), '10.5.102.222');
  assert.equal(cleanClientAddress('2a03:0000:10ff:f00f:0000:0000:0:8000, 10.225.192.17'), '2a03:0000:10ff:f00f:0000:0000:0:8000');
  assert.equal(cleanClientAddress('192.168.1.100,10.0.0.50'), '192.168.1.100');
});

test('cleanClientAddress keeps host names and maps missing markers to null', () => {
  assert.equal(cleanClientAddress('in24.inetnebr.com'), 'in24.inetnebr.com');
  assert.equal(cleanClientAddress('localhost:8080'), 'localhost');
  assert.equal(cleanClientAddress('-'), null);
  assert.equal(cleanClientAddress(''), null);
  assert.equal(cleanClientAddress('"-"'), null);
});

test('isIPv6 accepts valid forms and rejects near misses', () => {
  for (const good of ['::', '::1', '1::', 'fe80::1', '2001:db8:0:0:0:0:0:1', '::ffff:192.0.2.1']) assert.ok(isIPv6(good), good);
  for (const bad of ['1.2.3.4', ':1', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8::']) assert.ok(!isIPv6(bad), bad);
});
