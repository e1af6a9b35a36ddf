// One physical line may hold several records: Azure diagnostic exports
// (`{"records":[…]}`) and Kong http-log batches (`[{…},{…}]`). Each entry is a
// record or a counted skip; `lines read` counts entries, so lines read =
// records + skipped still holds, and `--stats` shows the physical lines beside.
// Also: a BOM and a trailing CR around a line change nothing, in every format.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { assertAccounted, assertNoCrash, readPrintedStats, tempDir } from './cli-accounting.js';

const FORMATS_DIR = '../shared/data/formats';

function exampleObjects(file: string): Record<string, unknown>[] {
  return readFileSync(join(FORMATS_DIR, file), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

test('Azure {"records":[…]} and Kong batch arrays: every entry is emitted, lines read counts entries, physical lines are shown', async (t) => {
  const dir = tempDir(t);
  const azure = exampleObjects('azure-appgw.log');
  const kong = exampleObjects('kong-json.log');
  assert.ok(azure.length >= 2 && kong.length >= 2, 'the example files hold at least two JSON records each');

  const azurePath = join(dir, 'azure.json');
  // Line 1: every example in one envelope; line 2: one record alone; line 3: an empty envelope.
  writeFileSync(azurePath, `${JSON.stringify({ records: azure })}\n${JSON.stringify(azure[0])}\n{"records":[]}\n`);
  const azureRun = await runCli(['parse', '--stats', '--format', 'ndjson', '--log-format', 'azure-appgw', azurePath]);
  assertNoCrash(azureRun);
  assert.equal(azureRun.code, 0, azureRun.stderr);
  const azureStats = readPrintedStats(azureRun.stderr);
  assert.equal(azureStats.lines, azure.length + 2);
  assertAccounted(azureStats, azureStats.reasons);
  assert.match(azureRun.stderr, new RegExp(`^lines read: ${azure.length + 2} \\(1 file, 3 physical lines \\+ ${azure.length - 1} more entries of multi-record lines\\)$`, 'm'));
  const printed = azureRun.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { source: { line: number } });
  assert.equal(printed.length, azureStats.records);
  assert.ok(printed.filter((record) => record.source.line === 1).length >= 2, 'the envelope gave several records, all at line 1');

  const kongPath = join(dir, 'kong.json');
  writeFileSync(kongPath, `${JSON.stringify(kong)}\n`);
  const kongRun = await runCli(['parse', '--stats', '--format', 'ndjson', kongPath]);
  assertNoCrash(kongRun);
  assert.equal(kongRun.code, 0, kongRun.stderr);
  const kongStats = readPrintedStats(kongRun.stderr);
  assert.equal(kongStats.formats[kongPath], 'kong-json');
  assert.equal(kongStats.lines, kong.length);
  assert.equal(kongStats.records, kong.length);
  assertAccounted(kongStats, kongStats.reasons);
});

test('a BOM before and a CR after a line parse like the clean line, in every format of the examples', async (t) => {
  const dir = tempDir(t);
  const files = ['apache-access.log', 'nginx-combined.log', 'aws-alb.log', 'haproxy.log', 'envoy.log', 'tyk.log', 'traefik-json.log', 'caddy-json.log', 'gcp-http-lb.log'];
  for (const file of files) {
    const lines = readFileSync(join(FORMATS_DIR, file), 'utf8').split('\n').filter((line) => line.trim() !== '');
    const clean = join(dir, `clean-${file}`);
    const dirty = join(dir, `dirty-${file}`);
    writeFileSync(clean, `${lines.join('\n')}\n`);
    // A BOM on every line (files concatenated with `cat`) and bare CR endings on some (a CRLF file cut after the CR).
    writeFileSync(dirty, `${lines.map((line, i) => `\uFEFF${line}${i % 2 === 0 ? '\r' : ''}`).join('\n')}\r`);
    const [a, b] = await Promise.all([clean, dirty].map((path) => runCli(['parse', '--stats', '--format', 'ndjson', path])));
    assert.equal(a!.code, 0, `${file}: ${a!.stderr}`);
    assert.equal(b!.code, 0, `${file}: ${b!.stderr}`);
    const strip = (out: string): unknown[] =>
      out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const record = JSON.parse(line) as { source: unknown };
          record.source = null;
          return record;
        });
    assert.deepEqual(strip(b!.stdout), strip(a!.stdout), file);
    assert.deepEqual(readPrintedStats(b!.stderr).reasons, readPrintedStats(a!.stderr).reasons, file);
  }
});
