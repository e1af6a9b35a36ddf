import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clfFormat } from '../../../src/ingest/formats/clf.js';
import type { LogRecord } from '../../../src/types.js';
import { FORMATS_DIR, REAL_DIR, dataLineShare, parseFiles, readLines } from './parse-file.js';

const parse = (line: string): ReturnType<ReturnType<typeof clfFormat.createParser>['parse']> =>
  clfFormat.createParser({}).parse(line, { file: 't.log', line: 1 });

function record(fields: Partial<LogRecord>): LogRecord {
  return {
    timeMs: NaN, client: null, method: null, path: null, query: null, route: null, status: null,
    bytesSent: null, bytesReceived: null, durationMs: null, userAgent: null, referer: null,
    consumer: null, host: null, requestId: null, upstream: null, source: { file: 't.log', line: 1 },
    ...fields,
  };
}

test('every line of apache-access.log and nginx-combined.log becomes a record', () => {
  for (const file of ['apache-access.log', 'nginx-combined.log']) {
    const outcome = parseFiles(clfFormat, [`${FORMATS_DIR}/${file}`]);
    assert.deepEqual(outcome.skipped, {}, file);
    assert.equal(outcome.records.length, 10, file);
  }
});

test('Apache combined docs line, field by field', () => {
  const line = readLines(`${FORMATS_DIR}/apache-access.log`)[1]!;
  assert.deepEqual(
    parse(line),
    record({
      timeMs: Date.UTC(2000, 9, 10, 20, 55, 36), // 13:55:36 -0700
      client: '127.0.0.1', method: 'GET', path: '/apache_pb.gif', status: 200, bytesSent: 2326,
      userAgent: 'Mozilla/4.08 [en] (Win98; I ;Nav)', referer: 'http://www.example.com/start.html', consumer: 'frank',
    }),
  );
});

test('quoted X-Forwarded-For list before $remote_addr: the client is its left-most entry', () => {
  const line = readLines(`${FORMATS_DIR}/nginx-combined.log`)[4]!;
  assert.deepEqual(
    parse(line),
    record({
      timeMs: Date.UTC(2016, 0, 22, 13, 18, 29), client: '10.5.102.222', method: 'GET', path: '/assets/xxxx',
      query: 'q=100', status: 200, bytesSent: 25507, userAgent: 'Amazon CloudFront',
    }),
  );
});

test('vhost prefix, binary garbage request, syslog header, Apache "-" request with - bytes', () => {
  const nginx = readLines(`${FORMATS_DIR}/nginx-combined.log`);
  assert.deepEqual(
    parse(nginx[8]!),
    record({ timeMs: Date.UTC(2023, 6, 29, 17, 26, 6), client: '192.168.1.10', status: 400, bytesSent: 157, host: 'example.com' }),
  );
  assert.deepEqual(
    parse(nginx[9]!),
    record({
      timeMs: Date.UTC(2021, 8, 15, 16, 13, 46), client: '81.150.104.130', method: 'POST', path: '/wp-login.php', status: 200,
      bytesSent: 5364, userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:64.0) Gecko/20100101 Firefox/64.0',
    }),
  );
  const apache = readLines(`${FORMATS_DIR}/apache-access.log`);
  // `%b` writes - for zero bytes.
  assert.deepEqual(parse(apache[3]!), record({ timeMs: Date.UTC(2016, 11, 26, 14, 16, 48), client: '::1', status: 408, bytesSent: 0 }));
  const vhostPort = parse(apache[7]!) as LogRecord;
  assert.equal(vhostPort.host, 'website.com:443');
  assert.equal(vhostPort.client, '1.2.3.4');
  assert.equal((parse(apache[5]!) as LogRecord).client, 'monitoring-server');
});

test('Apache \\" escapes inside the user agent and trailing duration fields', () => {
  const escaped = parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "Dalvik/2.1.0 (Linux; U; Android 5.1; Alba 10\\" Build/LMY47I)"') as LogRecord;
  assert.equal(escaped.userAgent, 'Dalvik/2.1.0 (Linux; U; Android 5.1; Alba 10" Build/LMY47I)');
  const nginxTime = parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua" 0.123 0.120') as LogRecord;
  assert.equal(nginxTime.durationMs, 123);
  const apacheMicros = parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "ua" 1534') as LogRecord;
  assert.equal(apacheMicros.durationMs, 1.534);
  const commonMicros = parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET /a HTTP/1.1" 200 5 250') as LogRecord;
  assert.equal(commonMicros.durationMs, 0.25);
  const mainFormat = readLines(`${FORMATS_DIR}/nginx-combined.log`)[3]!;
  assert.equal((parse(mainFormat) as LogRecord).durationMs, null, 'the extra "$http_x_forwarded_for" is not a duration');
});

test('Kong proxy access line: kong_request_id becomes the request id', () => {
  const kong = readLines(`${FORMATS_DIR}/kong-json.log`)[2]!;
  const parsed = parse(kong) as LogRecord;
  assert.equal(parsed.requestId, '4eb85d5862f40b087e603e77a58fa929');
  assert.equal(parsed.status, 200);
  assert.equal(parsed.timeMs, Date.UTC(2026, 3, 6, 7, 59, 59));
});

test('a line cut inside its user agent or referer is a record with the field marked truncated', () => {
  const head = '1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET /a HTTP/1.1" 200 17';
  assert.deepEqual(
    parse(`${head} "https://r.example/" "Mozilla/5.0 (X11; Lin`),
    { ...record({ timeMs: Date.UTC(2020, 0, 1), client: '1.2.3.4', method: 'GET', path: '/a', status: 200, bytesSent: 17, referer: 'https://r.example/', userAgent: 'Mozilla/5.0 (X11; Lin' }), truncated: 'user-agent-cut' },
  );
  assert.deepEqual(
    parse(`${head} "https://r.exa`),
    { ...record({ timeMs: Date.UTC(2020, 0, 1), client: '1.2.3.4', method: 'GET', path: '/a', status: 200, bytesSent: 17, referer: 'https://r.exa' }), truncated: 'referer-cut' },
  );
  // Cut right after the opening quote: nothing of the field was written.
  const empty = parse(`${head} "-" "`) as LogRecord;
  assert.deepEqual([empty.userAgent, empty.truncated], [null, 'user-agent-cut']);
  // A complete line carries no mark.
  assert.equal((parse(`${head} "-" "curl/8"`) as LogRecord).truncated, undefined);
});

test('broken lines are skipped with a reason, never thrown', () => {
  assert.equal(parse(''), 'blank');
  assert.equal(parse('miriwo'), 'not-clf');
  assert.equal(parse('1.2.3.4 - - [32/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1" 200 1'), 'bad-timestamp');
  assert.equal(parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1" abc 1'), 'bad-status');
  assert.equal(parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1" 200 x'), 'bad-bytes');
  assert.equal(parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET / HTTP/1.1'), 'unterminated-quote');
  assert.equal(parse('1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "GET /a?q=1'), 'unterminated-quote');
  assert.equal(parse('2021/09/30 09:23:53 [error] 1925800#1925800: *17 user "foo" was not found'), 'not-clf');
});

test('real logs: NASA (CLF, host names), elastic Apache, logparser hackers, secrepo', () => {
  const nasa = parseFiles(clfFormat, [`${REAL_DIR}/nasa-http/NASA_access_log_Aug95`]);
  // The last line is the fragment `miriwo` where the repository's slice ends.
  assert.deepEqual({ lines: nasa.lines, records: nasa.records.length, skipped: nasa.skipped }, { lines: 1881, records: 1880, skipped: { 'not-clf': 1 } });
  assert.equal(nasa.records[0]!.client, 'in24.inetnebr.com');
  assert.equal(nasa.records[0]!.timeMs, Date.UTC(1995, 7, 1, 4, 0, 1));

  const elastic = parseFiles(clfFormat, [`${REAL_DIR}/elastic-apache/apache_logs.gz`]);
  // Line 8,899 is cut inside the user agent (PROVENANCE.md): time, request, status and bytes are intact.
  assert.deepEqual({ lines: elastic.lines, records: elastic.records.length, skipped: elastic.skipped }, { lines: 10000, records: 10000, skipped: {} });
  const cut = elastic.outcomes[8898] as LogRecord;
  assert.deepEqual(
    { path: cut.path, status: cut.status, bytesSent: cut.bytesSent, userAgent: cut.userAgent, truncated: cut.truncated },
    { path: '/scripts/grok-py-test/configlib.py', status: 200, bytesSent: 235, userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html', truncated: 'user-agent-cut' },
  );

  const hackers = parseFiles(clfFormat, [`${REAL_DIR}/logparser-hackers/hackers-access.log`]);
  assert.deepEqual({ lines: hackers.lines, records: hackers.records.length, skipped: hackers.skipped }, { lines: 3456, records: 3456, skipped: {} });
  // PROVENANCE.md counts 1,161 origin-form `/join_form` requests; 4 more are absolute-form
  // (`POST http://howto.basjes.nl/join_form`) and are reduced to the same path.
  const joinForm = hackers.records.filter((r) => r.path === '/join_form');
  assert.equal(joinForm.length, 1165);
  assert.equal(joinForm.filter((r) => r.host === 'howto.basjes.nl').length, 4);

  const secrepo = parseFiles(clfFormat, [
    `${REAL_DIR}/secrepo-webhawk/access.log.2021-10-22`,
    `${REAL_DIR}/secrepo-webhawk/access.log.2022-12-22`,
  ]);
  assert.deepEqual({ lines: secrepo.lines, records: secrepo.records.length, skipped: secrepo.skipped }, { lines: 1906, records: 1906, skipped: {} });
  for (const outcome of [nasa, elastic, hackers, secrepo]) assert.ok(dataLineShare(outcome) >= 0.995);
});
