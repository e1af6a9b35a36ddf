import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readReport } from '../../src/report/read-report.js';
import { renderers } from '../../src/report/renderers.js';
import { emptyReport, hostileReport } from './fixtures.js';

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
