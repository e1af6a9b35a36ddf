// Machine output is complete or says it is not: JSON and NDJSON carry every
// incident unless --top is given, always say `total` and `shown`, NDJSON is a
// header plus one small line per incident (the header even with no incident),
// and every array of the schema is always there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/run-cli.js';
import { REPORT_SCHEMA_URL, validateNdjsonLine, validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/types.js';

/** 98 files of real attack traffic (CrowdSec hub tests): more incidents than the --top default of 20. */
const HUB_TESTS = '../shared/data/real/crowdsec-hub-tests';
const CLEAN = 'fixtures/e2e/clean/nginx.log';

type ReportJson = Report & { total: number; shown: number; suppressed: unknown[] };

async function run(...args: string[]): Promise<string> {
  const result = await runCli(['analyze', ...args, '--no-config', '-q'], { timeoutMs: 120_000 });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

const hubJson = run(HUB_TESTS, '--format', 'json').then((text) => JSON.parse(text) as ReportJson);

test('json carries every incident unless --top is given, and says total and shown', async () => {
  const [report, cut] = await Promise.all([hubJson, run(HUB_TESTS, '--format', 'json', '--top', '5').then((text) => JSON.parse(text) as ReportJson)]);
  assert.deepEqual(validateReport(report), []);
  assert.ok(report.incidents.length > 20, `more incidents than the table's default --top: ${report.incidents.length}`);
  assert.equal(report.total, report.incidents.length);
  assert.equal(report.shown, report.incidents.length);
  assert.deepEqual(validateReport(cut), []);
  assert.deepEqual([cut.total, cut.shown, cut.incidents.length], [report.total, 5, 5]);
  assert.deepEqual(cut.incidents.map((i) => i.id), report.incidents.slice(0, 5).map((i) => i.id));
  assert.deepEqual(report.suppressed, [], '`jq .suppressed[]` works with nothing suppressed');
  assert.ok(Array.isArray(report.input.gaps) && Array.isArray(report.input.filters));
});

test('ndjson: one header line with input and totals, then one small line per incident; the input is not repeated', async () => {
  const [text, report] = await Promise.all([run(HUB_TESTS, '--format', 'ndjson'), hubJson]);
  const [headerLine, ...lines] = text.trimEnd().split('\n');
  const header = JSON.parse(headerLine!) as { type: string; input: { files: string[] }; total: number; shown: number };
  assert.deepEqual(validateNdjsonLine(header), []);
  assert.deepEqual([header.type, header.total, header.shown], ['header', report.total, report.total]);
  assert.equal(header.input.files.length, report.input.files.length);
  assert.equal(lines.length, report.total);
  for (const [index, line] of lines.entries()) {
    const parsed = JSON.parse(line) as { type: string; incident: { id: string } };
    assert.deepEqual(validateNdjsonLine(parsed), [], `line ${index + 2}`);
    assert.equal(parsed.incident.id, report.incidents[index]!.id);
    assert.ok(!('input' in parsed), 'an incident line does not repeat the input block');
    // A line holds its incident and a few bytes more, whatever the number of input files.
    assert.ok(line.length <= JSON.stringify(report.incidents[index]).length + 40, `line ${index + 2} is ${line.length} bytes`);
  }
});

test('with no incident, ndjson still writes its header and json its empty arrays', async () => {
  const [ndjson, json] = await Promise.all([run(CLEAN, '--format', 'ndjson'), run(CLEAN, '--format', 'json')]);
  const lines = ndjson.trimEnd().split('\n');
  assert.equal(lines.length, 1);
  const header = JSON.parse(lines[0]!) as { type: string; total: number; shown: number; input: { records: number } };
  assert.deepEqual(validateNdjsonLine(header), []);
  assert.deepEqual([header.type, header.total, header.shown], ['header', 0, 0]);
  assert.ok(header.input.records > 0);
  const report = JSON.parse(json) as ReportJson;
  assert.deepEqual(validateReport(report), []);
  assert.deepEqual([report.total, report.shown, report.incidents, report.suppressed], [0, 0, [], []]);
});

/** Every `properties` entry of type array in the schema, with whether its object requires it. */
function arrayProperties(node: unknown, path: string, found: { path: string; required: boolean }[]): void {
  if (typeof node !== 'object' || node === null) return;
  const object = node as { properties?: Record<string, { type?: unknown }>; required?: string[] };
  for (const [name, property] of Object.entries(object.properties ?? {})) {
    if (property.type === 'array') found.push({ path: `${path}/${name}`, required: (object.required ?? []).includes(name) });
  }
  for (const [key, child] of Object.entries(node)) arrayProperties(child, `${path}/${key}`, found);
}

test('every array in the report schema is required (always present, empty when there is nothing)', () => {
  const schema = JSON.parse(readFileSync(REPORT_SCHEMA_URL, 'utf8')) as unknown;
  const found: { path: string; required: boolean }[] = [];
  arrayProperties(schema, '#', found);
  assert.ok(found.length >= 10, `the walk finds the schema's arrays (${found.length})`);
  assert.deepEqual(found.filter((f) => !f.required).map((f) => f.path), []);
});
