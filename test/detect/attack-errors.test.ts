// An injection attacker whose payloads make the backend answer 500 raises the route's error rate
// all by itself. On the eval's generated nginx day (seed 101) 46.31.147.220's four 500s on
// GET /api/v1/products at 02:40–02:44 were reported as an error spike beside the injection
// incident. Errors only a flagged client got are that attack's outcome, said in its evidence;
// errors other clients got are still an outage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeTraffic } from '../../src/pipeline/analyze-traffic.js';
import type { Incident } from '../../src/types.js';

const SETTINGS = { seed: 42, trees: 100, sampleSize: 256 };
const START = Date.parse('2026-03-03T00:00:00Z');
const MONTHS = ['Jan', 'Feb', 'Mar'];
const AGENT = 'ShopApp/5.11.2 (Android 14; Pixel 7)';
/** The attacker's payloads, as the generated day sent them (lines of .cache/eval/nginx-…/incidents/nginx.log). */
const PAYLOADS = ['q=javascript:alert(1)&page=1', "q=1'%20ORDer%20BY%2010--&page=2&category=books", 'q=%60whoami%60&page=5', 'q=1%27%20OR%20%271%27=%271&page=3', 'q=..%2F..%2F..%2Fetc%2Fpasswd&page=1', 'q=%3Cscript%3Ealert(1)%3C/script%3E&page=2'];

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function line(client: string, ms: number, target: string, status: number): string {
  return `${client} - - [${stamp(ms)}] "GET ${target} HTTP/1.1" ${status} ${status === 500 ? 170 : 2400} "-" "${AGENT}" 0.0${40 + (ms % 50)}`;
}

/** Four hours of a shop API used by 40 clients, with the attacker's 500s and, if asked, an outage every third user request of 02:40–02:45 got. */
function shopLog(attackerErrors: boolean, userErrors: boolean): string {
  const lines: string[] = [];
  for (let s = 0; s < 4 * 3600; s += 4) {
    const client = `198.51.100.${1 + ((s / 4) % 40)}`;
    const ms = START + s * 1000;
    const inOutage = userErrors && s >= 9600 && s < 9900 && (s / 4) % 3 === 0;
    lines.push(line(client, ms, `/api/v1/products?page=${1 + ((s / 4) % 5)}`, inOutage ? 500 : 200));
    if (s % 12 === 0) lines.push(line(client, ms + 500, `/api/v1/orders?status=shipped`, 200));
  }
  // 02:35–02:50: the attacker's normal browsing and its payloads, four of them answered 500.
  for (let i = 0; i < 60; i++) {
    const ms = START + 2 * 3600_000 + 35 * 60_000 + i * 15_000;
    const payload = i % 2 === 0;
    const status = attackerErrors && payload && i >= 20 && i < 28 ? 500 : payload ? 400 : 200;
    lines.push(line('46.31.147.220', ms, payload ? `/api/v1/products?${PAYLOADS[(i / 2) % PAYLOADS.length]}` : `/api/v1/products?page=${i % 5}`, status));
  }
  lines.sort((a, b) => Date.parse(a.slice(a.indexOf('[') + 1, a.indexOf(']')).replace(/(\d+)\/(\w+)\/(\d+):/, '$2 $1 $3 ')) - Date.parse(b.slice(b.indexOf('[') + 1, b.indexOf(']')).replace(/(\d+)\/(\w+)\/(\d+):/, '$2 $1 $3 ')));
  return `${lines.join('\n')}\n`;
}

async function analyze(text: string): Promise<Incident[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-attack-errors-'));
  try {
    const file = join(dir, 'nginx.log');
    writeFileSync(file, text);
    return (await analyzeTraffic({ inputs: [file], ingest: {}, windowMs: 300_000, filter: {}, model: SETTINGS }, { threads: 1 })).detection.incidents;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an injection attacker\'s own 500s are part of its incident, not an error spike', async () => {
  const incidents = await analyze(shopLog(true, false));
  const attack = incidents.find((i) => i.clients.includes('46.31.147.220') && i.kind === 'injection');
  assert.ok(attack, incidents.map((i) => `${i.kind} ${i.endpoint} ${i.clients.slice(0, 3).join(',')}`).join('\n'));
  assert.ok(!incidents.some((i) => i.kind === 'error_spike'), incidents.filter((i) => i.kind === 'error_spike').map((i) => i.summary).join('\n'));
  const note = attack.evidence.find((e) => e.feature === 'attack_5xx');
  assert.ok(note, attack.evidence.map((e) => e.text).join('\n'));
  assert.match(note.text, /^the server answered 5xx to 4 requests of this client on GET \/api\/v1\/products, and to no one else there/);
});

test('500s other clients got in the attacker\'s window stay an error spike of their own', async () => {
  const incidents = await analyze(shopLog(true, true));
  const spike = incidents.find((i) => i.kind === 'error_spike' && i.endpoint === 'GET /api/v1/products');
  assert.ok(spike, incidents.map((i) => `${i.kind} ${i.endpoint}`).join('\n'));
  assert.ok(spike.clients.some((c) => c.startsWith('198.51.100.')));
});
