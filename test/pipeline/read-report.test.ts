import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport } from '../../src/pipeline/read-report.js';
import { renderers } from '../../src/report/renderers.js';
import { emptyReport, hostileReport } from '../report/fixtures.js';

test('an NDJSON report reads back as its JSON twin: input and window from the header, the incident lines in order', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-read-report-'));
  const report = hostileReport();
  await writeFile(join(directory, 'r.ndjson'), renderers.ndjson(report, { color: false, showSuppressed: true }));
  await writeFile(join(directory, 'r.json'), renderers.json(report, { color: false }));
  const [fromNdjson, fromJson] = await Promise.all([readReport(join(directory, 'r.ndjson')), readReport(join(directory, 'r.json'))]);
  assert.deepEqual(fromNdjson.incidents.map((i) => i.id), report.incidents.map((i) => i.id), 'suppressed lines are not incidents');
  assert.deepEqual(fromNdjson, fromJson);
  await writeFile(join(directory, 'empty.ndjson'), renderers.ndjson(emptyReport(), { color: false }));
  const empty = await readReport(join(directory, 'empty.ndjson'));
  assert.deepEqual([empty.incidents, empty.input.files], [[], report.input.files], 'a report with no incident still names its inputs');
});

test('a report the schema refuses is one sentence naming the file and the field, JSON or NDJSON', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-read-report-'));
  const report = hostileReport();
  const json = JSON.parse(renderers.json(report, { color: false })) as { incidents: { severity: string }[]; input: { files?: unknown } };
  json.incidents[0]!.severity = 'huge';
  await writeFile(join(directory, 'severity.json'), `${JSON.stringify(json, null, 2)}\n`);
  await assert.rejects(readReport(join(directory, 'severity.json')), (error: Error) => {
    assert.equal(error.name, 'InputError');
    assert.match(error.message, /severity\.json is not an anomalog report: \/incidents\/0\/severity must be equal to one of the allowed values$/);
    return true;
  });
  const lines = renderers.ndjson(report, { color: false }).trimEnd().split('\n');
  const incident = JSON.parse(lines[1]!) as { incident: { rank: unknown } };
  incident.incident.rank = 'one';
  await writeFile(join(directory, 'rank.ndjson'), [lines[0], JSON.stringify(incident), ...lines.slice(2)].join('\n') + '\n');
  await assert.rejects(readReport(join(directory, 'rank.ndjson')), /rank\.ndjson is not an anomalog report \(line 2\): \/incident\/rank must be integer$/);
  const header = JSON.parse(lines[0]!) as { schemaVersion: number };
  header.schemaVersion = 2;
  await writeFile(join(directory, 'version.ndjson'), [JSON.stringify(header), ...lines.slice(1)].join('\n') + '\n');
  await assert.rejects(readReport(join(directory, 'version.ndjson')), /version\.ndjson is a report of schema version 2; this anomalog reads version 1$/);
});
