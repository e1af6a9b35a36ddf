// Every --format of the built CLI on a generated log with planted incidents:
// what tools parse (json, ndjson, csv) must parse and match the schema, what
// people read (markdown, html) must be what it claims to be.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { runCli } from '../helpers/run-cli.js';
import { validateNdjsonLine, validateReport } from '../../src/report/validate-report.js';
import { SEVERITIES, type Report } from '../../src/types.js';

// 3 h of API Gateway JSON traffic with five planted incidents (fixtures/e2e/README.md).
const INCIDENTS_LOG = 'fixtures/e2e/incidents/apigw.log';

async function analyze(...flags: string[]): Promise<string> {
  const result = await runCli(['analyze', INCIDENTS_LOG, ...flags]);
  assert.equal(result.code, 0, `exit 0 for ${flags.join(' ')}; stderr: ${result.stderr}`);
  return result.stdout;
}

/** The report as `--format json` writes it: with the incident counts beside the incidents. */
type ReportJson = Report & { total: number; shown: number };

const jsonReport = analyze('--format', 'json').then((text) => JSON.parse(text) as ReportJson);

test('json: the report validates against schema/report.schema.json and has the planted incidents', async () => {
  const report = await jsonReport;
  assert.deepEqual(validateReport(report), []);
  assert.equal(report.input.files[0], INCIDENTS_LOG);
  assert.equal(report.input.records, report.input.lines - report.input.skipped);
  assert.ok(report.incidents.length >= 2, `several incidents found, got ${report.incidents.length}`);
  assert.deepEqual(
    report.incidents.map((i) => i.rank),
    report.incidents.map((_, index) => index + 1),
  );
  // Severity first, then incidents with a signal, then score (README "Incidents are sorted by…").
  const order = (i: Report['incidents'][number]): [number, number, number] => [
    SEVERITIES.indexOf(i.severity),
    i.evidence.some((e) => e.feature === 'signal') ? 1 : 0,
    i.score,
  ];
  for (let i = 1; i < report.incidents.length; i++) {
    const [a, b] = [order(report.incidents[i - 1]!), order(report.incidents[i]!)];
    const firstDifference = a.findIndex((value, k) => value !== b[k]);
    assert.ok(firstDifference === -1 || a[firstDifference]! > b[firstDifference]!, `incident ${i} before ${i + 1}: severity, then signal, then score`);
  }
});

test('ndjson: a header line, then one line per incident, each validating as an NdjsonLine', async () => {
  const [text, report] = await Promise.all([analyze('--format', 'ndjson'), jsonReport]);
  assert.ok(text.endsWith('\n'));
  const [headerLine, ...lines] = text.slice(0, -1).split('\n');
  const header = JSON.parse(headerLine!) as { type: string; tool: { name: string }; input: { files: string[] }; total: number; shown: number };
  assert.deepEqual(validateNdjsonLine(header), []);
  assert.deepEqual([header.type, header.tool.name, header.total, header.shown], ['header', 'anomalog', report.total, report.incidents.length]);
  assert.deepEqual(header.input.files, [INCIDENTS_LOG]);
  assert.equal(lines.length, report.incidents.length);
  lines.forEach((line, index) => {
    const parsed = JSON.parse(line) as { type: string; incident: { id: string; rank: number } };
    assert.deepEqual(validateNdjsonLine(parsed), [], `line ${index + 2}`);
    assert.equal(parsed.incident.id, report.incidents[index]!.id);
  });
});

test('csv: parses back with csv-parse into one row per incident with the same ids, ranks and clients', async () => {
  const [text, report] = await Promise.all([analyze('--format', 'csv'), jsonReport]);
  const rows = parseCsv(text, { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, report.incidents.length);
  rows.forEach((row, index) => {
    const incident = report.incidents[index]!;
    assert.equal(row.id, incident.id);
    assert.equal(Number(row.rank), incident.rank);
    assert.equal(row.kind, incident.kind);
    assert.equal(row.severity, incident.severity);
    for (const client of incident.clients) assert.ok(row.clients!.includes(client), `row ${index + 1} lists ${client}`);
  });
});

test('markdown: a summary line and a table with a row per incident', async () => {
  const [text, report] = await Promise.all([analyze('--format', 'markdown'), jsonReport]);
  assert.match(text, new RegExp(`^## anomalog: ${report.incidents.length} incidents`));
  const lines = text.split('\n');
  const header = lines.findIndex((line) => /^\| # \|.*\| Kind \|/.test(line));
  assert.ok(header >= 0, 'a table header row');
  assert.match(lines[header + 1]!, /^\|(-*:?-+:?\|)+$/, 'a delimiter row');
  const afterTable = lines.findIndex((line, i) => i > header && !line.startsWith('|'));
  const rows = lines.slice(header + 2, afterTable);
  assert.equal(rows.length, report.incidents.length);
  rows.forEach((row, index) => assert.ok(row.startsWith(`| ${index + 1} |`), row));
});

test('html: one self-contained file that names every incident and loads nothing from the network', async () => {
  const [html, report] = await Promise.all([analyze('--format', 'html'), jsonReport]);
  assert.match(html, /^<!DOCTYPE html>/i);
  assert.match(html, /<\/html>\s*$/);
  // No resource is fetched: no src/href to another host or protocol-relative URL, no @import or url() of one.
  assert.doesNotMatch(html, /\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i);
  assert.doesNotMatch(html, /@import|url\(\s*["']?\s*(?:https?:)?\/\//i);
  assert.doesNotMatch(html, /<link\b[^>]*rel=["']?stylesheet/i);
  assert.doesNotMatch(html, /<script\b[^>]*\bsrc=/i);
  assert.doesNotMatch(html, /fonts\.googleapis|cdn\.|unpkg|jsdelivr/i);
  for (const incident of report.incidents) assert.ok(html.includes(incident.id), `incident ${incident.id} is in the page`);
});

test('table: the header says what was read and every incident has a row', async () => {
  const [text, report] = await Promise.all([analyze('--format', 'table'), jsonReport]);
  assert.match(text, /anomalog \S+: 1 file read/);
  assert.ok(text.includes(`${INCIDENTS_LOG} (apigateway-json)`));
  for (const incident of report.incidents) assert.match(text, new RegExp(`│ #${incident.rank}\\s+│ ${incident.severity}`));
});

test('with nothing to report every format says so in its own way', async () => {
  const clean = (format: string): Promise<string> =>
    runCli(['analyze', 'fixtures/e2e/clean/nginx.log', '--format', format]).then((r) => {
      assert.equal(r.code, 0, r.stderr);
      return r.stdout;
    });
  const [json, ndjson, csv, table, markdown] = await Promise.all(['json', 'ndjson', 'csv', 'table', 'markdown'].map(clean));
  const report = JSON.parse(json!) as ReportJson;
  assert.deepEqual(validateReport(report), []);
  assert.deepEqual(report.incidents, []);
  const header = ndjson!.trimEnd().split('\n');
  assert.equal(header.length, 1, 'ndjson: the header line alone');
  assert.deepEqual(validateNdjsonLine(JSON.parse(header[0]!)), []);
  assert.deepEqual([report.total, report.shown, report.suppressed], [0, 0, []]);
  assert.equal((parseCsv(csv!, { columns: true }) as unknown[]).length, 0);
  assert.match(table!, /No incidents/);
  assert.match(markdown!, /no incidents/i);
});
