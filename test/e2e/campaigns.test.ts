// Campaigns, occurrences and counts on the shared real logs, read the way an analyst reads them:
// the lines behind each incident are counted from the raw file, not taken from the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { runCli, REPO_ROOT } from '../helpers/run-cli.js';
import { validateReport } from '../../src/report/validate-report.js';
import type { Incident, Report } from '../../src/types.js';

const REAL = join(REPO_ROOT, '../shared/data/real');
const ELASTIC = join(REAL, 'elastic-apache/apache_logs.gz');
const WEBHAWK_2021 = join(REAL, 'secrepo-webhawk/access.log.2021-10-22');
const WEBHAWK_2022 = join(REAL, 'secrepo-webhawk/access.log.2022-12-22');
const WEBKNOWIT = join(REAL, 'iis-webknowit');

async function analyze(...inputs: string[]): Promise<Report> {
  const run = await runCli(['analyze', ...inputs, '--format', 'json', '--top', '1000', '--no-config', '--quiet'], { timeoutMs: 120_000 });
  assert.ok(run.code === 0 || run.code === 1, run.stderr);
  const report = JSON.parse(run.stdout) as Report;
  assert.deepEqual(validateReport(report), []);
  return report;
}

/** Combined-format lines as [client, path, status]. */
function combinedLines(file: string): { client: string; path: string; status: number }[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: { client: string; path: string; status: number }[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+) \S+ \S+ \[[^\]]+\] "\S+ (\S+)[^"]*" (\d{3})/.exec(line);
    if (m) out.push({ client: m[1]!, path: m[2]!.split('?')[0]!, status: Number(m[3]) });
  }
  return out;
}

const campaigns = (report: Report): Incident[] => report.incidents.filter((i) => i.campaign !== undefined);

test('elastic-apache: one- and two-request WordPress/Joomla probes from many addresses are campaigns, every address with its count', async () => {
  const report = await analyze(ELASTIC);
  const lines = combinedLines(ELASTIC);
  // The addresses that asked for /wp-admin/ under any directory, from the raw lines.
  const wpAdmin = new Set(lines.filter((l) => /\/wp-admin\/$/.test(l.path)).map((l) => l.client));
  assert.ok(wpAdmin.size >= 20, `the log has ${wpAdmin.size} wp-admin probers`);
  const found = campaigns(report).find((i) => i.campaign!.targets.some((t) => t.target === '/wp-admin/'));
  assert.ok(found, 'the wp-admin probes are a campaign');
  const listed = new Map(found.campaign!.clients.map((c) => [c.client, c]));
  for (const client of wpAdmin) assert.ok(listed.has(client), `${client} is in the campaign`);
  // Most sent one request: the campaign surfaces them anyway, each with its own count read from the log.
  const probe = /\/(wp-admin\/|wp-login\.php|administrator\/(index\.php)?|admin\.php|user\/register|node\/add\/blog)$/;
  for (const [client, entry] of listed) {
    const own = lines.filter((l) => l.client === client && l.status === 404 && probe.test(l.path)).length;
    assert.equal(entry.requests, own, `${client}: ${own} probe lines`);
    assert.ok(entry.first <= entry.last);
  }
  assert.ok([...listed.values()].filter((c) => c.requests === 1).length >= 15);
  assert.equal(found.requests, [...listed.values()].reduce((n, c) => n + c.requests, 0));
  assert.equal(found.campaign!.clientCount, listed.size);
  assert.ok(found.campaign!.prefixes.every((p) => /\.0\/24$/.test(p.prefix)));
  assert.equal(found.campaign!.prefixes.reduce((n, p) => n + p.clients, 0), listed.size);
  // wp-login.php, /administrator/ and /admin.php, from other tools: the same admin/CMS discovery, the same campaign.
  assert.ok(found.campaign!.targets.some((t) => t.target === '/wp-login.php'));
  assert.ok(found.campaign!.targets.some((t) => t.target === '/administrator/'));
  // Drupal registration probes (one address each, 404): the same discovery, the same campaign. With them
  // the campaign is the 36 addresses and 47 requests counted by hand in docs/real-logs.md.
  assert.equal(listed.get('94.242.255.188')?.requests, 1);
  assert.equal(listed.get('76.164.234.106')?.requests, 1);
  assert.equal(listed.size, 36);
  assert.equal(found.requests, 47);
  // A crawler that also tried /wp-login.php took part, with its one probe (its 40 pages are not counted).
  assert.equal(listed.get('144.76.194.187')?.requests, 2);
  // Readers of a presentation whose one image is missing (27 addresses, one 404 each) are not a campaign:
  // they fetched the rest of the page.
  for (const c of campaigns(report)) assert.ok(!c.campaign!.targets.some((t) => t.target.includes('office-space')), c.summary);
});

test('secrepo-webhawk: a backup-file sweep from hundreds of addresses, two requests each at most, is one campaign', async () => {
  const report = await analyze(WEBHAWK_2022);
  const sweep = campaigns(report).sort((a, b) => b.campaign!.clientCount - a.campaign!.clientCount)[0];
  assert.ok(sweep, 'a campaign');
  assert.ok(sweep.campaign!.clientCount >= 300, `${sweep.campaign!.clientCount} addresses`);
  // The raw lines: HEAD requests without a User-Agent, answered 301 or 404.
  const raw = readFileSync(WEBHAWK_2022, 'utf8').split('\n');
  const heads = new Set(raw.filter((l) => l.includes('"HEAD ') && l.includes('"-" "-"')).map((l) => l.split(' ')[0]!));
  const inSweep = sweep.campaign!.clients.filter((c) => heads.has(c.client)).length;
  assert.ok(inSweep >= 0.95 * sweep.campaign!.clients.length, `${inSweep} of the campaign's addresses sent HEAD probes without an agent`);
  assert.ok(sweep.campaign!.prefixes.some((p) => p.prefix === '98.159.226.0/24' && p.clients >= 20));
  assert.ok(sweep.evidence.some((e) => /sent no User-Agent/.test(e.text)));
});

test('no request is counted twice: a scanner whose probes also carry payloads is as many requests as it sent', async () => {
  const report = await analyze(WEBHAWK_2021);
  const sent = combinedLines(WEBHAWK_2021).filter((l) => l.client === '125.78.229.99').length;
  const incidents = report.incidents.filter((i) => i.clients.includes('125.78.229.99'));
  assert.ok(incidents.length >= 1);
  // Its windows were read as a scanner and its payloads as injection: one incident, each line once (25 before).
  const total = incidents.reduce((n, i) => n + i.requests, 0);
  assert.equal(sent, 22);
  assert.equal(total, sent);
});

test('iis-webknowit: a probe repeated over days is one incident with occurrences; nothing spans months of silence', async () => {
  const report = await analyze(WEBKNOWIT);
  // 185.130.5.224 sent the same "apache 0day" request to /server-status every two hours for four days.
  const status = report.incidents.filter((i) => i.endpoint === 'GET /server-status' && i.clients.includes('185.130.5.224'));
  assert.equal(status.length, 1, 'one incident (44 before)');
  assert.equal(status[0]!.requests, 46);
  assert.deepEqual(status[0]!.clients, ['185.130.5.224']);
  assert.ok(status[0]!.occurrences.length >= 2);
  assert.equal(status[0]!.occurrences.reduce((n, o) => n + o.requests, 0), 46);
  // Without occurrences an incident is one stretch of activity; with them, each one is. Read from the raw
  // lines, the longest stretch without six hours of silence in this log is that probe's 3.5 days
  // (one incident spanned seven months before).
  const week = 7 * 86_400_000;
  for (const i of report.incidents) {
    const spans = i.occurrences.length > 0 ? i.occurrences : [{ start: i.start, end: i.end, requests: i.requests }];
    for (const o of spans) assert.ok(Date.parse(o.end) - Date.parse(o.start) < week, `${i.kind} ${i.endpoint} ${o.start}..${o.end}`);
  }
});

test('logparser-hackers: registration and login spam from 439 addresses, one or two posts each, is one campaign incident at the top', async () => {
  const file = join(REAL, 'logparser-hackers/hackers-access.log');
  const report = await analyze(file);
  const raw = readFileSync(file, 'utf8').split('\n');
  const posts = raw.filter((l) => /"POST (?:http:\/\/[^/ ]+)?\/(?:join|login)_form /.test(l));
  const posters = new Set(posts.map((l) => l.split(' ')[0]!));
  const found = campaigns(report).filter((i) => i.campaign!.targets.some((t) => t.target === 'POST /join_form'));
  assert.equal(found.length, 1);
  const spam = found[0]!;
  assert.equal(spam.rank, 1);
  assert.equal(spam.kind, 'credential_attack');
  assert.ok(spam.severity === 'high' || spam.severity === 'critical', spam.severity);
  assert.equal(spam.requests, posts.length);
  assert.equal(spam.campaign!.clientCount, posters.size);
  assert.equal(posters.size, 439);
  const heaviest = spam.campaign!.clients.find((c) => c.client === '216.244.81.34');
  assert.equal(heaviest?.requests, posts.filter((l) => l.startsWith('216.244.81.34 ')).length);
  assert.ok(spam.evidence.some((e) => /submitters posted within 2 s of loading the page/.test(e.text)));
});

test('netnea-labor07: the webmail login its users post all day is no form campaign', async () => {
  const report = await analyze(join(REAL, 'netnea-labor07/labor-07-example-access.log.gz'));
  assert.deepEqual(campaigns(report).filter((i) => i.campaign!.signature.startsWith('form submissions')).map((i) => i.summary), []);
});
