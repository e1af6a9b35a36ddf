import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = 'fixtures/ingest/nginx-combined.log';
const FIXTURE_TEXT = readFileSync(FIXTURE, 'utf8');
const RECORD_KEYS = [
  'time',
  'client',
  'method',
  'path',
  'query',
  'route',
  'status',
  'bytesSent',
  'bytesReceived',
  'durationMs',
  'userAgent',
  'referer',
  'consumer',
  'host',
  'requestId',
  'upstream',
  'source',
];

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-e2e-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('parse prints ndjson when piped: exactly the contract keys, in order, with normalised values', async () => {
  const result = await runCli(['parse', FIXTURE]);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
  const records = parseNdjson(result.stdout);
  assert.equal(records.length, 6);
  for (const record of records) assert.deepEqual(Object.keys(record), RECORD_KEYS);
  assert.deepEqual(records[1], {
    time: '2026-10-05T00:00:01.000Z',
    client: '203.0.113.11',
    method: 'GET',
    path: '/api/v1/users/17',
    query: 'fields=name',
    route: '/api/v1/users/{id}',
    status: 200,
    bytesSent: 498,
    bytesReceived: null,
    durationMs: null,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    referer: 'https://app.example.com/',
    consumer: 'alice',
    host: null,
    requestId: null,
    upstream: null,
    source: { file: FIXTURE, line: 2 },
  });
  // +0200 offset converted to UTC.
  assert.equal(records[2]!.time, '2026-10-04T22:00:02.000Z');
  assert.deepEqual(
    records.map((r) => r.route),
    ['/api/v1/users/{id}', '/api/v1/users/{id}', '/api/v1/login', '/api/v1/orders/{uuid}', '/static/app.js', '/api/v1/reports/{date}'],
  );
});

test('parse - reads stdin; a .gz input is decompressed; the same records come out', async (t) => {
  const dir = tempDir(t);
  const gz = join(dir, 'access.log.gz');
  writeFileSync(gz, gzipSync(FIXTURE_TEXT));
  const fromStdin = await runCli(['parse', '-'], { input: FIXTURE_TEXT });
  const fromGzip = await runCli(['parse', gz]);
  assert.equal(fromStdin.code, 0);
  assert.equal(fromGzip.code, 0);
  const strip = (records: Record<string, unknown>[]) => records.map(({ source, ...rest }) => rest);
  const stdinRecords = parseNdjson(fromStdin.stdout);
  assert.deepEqual(strip(stdinRecords), strip(parseNdjson(fromGzip.stdout)));
  assert.equal(stdinRecords.length, 6);
  assert.deepEqual(stdinRecords[0]!.source, { file: '(stdin)', line: 1 });
});

test('--stats prints lines read, records, skipped lines by reason with line numbers, and the detected format', async () => {
  const result = await runCli(['parse', FIXTURE, '--stats']);
  assert.equal(result.code, 0);
  assert.equal(
    result.stderr,
    [
      'lines read: 8 (1 file)',
      'records: 6',
      'skipped: 2',
      `  blank: 1 (${FIXTURE}:5)`,
      `  not-clf: 1 (${FIXTURE}:7)`,
      'time range: 2026-10-04T22:00:02.000Z .. 2026-10-05T00:00:05.000Z',
      'formats:',
      `  ${FIXTURE}: clf`,
      '',
    ].join('\n'),
  );
});

test('--limit stops after N records', async () => {
  const result = await runCli(['parse', FIXTURE, '--limit', '2']);
  assert.equal(result.code, 0);
  assert.deepEqual(
    parseNdjson(result.stdout).map((r) => (r.source as { line: number }).line),
    [1, 2],
  );
  const bad = await runCli(['parse', FIXTURE, '--limit', '0']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, "anomalog: --limit expects a positive integer, got '0'\n");
});

test('--output writes the file atomically (no temporary file left behind) and prints nothing', async (t) => {
  const dir = tempDir(t);
  const target = join(dir, 'records.ndjson');
  writeFileSync(target, 'previous content\n');
  const result = await runCli(['parse', FIXTURE, '--output', target]);
  assert.equal(result.code, 0);
  assert.equal(result.stdout, '');
  assert.equal(parseNdjson(readFileSync(target, 'utf8')).length, 6);
  assert.deepEqual(readdirSync(dir), ['records.ndjson']);
  // A failing run (undetectable input) leaves the previous file untouched and no temporary file.
  const binary = join(dir, 'blob.bin');
  writeFileSync(binary, Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 10, 0, 0, 7]));
  const failed = await runCli(['parse', binary, '--output', target]);
  assert.equal(failed.code, 2);
  assert.equal(parseNdjson(readFileSync(target, 'utf8')).length, 6);
  assert.deepEqual(readdirSync(dir).sort(), ['blob.bin', 'records.ndjson']);
});

test('--output into a missing directory is exit 2 with one sentence', async () => {
  const result = await runCli(['parse', FIXTURE, '--output', 'no/such/dir/out.ndjson']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'anomalog: cannot write no/such/dir/out.ndjson: no such directory\n');
  assert.ok(!existsSync('no/such/dir'));
});

test('--strict turns the first skipped line into exit 2 naming file:line and reason', async () => {
  const result = await runCli(['parse', FIXTURE, '--strict']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, `anomalog: ${FIXTURE}:7: line skipped (not-clf); --strict stops at the first skipped line\n`);
});

test('--format csv quotes cells and neutralises spreadsheet formulas', async () => {
  const result = await runCli(['parse', FIXTURE, '--format', 'csv']);
  assert.equal(result.code, 0);
  const rows = result.stdout.split('\r\n');
  assert.equal(
    rows[0],
    'time,client,method,path,query,route,status,bytesSent,bytesReceived,durationMs,userAgent,referer,consumer,host,requestId,upstream,sourceFile,sourceLine',
  );
  assert.equal(rows.length, 8); // header, 6 records, final empty string after the last CRLF
  assert.ok(rows[6]!.includes(`,'=cmd|' /C calc'!A0,`), rows[6]);
  // Cells that need no quoting are written bare.
  assert.ok(rows[2]!.includes(',Mozilla/5.0 (X11; Linux x86_64),https://app.example.com/,alice,'), rows[2]);
});

test('--format json prints one array; --format table shows control characters inert', async (t) => {
  const json = await runCli(['parse', FIXTURE, '--format', 'json']);
  assert.equal((JSON.parse(json.stdout) as unknown[]).length, 6);
  const dir = tempDir(t);
  const hostile = join(dir, 'hostile.log');
  writeFileSync(hostile, '203.0.113.9 - - [05/Oct/2026:00:00:00 +0000] "GET /\x1b]0;pwned\x07\x1b[2J HTTP/1.1" 200 1 "-" "x"\n');
  const table = await runCli(['parse', hostile, '--format', 'table']);
  assert.equal(table.code, 0);
  assert.ok(!table.stdout.includes('\x1b'), 'no raw ESC reaches the terminal');
  assert.ok(table.stdout.includes('␛]0;pwned␇␛[2J'), table.stdout);
});

test('an unknown flag is exit 2 with one sentence and no stack trace', async () => {
  const result = await runCli(['parse', FIXTURE, '--no-such-flag']);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, "anomalog: unknown option '--no-such-flag'\n");
});

test('a missing file is exit 2 naming it', async () => {
  const result = await runCli(['parse', 'missing.log']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, 'anomalog: cannot read missing.log: no such file or directory\n');
});

test('an undetectable format is exit 2 telling to use --log-format; an unknown --log-format lists the valid ones', async () => {
  const result = await runCli(['parse', 'package.json']);
  assert.equal(result.code, 2);
  assert.equal(result.stderr, "anomalog: cannot detect the log format of package.json; use --log-format NAME (see 'anomalog formats')\n");
  const unknown = await runCli(['parse', FIXTURE, '--log-format', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /^anomalog: unknown log format 'nope'; valid formats: .*\bclf\b.*\n$/);
});

test('--help, help parse and --version', async () => {
  const help = await runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /parse \[options\] <inputs\.\.\.>/);
  assert.match(help.stdout, /Example:\n {2}\$ anomalog parse/);
  const parseHelp = await runCli(['help', 'parse']);
  assert.equal(parseHelp.code, 0);
  assert.match(parseHelp.stdout, /Examples:\n {2}\$ anomalog parse fixtures\/ingest\/nginx-combined\.log/);
  assert.match(parseHelp.stdout, /--log-format <name>/);
  assert.match(parseHelp.stdout, /--map <record_field=source_field>/);
  const version = await runCli(['--version']);
  assert.equal(version.code, 0);
  const { version: expected } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  assert.equal(version.stdout, `${expected}\n`);
});
