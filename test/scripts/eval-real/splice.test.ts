import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadHubTests, parseAccessLine, renderCombined } from '../../../scripts/eval-real/hub-tests.js';
import { scoreTest, summarizeOutcomes } from '../../../scripts/eval-real/score-test.js';
import { loadBackground, placeInMiddle, spliceLines } from '../../../scripts/eval-real/splice.js';

const ELASTIC = '../shared/data/real/elastic-apache/apache_logs.gz';

test('the 62 nginx/apache2 attack tests with access lines, each with its expected addresses', () => {
  const tests = loadHubTests();
  assert.equal(tests.length, 62);
  assert.ok(!tests.some((t) => t.name === 'nginx_req_limit_exceeded'), 'an error log has no access line');
  const bf = tests.find((t) => t.name === 'nginx-http-generic-bf');
  assert.deepEqual({ lines: bf?.lines.length, other: bf?.otherLines, expected: bf?.expected }, { lines: 6, other: 16, expected: ['127.0.0.1'] });
  // Every expected address is a client of the test's lines, except the one only in an Apache error line.
  const missing = tests.flatMap((t) => t.expected.filter((ip) => !t.lines.some((l) => l.client === ip)).map((ip) => `${t.name}:${ip}`));
  assert.deepEqual(missing, ['apache-cve-2021-41773:88.168.206.87']);
});

test('prefixed and common-format hub lines become plain combined lines the CLI parses', () => {
  const syslog = parseAccessLine(
    'Jul  8 11:07:07 ip-172-31-43-28.us-east-2.compute.internal nginx[2869]: 167.71.13.196 - - [08/Jul/2021:11:07:07 +0000] "GET /wp-config.php HTTP/1.1" 200 5 "-" "Go-http-client/1.1"',
    1,
  );
  assert.equal(syslog?.client, '167.71.13.196');
  assert.equal(syslog?.time, Date.UTC(2021, 6, 8, 11, 7, 7));
  const vhost = parseAccessLine('memze.ro 23.94.26.138 - - [08/Oct/2021:17:09:03 +0200] "GET /cgi-bin/.%2e/.%2e/etc/passwd HTTP/1.1" 400 166 "-" "-" "-"', 2);
  assert.equal(vhost?.client, '23.94.26.138');
  assert.equal(vhost?.time, Date.UTC(2021, 9, 8, 15, 9, 3));
  const common = parseAccessLine('172.17.0.1 - - [30/Sep/2021:08:00:55 +0000] "GET /.htpasswd HTTP/1.1" 403 199', 3);
  const rendered = renderCombined(common!, Date.UTC(2015, 4, 19, 3, 5, 10));
  assert.equal(rendered, '172.17.0.1 - - [19/May/2015:03:05:10 +0000] "GET /.htpasswd HTTP/1.1" 403 199 "-" "-"');
  const v6 = parseAccessLine('2001:0db8:85a3:0000:0000:8a2e:0370:7334 - - [29/Sep/2021:14:11:34 +0200] "HEAD / HTTP/1.1" 200 0 "-" "Nikto"', 4);
  assert.equal(v6?.client, '2001:0db8:85a3:0000:0000:8a2e:0370:7334');
  // Rendered lines have the background's exact shape: no prefix, referer and agent present.
  for (const line of [syslog, vhost, common, v6]) {
    const text = renderCombined(line!, Date.UTC(2015, 4, 19, 3, 5, 10));
    assert.match(text, /^\S+ \S+ \S+ \[19\/May\/2015:03:05:10 \+0000\] "[^"]*" \d{3} \S+ "[^"]*" "[^"]*"$/);
    assert.deepEqual({ ...parseAccessLine(text, line!.line)!, time: 0 }, { ...line!, time: 0 });
  }
});

test('a test lands in the middle of the background, spacing kept, among the lines of its minute', () => {
  const background = loadBackground(ELASTIC);
  const sqli = loadHubTests().find((t) => t.name === 'nginx-http-sqli-probing')!;
  const placement = placeInMiddle(sqli.lines, background);
  assert.equal(placement.gapsCut, 0);
  const originalSpan = sqli.lines[sqli.lines.length - 1]!.time - sqli.lines[0]!.time;
  assert.equal(placement.times[placement.times.length - 1]! - placement.times[0]!, originalSpan);
  const middle = (background.first + background.last) / 2;
  assert.ok(Math.abs(placement.times[0]! - middle) < 3_600_000, 'within an hour of the middle');
  assert.equal(new Date(placement.times[0]!).getUTCMinutes(), 5, 'in a minute that has background traffic');
  const spliced = spliceLines(sqli.lines, placement, background).trimEnd().split('\n');
  assert.equal(spliced.length, background.lines.length + sqli.lines.length);
  const at = spliced.findIndex((l) => l.startsWith('127.0.0.1 '));
  const minuteOf = (line: string): string => (/\[(\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2})/.exec(line) as RegExpExecArray)[1]!;
  assert.equal(minuteOf(spliced[at - 1]!), minuteOf(spliced[at]!), 'the line before is background of the same minute');
});

test('a test spanning years keeps its order with gaps cut to an hour', () => {
  const background = loadBackground(ELASTIC);
  const w00t = loadHubTests().find((t) => t.name === 'nginx-http-w00twoot')!;
  const placement = placeInMiddle(w00t.lines, background);
  assert.equal(placement.gapsCut, 1);
  assert.equal(Math.abs(placement.times[1]! - placement.times[0]!), 3_600_000);
  assert.ok(placement.times.every((t) => t >= background.first && t <= background.last));
});

test('scoring: best rank of an expected address, benign background addresses in high/critical', () => {
  const test = { name: 't', expected: ['1.2.3.4', '1.2.3.5'], lines: [{ client: '1.2.3.4' }, { client: '9.9.9.9' }] };
  const background = new Set(['10.0.0.1', '10.0.0.2', '9.9.9.9']);
  const outcome = scoreTest(
    test,
    [
      { rank: 1, kind: 'volumetric', severity: 'critical', clients: ['10.0.0.1', '9.9.9.9'] },
      { rank: 2, kind: 'volumetric', severity: 'medium', clients: ['10.0.0.2'] },
      { rank: 6, kind: 'injection', severity: 'high', clients: ['1.2.3.4', '10.0.0.1'] },
    ],
    background,
    { gapsCut: 0, seconds: 1 },
  );
  assert.deepEqual(
    { found: outcome.found, rank: outcome.bestRank, top5: outcome.inTopFive, benign: outcome.benignHighCritical },
    { found: ['1.2.3.4'], rank: 6, top5: false, benign: ['10.0.0.1'] },
  );
  const summary = summarizeOutcomes([outcome, { ...outcome, inIncident: false, inTopFive: false, benignHighCritical: [] }]);
  assert.deepEqual([summary.inIncident, summary.inTopFive, summary.benignHighCriticalMedian], [1, 0, 0.5]);
});
