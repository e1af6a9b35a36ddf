import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WRITER_FORMATS, findWriterFormat, type LogWriterFormat } from '../../../scripts/generator/formats.js';
import { PLANTED_KINDS } from '../../../scripts/generator/incidents/plan.js';
import type { IncidentLabel, LabelsDocument } from '../../../scripts/generator/labels.js';
import { DAY, generateTraffic } from '../../../scripts/generator/traffic.js';
import { chooseFormat } from '../../../src/ingest/detect-format.js';
import { formats as projectFormats } from '../../../src/ingest/formats/index.js';

const START = Date.parse('2026-03-03T00:00:00Z');
const pick = (...names: string[]): LogWriterFormat[] => names.map((n) => findWriterFormat(n) as LogWriterFormat);

let root = '';
let dayDir = '';
let labels: LabelsDocument;

interface GatewayLine {
  ip: string;
  requestTime: string;
  httpMethod: string;
  resourcePath: string;
  path: string;
  status: string;
  responseLength: string;
  responseLatency: string;
  userAgent: string;
  apiKeyId: string;
}

/** API Gateway lines, with the time each was logged (the format has second resolution). */
let gateway: Array<GatewayLine & { ms: number }> = [];
let nginxLines: string[] = [];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function clfMs(text: string): number {
  const m = /^(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) \+0000$/.exec(text);
  assert.ok(m, `CLF time ${text}`);
  return Date.UTC(Number(m[3]), MONTHS.indexOf(m[2] as string), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function labelOf(kind: string, file = 'apigw.log'): IncidentLabel {
  const found = labels.files[file]?.labels.find((l) => l.kind === kind);
  assert.ok(found, `label ${kind} in ${file}`);
  return found;
}

function inSpan(label: IncidentLabel, ms: number): boolean {
  return ms >= Date.parse(label.start) - 1000 && ms <= Date.parse(label.end) + 1000;
}

const median = (values: number[]): number => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'anomalog-gen-'));
  dayDir = join(root, 'day');
  labels = await generateTraffic({
    outDir: dayDir, seed: 11, startMs: START, durationMs: DAY, ratePerSecond: 0.6,
    formats: pick('nginx', 'apigw'), kinds: PLANTED_KINDS, learnDays: 0, scale: 0.4,
  });
  gateway = (await readFile(join(dayDir, 'apigw.log'), 'utf8')).trimEnd().split('\n').map((line) => {
    const parsed = JSON.parse(line) as GatewayLine;
    return { ...parsed, ms: clfMs(parsed.requestTime) };
  });
  nginxLines = (await readFile(join(dayDir, 'nginx.log'), 'utf8')).trimEnd().split('\n');
});

after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('same seed gives the same bytes in every format; another seed does not', async () => {
  const options = { startMs: START, durationMs: 3_600_000, ratePerSecond: 0.4, formats: WRITER_FORMATS, kinds: PLANTED_KINDS, learnDays: 0, scale: 0.2 };
  await generateTraffic({ ...options, outDir: join(root, 'a'), seed: 5 });
  await generateTraffic({ ...options, outDir: join(root, 'b'), seed: 5 });
  await generateTraffic({ ...options, outDir: join(root, 'c'), seed: 6 });
  const files = (await readdir(join(root, 'a'))).sort();
  assert.equal(files.length, WRITER_FORMATS.length + 1);
  for (const file of files) {
    const a = await readFile(join(root, 'a', file));
    const b = await readFile(join(root, 'b', file));
    const c = await readFile(join(root, 'c', file));
    assert.ok(a.length > 1000, `${file} has content`);
    assert.ok(a.equals(b), `${file} is identical for the same seed`);
    assert.ok(!a.equals(c), `${file} differs for another seed`);
  }
});

test('every planted kind has a label; formats without a consumer get no key_misuse', () => {
  const gatewayKinds = labels.files['apigw.log']?.labels.map((l) => l.kind).sort();
  assert.deepEqual(gatewayKinds, [...PLANTED_KINDS].sort());
  const nginxKinds = labels.files['nginx.log']?.labels.map((l) => l.kind) ?? [];
  assert.ok(!nginxKinds.includes('key_misuse'));
  assert.equal(nginxKinds.length, PLANTED_KINDS.length - 1);
  for (const label of labels.files['apigw.log']?.labels ?? []) {
    assert.ok(label.requests > 0, `${label.kind} planted some lines`);
    assert.ok(Date.parse(label.end) > Date.parse(label.start));
  }
  assert.equal(labels.files['apigw.log']?.lines, gateway.length);
});

test('the clean run is the incident run without incidents: a clean day has no labels and the same clean lines', async () => {
  const clean = await generateTraffic({
    outDir: join(root, 'clean'), seed: 11, startMs: START, durationMs: DAY, ratePerSecond: 0.6,
    formats: pick('apigw'), kinds: [], learnDays: 0, scale: 0.4,
  });
  assert.equal(clean.files['apigw.log']?.labels.length, 0);
  assert.equal(clean.files['apigw.log']?.clean, true);
  // Before the first incident both days are byte-identical.
  const firstStart = Math.min(...(labels.files['apigw.log']?.labels ?? []).map((l) => Date.parse(l.start)));
  const cleanLines = (await readFile(join(root, 'clean', 'apigw.log'), 'utf8')).split('\n');
  const before = gateway.filter((g) => g.ms < firstStart - 5000).length;
  assert.ok(before > 100);
  const rendered = (await readFile(join(dayDir, 'apigw.log'), 'utf8')).split('\n');
  assert.deepEqual(rendered.slice(0, before), cleanLines.slice(0, before));
  // A learn day in front does not change the scored day's clean traffic.
  const withLearnDay = await generateTraffic({
    outDir: join(root, 'clean-after-learn'), seed: 11, startMs: START, durationMs: DAY, ratePerSecond: 0.6,
    formats: pick('apigw'), kinds: [], learnDays: 1, scale: 0.4,
  });
  assert.equal(withLearnDay.files['apigw.learn.log']?.clean, true);
  assert.ok((withLearnDay.files['apigw.learn.log']?.lines ?? 0) > 1000);
  assert.ok((await readFile(join(root, 'clean-after-learn', 'apigw.log'))).equals(await readFile(join(root, 'clean', 'apigw.log'))));
});

test('traffic has a daily rhythm, many clients and heavy hitters', () => {
  const hourly = new Array<number>(24).fill(0);
  const perClient = new Map<string, number>();
  for (const line of gateway) {
    if (line.resourcePath === '/health') continue;
    hourly[new Date(line.ms).getUTCHours()]++;
    perClient.set(line.ip, (perClient.get(line.ip) ?? 0) + 1);
  }
  // Browsers sleep; crawlers, health checks and nightly partner batches do not.
  assert.ok((hourly[15] as number) > 2 * (hourly[4] as number), `afternoon ${hourly[15]} vs night ${hourly[4]}`);
  assert.ok(perClient.size > 400, `${perClient.size} clients`);
  const counts = [...perClient.values()].sort((a, b) => b - a);
  assert.ok((counts[0] as number) > 20 * median(counts), 'a heavy hitter far above the median client');
});

test('the traffic_drop endpoint has no lines in its span, and does outside it', () => {
  const label = labelOf('traffic_drop');
  const [method, route] = (label.endpoint as string).split(' ');
  const onRoute = gateway.filter((g) => g.httpMethod === method && g.resourcePath === route);
  assert.equal(onRoute.filter((g) => g.ms > Date.parse(label.start) + 1000 && g.ms < Date.parse(label.end) - 1000).length, 0);
  assert.ok(onRoute.length > 30, `${onRoute.length} lines on the route`);
});

test('the injection client sends payloads in its query strings, among normal requests', () => {
  const label = labelOf('injection', 'nginx.log');
  const client = label.clients[0] as string;
  const mine = nginxLines.filter((line) => line.startsWith(`${client} `));
  const payload = /select|script|onload|onerror|\.\.\/|\.\.%2f|etc(\/|%2f)passwd|win\.ini|jndi|\{\{|%7b%7b|\$\(|%60|sleep|%27|'/i;
  const decodedTargets = mine.map((line) => {
    const target = /"[A-Z]+ (\S+) HTTP/.exec(line)?.[1] ?? '';
    let decoded = target;
    for (let i = 0; i < 3; i++) {
      try {
        decoded = decodeURIComponent(decoded.replace(/\+/g, ' ').replace(/%u00([0-9a-f]{2})/gi, '%$1'));
      } catch {
        break;
      }
    }
    return decoded;
  });
  const probes = decodedTargets.filter((t) => payload.test(t));
  assert.ok(probes.length >= 20 && probes.length <= 70, `${probes.length} probing requests`);
  assert.ok(mine.length > probes.length, 'the client also sends normal requests');
  // Encoded variants: not every probe is readable before decoding.
  const rawTargets = mine.map((line) => /"[A-Z]+ (\S+) HTTP/.exec(line)?.[1] ?? '');
  assert.ok(rawTargets.filter((t) => payload.test(t)).length < probes.length || probes.length > 0);
  // The gateway format has no query string: the payload rides in a path parameter there.
  const gatewayProbes = gateway.filter((g) => g.ip === client && g.resourcePath === '/api/v1/products/{id}' && /%|'/.test(g.path));
  assert.ok(gatewayProbes.length >= 20);
});

test('scanner: one client, hundreds of distinct unknown paths, mostly 404', () => {
  const label = labelOf('scanner');
  const mine = gateway.filter((g) => g.ip === label.clients[0] && inSpan(label, g.ms));
  const unknown = mine.filter((g) => g.resourcePath === '-');
  assert.ok(new Set(unknown.map((g) => g.path)).size >= 60);
  assert.ok(unknown.filter((g) => g.status === '404').length > 0.7 * unknown.length);
  assert.ok(unknown.some((g) => g.path === '/.env'));
});

test('credential attack: many 401s on the login route from the labelled clients', () => {
  const label = labelOf('credential_attack');
  const clients = new Set(label.clients);
  const attempts = gateway.filter((g) => clients.has(g.ip) && g.resourcePath === '/api/v1/login' && inSpan(label, g.ms));
  assert.ok(attempts.length >= 30, `${attempts.length} attempts`);
  assert.ok(attempts.filter((g) => g.status === '401').length > 0.8 * attempts.length);
});

test('enumeration walks many distinct ids of one route, mostly 200/404', () => {
  const label = labelOf('enumeration');
  const route = (label.endpoint as string).split(' ')[1];
  const mine = gateway.filter((g) => g.ip === label.clients[0] && g.resourcePath === route && inSpan(label, g.ms));
  assert.ok(new Set(mine.map((g) => g.path)).size >= 0.9 * mine.length && mine.length >= 200, `${mine.length} requests`);
  assert.ok(mine.filter((g) => g.status === '200' || g.status === '404').length > 0.9 * mine.length);
});

test('error spike, latency regression and volumetric change their route inside the span only', () => {
  const onRoute = (endpoint: string) => {
    const [method, route] = endpoint.split(' ');
    return gateway.filter((g) => g.httpMethod === method && g.resourcePath === route);
  };
  const spike = labelOf('error_spike');
  const spikeLines = onRoute(spike.endpoint as string);
  const share5xx = (lines: typeof gateway) => lines.filter((g) => g.status.startsWith('5')).length / Math.max(1, lines.length);
  assert.ok(share5xx(spikeLines.filter((g) => inSpan(spike, g.ms))) > 0.1);
  assert.ok(share5xx(spikeLines.filter((g) => !inSpan(spike, g.ms))) < 0.02);

  const slow = labelOf('latency_regression');
  const slowLines = onRoute(slow.endpoint as string);
  const inside = median(slowLines.filter((g) => inSpan(slow, g.ms)).map((g) => Number(g.responseLatency)));
  const outside = median(slowLines.filter((g) => !inSpan(slow, g.ms)).map((g) => Number(g.responseLatency)));
  assert.ok(inside > 4 * outside, `median ${inside} ms vs ${outside} ms`);

  const flood = labelOf('volumetric');
  const floodLines = onRoute(flood.endpoint as string);
  const spanMinutes = (Date.parse(flood.end) - Date.parse(flood.start)) / 60_000;
  const rateInside = floodLines.filter((g) => inSpan(flood, g.ms)).length / spanMinutes;
  const rateOutside = floodLines.filter((g) => !inSpan(flood, g.ms)).length / (24 * 60 - spanMinutes);
  assert.ok(rateInside > 2.5 * rateOutside, `${rateInside.toFixed(1)}/min vs ${rateOutside.toFixed(1)}/min`);
});

test('data exfiltration: the client gets responses far larger than the route normally sends', () => {
  const label = labelOf('data_exfiltration');
  const route = (label.endpoint as string).split(' ')[1];
  const all = gateway.filter((g) => g.resourcePath === route && g.status === '200');
  const mine = all.filter((g) => g.ip === label.clients[0] && inSpan(label, g.ms));
  const others = all.filter((g) => g.ip !== label.clients[0]);
  assert.ok(mine.length >= 10);
  assert.ok(median(mine.map((g) => Number(g.responseLength))) > 5 * median(others.map((g) => Number(g.responseLength))));
});

test('new endpoint: a route absent before its start serves 200s after it', () => {
  const label = labelOf('new_endpoint');
  const [method, route] = (label.endpoint as string).split(' ');
  const lines = gateway.filter((g) => g.httpMethod === method && g.resourcePath === route);
  assert.equal(lines.filter((g) => g.ms < Date.parse(label.start) - 1000).length, 0);
  assert.ok(lines.length >= 20);
  assert.ok(lines.filter((g) => g.status === '200').length > 0.9 * lines.length);
});

test('key misuse: the key shows up from 20+ networks it never used, with a new agent', () => {
  const label = labelOf('key_misuse');
  const key = label.consumers[0] as string;
  const network = (ip: string) => ip.slice(0, ip.lastIndexOf('.'));
  const usual = gateway.filter((g) => g.apiKeyId === key && !inSpan(label, g.ms));
  const during = gateway.filter((g) => g.apiKeyId === key && inSpan(label, g.ms));
  const usualNetworks = new Set(usual.map((g) => network(g.ip)));
  assert.ok(usualNetworks.size <= 3, `normally ${usualNetworks.size} networks`);
  const newNetworks = new Set(during.map((g) => network(g.ip)).filter((n) => !usualNetworks.has(n)));
  assert.ok(newNetworks.size >= 20, `${newNetworks.size} new networks`);
  const usualAgents = new Set(usual.map((g) => g.userAgent));
  assert.ok(during.some((g) => !usualAgents.has(g.userAgent)));
});

test('tampering: hundreds of successful writes on distinct ids by one client', () => {
  const label = labelOf('tampering');
  const [method, route] = (label.endpoint as string).split(' ');
  const writes = gateway.filter((g) => g.ip === label.clients[0] && g.httpMethod === method && g.resourcePath === route && inSpan(label, g.ms));
  const ok = writes.filter((g) => g.status === '200' || g.status === '204');
  assert.ok(ok.length >= 300 && ok.length > 0.9 * writes.length, `${ok.length} of ${writes.length}`);
  assert.equal(new Set(writes.map((g) => g.path)).size, writes.length);
});

const PROJECT_FORMAT: Record<string, string> = {
  nginx: 'clf', apache: 'clf', json: 'nginx-json', apigw: 'apigateway-json', kong: 'kong-json', tyk: 'tyk-logfmt', alb: 'aws-alb',
};

test("generated lines are detected and parsed by the project's parsers", async () => {
  const dir = join(root, 'a');
  for (const format of WRITER_FORMATS) {
    const lines = (await readFile(join(dir, `${format.name}.log`), 'utf8')).trimEnd().split('\n');
    const choice = chooseFormat(lines.slice(0, 50), projectFormats);
    assert.equal(choice?.format.id, PROJECT_FORMAT[format.name], `${format.name} detected`);
    const parser = (choice?.format as (typeof projectFormats)[number]).createParser({ defaultYear: 2026 });
    for (const [index, line] of lines.entries()) {
      const outcome = parser.parse(line, { file: format.name, line: index + 1 });
      assert.ok(typeof outcome !== 'string', `${format.name} line ${index + 1} skipped (${String(outcome)}): ${line.slice(0, 200)}`);
      assert.ok(outcome.timeMs >= START - 60_000 && outcome.timeMs < START + DAY, `${format.name} time`);
      assert.ok(outcome.status !== null && outcome.method !== null && outcome.client !== null, `${format.name} fields`);
    }
  }
});
