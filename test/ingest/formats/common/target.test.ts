import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitTarget } from '../../../../src/ingest/formats/common/target.js';

test('splitTarget splits origin-form at the first ?', () => {
  assert.deepEqual(splitTarget('/solr/admin/info/system?wt=json'), { path: '/solr/admin/info/system', query: 'wt=json', host: null });
  assert.deepEqual(splitTarget('/a?b?c'), { path: '/a', query: 'b?c', host: null });
  assert.deepEqual(splitTarget('/a'), { path: '/a', query: null, host: null });
  // A bare ? is a present but empty query, not an absent one.
  assert.deepEqual(splitTarget('/a?'), { path: '/a', query: '', host: null });
});

test('splitTarget reduces absolute-form targets to path and host', () => {
  assert.deepEqual(splitTarget('http://www.example.com:80/'), { path: '/', query: null, host: 'www.example.com:80' });
  assert.deepEqual(splitTarget('https://test.domain.com:443/api/deposits/transactions:search?detailsLevel=FULL'), {
    path: '/api/deposits/transactions:search',
    query: 'detailsLevel=FULL',
    host: 'test.domain.com:443',
  });
  assert.deepEqual(splitTarget('http://host'), { path: '/', query: null, host: 'host' });
  assert.deepEqual(splitTarget('http://host?x=1'), { path: '/', query: 'x=1', host: 'host' });
});

test('splitTarget handles *, CONNECT authority-form and host-relative targets', () => {
  assert.deepEqual(splitTarget('*'), { path: '*', query: null, host: null });
  assert.deepEqual(splitTarget('example.com:443'), { path: 'example.com:443', query: null, host: 'example.com:443' });
  // HAProxy ingress logs `var(txn.base)` = host + path.
  assert.deepEqual(splitTarget('test.k8s.local/'), { path: '/', query: null, host: 'test.k8s.local' });
  // A relative path is not mistaken for a host.
  assert.deepEqual(splitTarget('..%2f..%2fetc/passwd'), { path: '..%2f..%2fetc/passwd', query: null, host: null });
});
