// The benign explanations, each on the real lines an analyst called benign in docs/real-logs.md
// (elastic-apache, secrepo-webhawk), and the cases that must not be explained away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { findFormat } from '../../../src/ingest/formats/index.js';
import { TrafficAggregator } from '../../../src/features/traffic-aggregator.js';
import type { WindowStats } from '../../../src/features/window-stats.js';
import { explainWindow } from '../../../src/detect/benign/explain-window.js';
import { knownAgent } from '../../../src/normalize/known-agents.js';
import type { LogRecord } from '../../../src/types.js';

const WINDOW_MS = 300_000;
const elastic = gunzipSync(readFileSync('../shared/data/real/elastic-apache/apache_logs.gz')).toString('utf8').split('\n');
const webhawk21 = readFileSync('../shared/data/real/secrepo-webhawk/access.log.2021-10-22', 'utf8').split('\n');

function records(lines: readonly string[], from: number, to: number, file = 'log'): LogRecord[] {
  const parser = findFormat('clf')!.createParser({});
  const out: LogRecord[] = [];
  for (let n = from; n <= to; n++) {
    const parsed = parser.parse(lines[n - 1]!, { file, line: n });
    if (typeof parsed !== 'string') out.push({ ...parsed, route: parsed.route ?? parsed.path });
  }
  return out;
}

/** The whole log aggregated (the site's hosts come from all of it), and one client's window read back. */
function aggregate(lines: readonly string[]): TrafficAggregator {
  const aggregator = new TrafficAggregator(WINDOW_MS);
  for (const record of records(lines, 1, lines.length - (lines.at(-1) === '' ? 1 : 0))) aggregator.add(record);
  aggregator.finish();
  return aggregator;
}
const elasticAggregate = aggregate(elastic);
const webhawkAggregate = aggregate(webhawk21);

function clientWindow(aggregator: TrafficAggregator, client: string, iso: string): WindowStats {
  const index = Math.floor(Date.parse(iso) / WINDOW_MS);
  const track = aggregator.clients.entities.get(client)!;
  const row = aggregator.clients.rowAt(track, index);
  assert.ok(row >= 0, `${client} has no window at ${iso}`);
  return aggregator.clients.table.read(row);
}

function endpointWindow(aggregator: TrafficAggregator, endpoint: string, iso: string): WindowStats {
  return aggregator.endpoints.entities.get(endpoint)!.windows.get(Math.floor(Date.parse(iso) / WINDOW_MS))!;
}

const explainClient = (aggregator: TrafficAggregator, client: string, iso: string) =>
  explainWindow(clientWindow(aggregator, client, iso), { entity: 'client', client, endpoint: null, siteHosts: aggregator.sites.siteHosts() });

test('the site is the host its own pages name in their Referers (www. folded)', () => {
  assert.deepEqual([...elasticAggregate.sites.siteHosts()], ['semicomplete.com']);
  assert.deepEqual([...webhawkAggregate.sites.siteHosts()], ['secrepo.com']);
});

test('a PDF fetched as 16 byte ranges after one full response (lines 593–610) is a download in parts', () => {
  const benign = explainClient(elasticAggregate, '89.2.87.1', '2015-05-17T15:05:00Z');
  assert.ok(benign);
  assert.equal(benign.reasons[0], 'range_requests');
  assert.match(benign.text, /^17 requests for one object \(GET \/images\/logstash_OSCON\.pdf, 3\.\d MB sent\), 16 of them range requests \(206\): a browser or download manager fetching it in parts/);
  assert.match(benign.text, /likely benign$/);
});

test('a reader revalidating a talk\'s slides, referred by the talk (75.97.9.59, 18 May 08:05) is asset fan-out and revalidation', () => {
  const benign = explainClient(elasticAggregate, '75.97.9.59', '2015-05-18T08:05:00Z');
  assert.ok(benign);
  assert.deepEqual([...benign.reasons].sort(), ['asset_fanout', 'revalidation']);
  assert.match(benign.text, /requests referred by pages of the site \(semicomplete\.com\): a page loading its assets/);
  assert.match(benign.text, /requests answered 304 Not Modified: a browser revalidating its cache/);
});

test('MJ12bot following broken links (lines 8582–8622) is a known crawler, claimed and not verified', () => {
  const benign = explainClient(elasticAggregate, '144.76.95.39', '2015-05-20T09:05:00Z');
  assert.ok(benign);
  assert.deepEqual(benign.reasons, ['crawler']);
  assert.match(benign.text, /^MJ12bot: a known crawler following links, 14 of 25 links broken \(404\) \(claimed by its User-Agent, not verified offline\); likely benign$/);
});

test("Facebook's fetchers taking a shared image (line 1848 on) are link-preview fetchers", () => {
  const endpoint = 'GET /presentations/logstash-preso-1.0/images/ahhh___rage_face_by_samusmmx-d5g5zap.png';
  const stats = endpointWindow(elasticAggregate, endpoint, '2015-05-18T01:05:00Z');
  const benign = explainWindow(stats, { entity: 'endpoint', client: null, endpoint, siteHosts: elasticAggregate.sites.siteHosts() });
  assert.ok(benign);
  assert.ok(benign.reasons.includes('link_preview'), benign.text);
  assert.match(benign.text, /4 of 7 requests from facebookexternalhit and the like: a link-preview fetcher/);
});

test('a zip fetched as three ranges (secrepo 2021, lines 110–112) is a download in parts', () => {
  const benign = explainClient(webhawkAggregate, '106.76.214.160', '2021-10-22T13:15:00Z');
  assert.ok(benign);
  assert.equal(benign.reasons[0], 'range_requests');
  assert.match(benign.text, /GET \/Security-Data-Analysis\/Lab_1\/conn\.log\.zip/);
});

test('a CMS exploit kit forging the Referer as its own URL (125.78.229.99, lines 317–338) gets no benign explanation', () => {
  assert.equal(explainClient(webhawkAggregate, '125.78.229.99', '2021-10-22T19:25:00Z'), null);
});

test('a reader arriving from a search engine with a browser agent is not explained away', () => {
  // 83.42.229.238's first request for the PDF came from Google; the page views of a plain reader are no benign pattern.
  const benign = explainClient(elasticAggregate, '66.249.73.135', '2015-05-17T10:05:00Z');
  assert.ok(benign === null || benign.reasons.every((r) => r === 'crawler'), 'Googlebot may only be a crawler');
});

test('agents: attack tools, HTTP libraries and browsers are not crawlers; monitors and previews are named', () => {
  const cases: [string, string | null][] = [
    ['Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)', null],
    ['sqlmap/1.8#stable (https://sqlmap.org)', null],
    ['Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US) Nuclei - Open-source project (github.com/projectdiscovery/nuclei)', null],
    ['python-requests/2.28.1', null],
    ['curl/7.68.0', null],
    ['-', null],
    ['Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36', null],
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'crawler'],
    ['Mozilla/5.0 (compatible; BLEXBot/1.0; +http://webmeup-crawler.com/)', 'crawler'],
    ['facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', 'link_preview'],
    ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'link_preview'],
    ['kube-probe/1.27', 'monitor'],
    ['ELB-HealthChecker/2.0', 'monitor'],
    ['Mozilla/5.0+(compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)', 'monitor'],
  ];
  for (const [agent, role] of cases) assert.equal(knownAgent(agent)?.role ?? null, role, agent);
});

test('a crawler whose address is in its published ranges is said to be verified', () => {
  const agent = 'Twitterbot/1.0';
  const lines = ['199.16.156.124 - - [22/Oct/2021:10:00:01 -0700] "GET /a HTTP/1.1" 200 10 "-" "Twitterbot/1.0"', '199.16.156.124 - - [22/Oct/2021:10:00:02 -0700] "GET /b HTTP/1.1" 200 10 "-" "Twitterbot/1.0"'];
  const aggregator = aggregate(lines);
  const benign = explainClient(aggregator, '199.16.156.124', '2021-10-22T17:00:00Z');
  assert.ok(benign, agent);
  assert.match(benign.text, /its address is in twitterbot's published ranges/);
});

test('a health check polled by a load balancer is a monitor', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `10.0.0.5 - - [22/Oct/2021:10:0${Math.floor(i / 10)}:${String((i * 6) % 60).padStart(2, '0')} -0700] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.27"`);
  const benign = explainClient(aggregate(lines), '10.0.0.5', '2021-10-22T17:00:00Z');
  assert.ok(benign);
  assert.equal(benign.reasons[0], 'monitor');
  assert.match(benign.text, /kube-probe: a health check or uptime monitor/);
});

test('requests from a loopback address are local tooling only when no other site refers them (CrowdSec hub http-dos-bypass-cache)', () => {
  // 356 cache-busting requests (`GET /?8890121518`) from 127.x addresses, each with a browser agent and a
  // search engine or news site as Referer: a flood that forged both, not a cron job on the host.
  const lines = readFileSync('../shared/data/real/crowdsec-hub-tests/http-dos-bypass-cache/http_dos_bypass_cache.log', 'utf8').split('\n');
  const aggregator = aggregate(lines);
  const flood = explainClient(aggregator, '127.0.0.2', '2023-10-10T08:30:00Z');
  assert.ok(flood === null || !flood.reasons.includes('loopback'), flood?.text);
  // The same host calling itself with no Referer, or with localhost's, is still local tooling.
  const local = lines.filter((l) => l.startsWith('127.0.0.2 ')).map((l) => l.replace(/"https?:\/\/[^"]*"/, '"http://localhost/"'));
  const tooling = explainClient(aggregate(local), '127.0.0.2', '2023-10-10T08:30:00Z');
  assert.ok(tooling?.reasons.includes('loopback'), tooling?.text);
});
