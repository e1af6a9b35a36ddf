import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseCsv } from 'csv-parse/sync';
import { formatFromFileName, REPORT_FORMATS, renderers } from '../../src/report/renderers.js';
import { CSV_HEADER } from '../../src/report/render-csv.js';
import { markdownCode, markdownText } from '../../src/report/render-markdown.js';
import { validateNdjsonLine, validateReport } from '../../src/report/validate-report.js';
import type { Report } from '../../src/types.js';
import { emptyReport, hostileReport, SCRIPT_TAG } from './fixtures.js';

const plain = { color: false } as const;
// Anything a terminal would act on: C0 except LF, DEL, C1.
const RAW_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
// The only escape sequences colour may add: SGR, e.g. \x1b[1m, \x1b[31m, \x1b[39m.
const SGR = /\x1b\[[0-9;]*m/g;

test('every format renders the hostile report and an empty one without throwing', () => {
  for (const format of REPORT_FORMATS) {
    for (const report of [hostileReport(), emptyReport()]) {
      const out = renderers[format](report, { color: true, elapsedMs: 1500, showSuppressed: true, terminalWidth: 80 });
      // every format says something, NDJSON of no incidents its header line
      assert.ok(out.endsWith('\n'), `${format} ends with a newline`);
    }
  }
});

test('table without colour has no ESC byte and no other control character', () => {
  const out = renderers.table(hostileReport(), { color: false, showSuppressed: true, elapsedMs: 10 });
  assert.ok(!out.includes('\x1b'), 'no ESC byte');
  assert.doesNotMatch(out, RAW_CONTROL);
  // the hostile sequences are still there for a reader, as visible text
  assert.ok(out.includes('␛[2J'));
  assert.ok(out.includes('␛]0;pwned␇'));
});

test('table with colour adds only SGR colour codes, never a log-borne sequence', () => {
  const out = renderers.table(hostileReport(), { color: true, showSuppressed: true });
  assert.ok(out.includes('\x1b[31m'), 'severity is coloured');
  assert.doesNotMatch(out.replace(SGR, ''), RAW_CONTROL);
});

test('table shows what was read, the incidents, evidence, source lines and footer', () => {
  const out = renderers.table(hostileReport(), { color: false, elapsedMs: 2500, terminalWidth: 140 });
  assert.match(out, /120,000 lines → 119,880 records, 120 skipped \(bad-request-line 100/);
  assert.match(out, /access\.log \(nginx-combined\)/);
  assert.match(out, /1 gap: 03-01 06:00–06:30/);
  assert.match(out, /credential_attack/);
  assert.match(out, /203\.0\.113\.9 \+3 more/);
  assert.match(out, /401 ratio 98% vs 6% normally/);
  assert.match(out, /look at: access\.log:48213 \(and 48219\)/);
  assert.match(out, /3 incidents suppressed by 2 rules \(--show-suppressed lists them\)/);
  assert.match(out, /Done in 2\.5 s\./);
  // the table fits the terminal it was drawn for
  for (const line of out.split('\n').filter((l) => l.startsWith('│') || l.startsWith('┌'))) {
    assert.ok(Array.from(line).length <= 140, `line fits: ${line.length}`);
  }
});

test('table with nothing to report says so plainly', () => {
  const out = renderers.table(emptyReport(), plain);
  assert.match(out, /No incidents/);
  assert.ok(!out.includes('┌'), 'no empty table');
});

test('table honours top and says how many are not shown', () => {
  const out = renderers.table(hostileReport(), { color: false, top: 2 });
  assert.match(out, /#2/);
  assert.doesNotMatch(out, /#3/);
  assert.match(out, /2 more incidents not shown/);
});

test('json is the report itself, valid against the schema, deterministic', () => {
  const report = hostileReport();
  const out = renderers.json(report, plain);
  const parsed: unknown = JSON.parse(out);
  assert.deepEqual(validateReport(parsed), []);
  assert.equal(parsed && (parsed as Report).incidents.length, 4);
  // lone surrogates come out as escapes, C1 controls too: the text is valid UTF-8 and inert
  assert.ok(out.includes('\\ud800'));
  assert.doesNotMatch(out, RAW_CONTROL);
  // same content built in another key order gives the same bytes
  const reordered = Object.fromEntries(Object.entries(report).reverse()) as unknown as Report;
  reordered.incidents = report.incidents.map((i) => Object.fromEntries(Object.entries(i).reverse()) as unknown as typeof i);
  assert.equal(renderers.json(reordered, plain), out);
  assert.ok(out.startsWith('{\n  "schemaVersion": 1,\n  "tool"'));
});

test('json round-trips every field of every incident', () => {
  const report = hostileReport();
  const parsed = JSON.parse(renderers.json(report, plain)) as Report;
  // lone surrogates are the one thing JSON cannot keep: they come back as themselves via \ud800 escapes;
  // an evidence item's chart series and band are for the HTML report, not the JSON contract
  // and an incident of one continuous span has `occurrences: []`
  const contract = report.incidents.map((incident) => ({ ...incident, evidence: incident.evidence.map(({ series: _s, band: _b, ...item }) => item), occurrences: incident.occurrences ?? [] }));
  assert.deepEqual(parsed.incidents, JSON.parse(JSON.stringify(contract)));
  assert.ok(report.incidents.some((incident) => incident.evidence.some((item) => item.series !== undefined)), 'the fixture has a series to leave out');
});

test('ndjson: a header line, then one small schema-valid line per incident', () => {
  const out = renderers.ndjson(hostileReport(), plain);
  const [headerLine, ...lines] = out.trimEnd().split('\n');
  const header = JSON.parse(headerLine!) as { type: string; input: { lines: number }; total: number; shown: number; suppressedTotal: number };
  assert.deepEqual(validateNdjsonLine(header), []);
  assert.deepEqual([header.type, header.input.lines, header.total, header.shown, header.suppressedTotal], ['header', 120_000, 4, 4, 3]);
  assert.equal(lines.length, 4);
  for (const [index, line] of lines.entries()) {
    const object = JSON.parse(line) as { type: string; incident: { rank: number } };
    assert.deepEqual(validateNdjsonLine(object), []);
    assert.deepEqual(Object.keys(object), ['type', 'incident'], 'an incident line does not repeat the input');
    assert.equal(object.incident.rank, index + 1);
  }
  const cut = renderers.ndjson(hostileReport(), { color: false, top: 1 }).trimEnd().split('\n');
  assert.equal(cut.length, 2);
  assert.deepEqual([JSON.parse(cut[0]!).total, JSON.parse(cut[0]!).shown], [4, 1]);
  const withSuppressed = renderers.ndjson(hostileReport(), { color: false, showSuppressed: true }).trimEnd().split('\n');
  assert.equal(withSuppressed.length, 8);
  const last = JSON.parse(withSuppressed[7] ?? '') as { type: string; rule: number };
  assert.deepEqual(validateNdjsonLine(last), []);
  assert.deepEqual([last.type, last.rule], ['suppressed', 3]);
  const empty = renderers.ndjson(emptyReport(), plain).trimEnd().split('\n');
  assert.equal(empty.length, 1, 'no incident: the header alone');
  assert.deepEqual(validateNdjsonLine(JSON.parse(empty[0]!)), []);
  assert.deepEqual([JSON.parse(empty[0]!).total, JSON.parse(empty[0]!).shown], [0, 0]);
});

test('csv: header, one row per incident, formulas neutralised, negative numbers kept', () => {
  const report = hostileReport();
  report.incidents[0] = { ...report.incidents[0]!, score: -0 };
  const out = renderers.csv(report, plain);
  assert.doesNotMatch(out, /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F]/);
  const rows = parseCsv(out, { relax_column_count: false }) as string[][];
  assert.deepEqual(rows[0], CSV_HEADER);
  assert.equal(rows.length, 5);
  for (const row of rows.slice(1)) {
    assert.equal(row.length, CSV_HEADER.length);
    for (const cell of row) {
      if (/^-?\d+(\.\d+)?$/.test(cell)) continue; // a real number
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell neutralised: ${cell.slice(0, 40)}`);
    }
  }
  const consumers = rows[1]?.[CSV_HEADER.indexOf('consumers')];
  assert.equal(consumers, `'@SUM(1+1)*cmd|" /C calc"!A0`);
  assert.equal(rows[2]?.[CSV_HEADER.indexOf('clients')], "'+1;-2+3");
  assert.equal(rows[1]?.[CSV_HEADER.indexOf('evidence')], '401 ratio 98% vs 6% normally | requests 1,240 vs 35 normally from ␛]0;pwned␇203.0.113.9');
});

test('csv writes a negative number as a number', () => {
  const report = hostileReport();
  report.incidents = [{ ...report.incidents[0]!, requests: -5 }];
  const rows = parseCsv(renderers.csv(report, plain)) as string[][];
  assert.equal(rows[1]?.[CSV_HEADER.indexOf('requests')], '-5');
});

test('markdown: table rows keep their column count, no raw HTML from the logs', () => {
  const out = renderers.markdown(hostileReport(), { color: false, showSuppressed: true, elapsedMs: 900 });
  const outsideCodeSpans = out.replace(/(`+).*?\1/g, '');
  assert.ok(out.includes(SCRIPT_TAG), 'shown literally inside a code span');
  assert.ok(!outsideCodeSpans.includes('<script'), 'never as raw HTML');
  assert.doesNotMatch(out, RAW_CONTROL);
  const tableRows = out.split('\n').filter((line) => line.startsWith('| '));
  assert.equal(tableRows.length, 5);
  const cellCount = (row: string): number => row.replace(/\\\|/g, '').split('|').length;
  for (const row of tableRows) assert.equal(cellCount(row), cellCount(tableRows[0] ?? ''), row);
  assert.match(out, /## anomalog: 4 incidents \(1 critical, 1 high, 1 medium, 1 low\)/);
  assert.match(out, /3 incidents suppressed by 2 rules/);
  assert.match(renderers.markdown(emptyReport(), plain), /no incidents/);
});

test('html: self-contained, script-free, every incident has its section', () => {
  const out = renderers.html(hostileReport(), { color: false, showSuppressed: true });
  assert.doesNotMatch(out, /<script/i);
  assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.doesNotMatch(out, /(src|href)="(?!#)/, 'no external resource or link');
  assert.doesNotMatch(out, /url\(/, 'no CSS fetches');
  assert.match(out, /Content-Security-Policy/);
  for (const rank of [1, 2, 3, 4]) assert.match(out, new RegExp(`<section class="incident" id="incident-${rank}"`));
  assert.match(out, /<svg[^>]*class="chart timeline"/);
  assert.match(out, /class="band"/, 'baseline band drawn');
  assert.doesNotMatch(out, RAW_CONTROL);
});

test('markdown escaping: no links, emphasis, mentions or cells from log text', () => {
  assert.equal(markdownText('@team *x* [a](b) | `c` <b>'), '@\u200bteam \\*x\\* \\[a\\](b) \\| \\`c\\` &lt;b&gt;');
  assert.equal(markdownText('line1\nline2'), 'line1␊line2');
  assert.equal(markdownCode('a`b|c'), '``a`b\\|c``');
  assert.equal(markdownCode('`x'), '`` `x ``');
});

test('formatFromFileName maps output extensions to formats', () => {
  assert.equal(formatFromFileName('out/report.json'), 'json');
  assert.equal(formatFromFileName('r.NDJSON'), 'ndjson');
  assert.equal(formatFromFileName('r.jsonl'), 'ndjson');
  assert.equal(formatFromFileName('r.csv'), 'csv');
  assert.equal(formatFromFileName('summary.md'), 'markdown');
  assert.equal(formatFromFileName('C:\\reports\\r.htm'), 'html');
  assert.equal(formatFromFileName('r.html'), 'html');
  assert.equal(formatFromFileName('r.txt'), 'table');
  assert.equal(formatFromFileName('r.pdf'), undefined);
  assert.equal(formatFromFileName('.json'), undefined);
  assert.equal(formatFromFileName('dir.json/report'), undefined);
});

test('a sampled log names its first three gaps and counts the rest with their silence', () => {
  const report = hostileReport();
  const hourly = Array.from({ length: 83 }, (_, i) => {
    const start = Date.parse('2015-05-17T10:10:00.000Z') + i * 3_600_000;
    return { start: new Date(start).toISOString(), end: new Date(start + 55 * 60_000).toISOString() };
  });
  const out = renderers.markdown({ ...report, input: { ...report.input, gaps: hourly } }, plain);
  assert.match(out, /83 gaps \(76 h without a line in all\): 05-17 10:10–11:05, 05-17 11:10–12:05, 05-17 12:10–13:05 and 80 more/);
  assert.doesNotMatch(out, /05-17 13:10/);
});
