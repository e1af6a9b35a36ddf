// An API Gateway JSON log whose template writes `"caller":"-"` before
// `"user":"pk_…"` (the console's suggested key order): the learned baseline
// knows the API keys instead of "0 consumers".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

test('learn on API Gateway JSON with "caller":"-" counts the consumers behind "user"', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-identity-'));
  const example = JSON.parse(readFileSync('../shared/data/formats/aws-apigateway.log', 'utf8').split('\n')[2]!) as Record<string, unknown>;
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const minute = Math.floor(i / 10);
    lines.push(JSON.stringify({
      ...example,
      requestId: `req-${i}`,
      ip: `198.51.100.${i % 20}`,
      caller: '-',
      user: `pk_live_${i % 5}`,
      requestTime: `10/Jun/2023:${String(12 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${String((i % 10) * 5).padStart(2, '0')} +0000`,
    }));
  }
  const log = join(dir, 'apigw.log');
  writeFileSync(log, lines.join('\n') + '\n');
  const learned = await runCli(['learn', log, '-o', join(dir, 'baseline.json')]);
  assert.equal(learned.code, 0, learned.stderr);
  assert.match(learned.stderr, /learned 1 endpoints, 5 consumers and 20 clients from 600 records/);
});
