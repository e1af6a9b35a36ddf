import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { clfFormat } from '../../../src/ingest/formats/clf.js';
import { traefikClfFormat } from '../../../src/ingest/formats/traefik-clf.js';
import { REAL_DIR, parseFiles } from './parse-file.js';

const HUB = `${REAL_DIR}/crowdsec-hub-tests`;

/**
 * Tests labelled nginx/apache2/bunkerweb whose files are not CLF access logs at all:
 * nginx-proxy-manager's own format and an nginx error log.
 */
const NOT_ACCESS_LOGS = new Set(['nginx_http-catch-npm/nginx_http-catch-npm.log', 'nginx_req_limit_exceeded/nginx_req_limit_exceeded.log']);

/** Error-log lines interleaved in access-log test files, by file and 1-based line. */
const ERROR_LOG_LINES: Record<string, number[]> = {
  'apache-cve-2021-41773/apache-cve-2021-41773.log': [1], // [Fri Oct 08 …] [core:error]
  'apache2-logs/apache2-logs.log': [8, 9], // [auth_basic:error], [ssl:info]
  'nginx-http-generic-bf/nginx-http-generic-bf.log': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], // 2021/09/30 … [error]
  'nginx_http-logs/nginx_http-logs.log': [9], // 2021/12/01 … [error]
};

function clfFiles(): string[] {
  const rows = readFileSync(`${HUB}/labels.csv`, 'utf8').trim().split('\n').slice(1);
  return rows
    .map((row) => row.split(','))
    .filter(([file, type]) => ['nginx', 'apache2', 'bunkerweb'].includes(type!) && !NOT_ACCESS_LOGS.has(file!))
    .map(([file]) => file!);
}

test('crowdsec hub nginx/apache/bunkerweb access logs: every access line is a record', () => {
  const files = clfFiles();
  assert.equal(files.length, 76);
  let accessLines = 0;
  let records = 0;
  const skipped: Record<string, number> = {};
  for (const file of files) {
    const outcome = parseFiles(clfFormat, [`${HUB}/${file}`]);
    const expectedErrorLines = ERROR_LOG_LINES[file] ?? [];
    outcome.outcomes.forEach((result, index) => {
      const isErrorLine = expectedErrorLines.includes(index + 1);
      if (isErrorLine) assert.equal(result, 'not-clf', `${file}:${index + 1}`);
      else if (result !== 'blank') accessLines++;
    });
    records += outcome.records.length;
    for (const [reason, count] of Object.entries(outcome.skipped)) skipped[reason] = (skipped[reason] ?? 0) + count;
  }
  assert.deepEqual(skipped, { 'not-clf': 20, blank: 11 });
  assert.equal(records, 930);
  assert.ok(records / accessLines >= 0.995, `${records}/${accessLines}`);
});

test('crowdsec hub traefik_clf test file', () => {
  const outcome = parseFiles(traefikClfFormat, [`${HUB}/traefik_clf/traefik_clf.log`]);
  assert.deepEqual({ lines: outcome.lines, records: outcome.records.length, skipped: outcome.skipped }, { lines: 9, records: 7, skipped: { blank: 2 } });
});
