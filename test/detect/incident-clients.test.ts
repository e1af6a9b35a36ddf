// Who an incident names: exactly the senders of the lines it counts, busiest first.
//
// A client window counts at most 32 routes (the rest share one bucket), so a crawler that walked
// more of them in one window used to be missing from the client list of an incident on a route
// past its 32nd. The routes below are the 34 the crawler 144.76.194.187 of elastic-apache walked in
// the one 17 May 13:05 sample (lines 378–411), in HTTP/1.0 with no agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TrafficAggregator } from '../../src/features/traffic-aggregator.js';
import { clientsOfEndpointWindows } from '../../src/detect/detect-incidents.js';
import type { LogRecord } from '../../src/types.js';

const WINDOW = 5 * 60_000;
const AT = Date.parse('2015-05-17T13:05:00Z');
const CRAWLED = ['/', '/wp-login.php', '/administrator/index.php', '/reset.css', '/style2.css', '/favicon.ico', '/?page=2', '/about/', '/resume.xml', '/articles', '/articles/arp-security/', '/articles/dynamic-dns-with-dhcp/', '/articles/openldap-with-saslauthd/', '/articles/ppp-over-ssh/', '/articles/ssh-security/', '/articles/week-of-unix-tools/', '/articles/efficiency/', '/projects', '/projects/grok', '/projects/keynav', '/projects/liboverride', '/projects/fex', '/projects/xdotool', '/projects/pam_captcha', '/projects/firefox-tabsearch', '/projects/firefox-urledit', '/projects/newpsm', '/projects/nis2ldap', '/projects/pmbackup', '/projects/solaudio', '/projects/xboxproxy', '/projects/xmlpresenter', '/projects/xpathtool', '/scripts'];

function record(client: string, second: number, target: string, line: number): LogRecord {
  const [path, query] = target.split('?') as [string, string | undefined];
  return {
    timeMs: AT + second * 1000, client, method: 'GET', path, query: query ?? null, route: path, status: 200, bytesSent: 5000, bytesReceived: null, durationMs: null,
    userAgent: null, referer: null, consumer: null, host: null, requestId: null, upstream: null, source: { file: 'apache_logs', line },
  };
}

test('a crawler past its window\'s 32 routes is still named on the routes it walked last, with its count', () => {
  const aggregator = new TrafficAggregator(WINDOW);
  CRAWLED.forEach((path, i) => aggregator.add(record('144.76.194.187', i, path, 378 + i)));
  // A reader of the same project page, twice, in the same sample.
  aggregator.add(record('66.249.73.135', 40, '/projects/xpathtool', 500));
  aggregator.add(record('66.249.73.135', 41, '/projects/xpathtool', 501));
  aggregator.finish();
  const index = Math.floor(AT / WINDOW);
  // `/` and `/?page=2` are one route: two requests.
  for (const [path, requests] of [['/projects/xpathtool', 1], ['/scripts', 1], ['/', 2]] as const) {
    const clients = clientsOfEndpointWindows(aggregator, new Map([[`GET ${path}`, new Set([index])]]));
    assert.equal(clients.get('144.76.194.187'), requests, `${path}: ${JSON.stringify([...clients])}`);
  }
  const both = clientsOfEndpointWindows(aggregator, new Map([['GET /projects/xpathtool', new Set([index])]]));
  assert.deepEqual([...both].sort((a, b) => b[1] - a[1]), [['66.249.73.135', 2], ['144.76.194.187', 1]]);
  // Another window of the route has no lines: nobody is named for it.
  assert.equal(clientsOfEndpointWindows(aggregator, new Map([['GET /projects/xpathtool', new Set([index + 1])]])).size, 0);
});
