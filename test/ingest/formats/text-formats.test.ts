import assert from 'node:assert/strict';
import { test } from 'node:test';
import { textFormats } from '../../../src/ingest/formats/text-formats.js';
import { FORMATS_DIR, REAL_DIR, readLines } from './parse-file.js';

/** The id whose mean detect() over `lines` is highest; ties go to the earlier (more specific) format. */
function bestFormat(lines: readonly string[]): string {
  let best = { id: '', score: 0 };
  for (const format of textFormats) {
    const score = lines.reduce((sum, line) => sum + format.detect(line), 0) / lines.length;
    if (score > best.score) best = { id: format.id, score };
  }
  return best.id;
}

test('format ids are unique', () => {
  const ids = textFormats.map((format) => format.id);
  assert.equal(new Set(ids).size, ids.length);
});

test('detect() picks the right text format for each example file and real log', () => {
  const cases: [string, string][] = [
    [`${FORMATS_DIR}/apache-access.log`, 'clf'],
    [`${FORMATS_DIR}/nginx-combined.log`, 'clf'],
    [`${FORMATS_DIR}/traefik-clf.log`, 'traefik-clf'],
    [`${FORMATS_DIR}/aws-alb.log`, 'aws-alb'],
    [`${FORMATS_DIR}/aws-elb-classic.log`, 'aws-elb-classic'],
    [`${FORMATS_DIR}/cloudfront.log`, 'aws-cloudfront'],
    [`${FORMATS_DIR}/iis-w3c.log`, 'iis-w3c'],
    [`${FORMATS_DIR}/haproxy.log`, 'haproxy'],
    [`${FORMATS_DIR}/envoy.log`, 'envoy-text'],
    [`${REAL_DIR}/nasa-http/NASA_access_log_Aug95`, 'clf'],
    [`${REAL_DIR}/netnea-labor07/labor-07-example-access.log.gz`, 'apache-netnea'],
    [`${REAL_DIR}/iis-webknowit/u_ex151017.log`, 'iis-w3c'],
  ];
  for (const [path, expected] of cases) {
    const lines = readLines(path).filter((line) => line.length > 0).slice(0, 50);
    assert.equal(bestFormat(lines), expected, path);
  }
  assert.equal(bestFormat(readLines(`${FORMATS_DIR}/tyk.log`).slice(0, 2)), 'tyk-logfmt');
  const ingress = readLines(`${FORMATS_DIR}/wrapped-container.log`).slice(0, 2).map((line) => line.split(' ').slice(3).join(' '));
  assert.equal(bestFormat(ingress), 'ingress-nginx');
  assert.equal(bestFormat(['192.0.2.44 - - [22/Apr/2024:17:56:07 +0000] "GET /pets/{petId} HTTP/1.1" 200 48 3f1d2e4c-8b1a-4c2d-9e7f-0a1b2c3d4e5f']), 'apigateway-clf');
});

test('detect() never throws on hostile input and stays within 0..1', () => {
  const hostile = ['', '"', '[', '#Fields:', '\u0000\u0001', '- - [', 'a'.repeat(10000), '1.2.3.4 - - [01/Jan/2020:00:00:00 +0000] "', 'time="', '<1>1 '];
  for (const format of textFormats) {
    for (const line of hostile) {
      const score = format.detect(line);
      assert.ok(score >= 0 && score <= 1, `${format.id} ${JSON.stringify(line.slice(0, 20))}`);
      assert.doesNotThrow(() => format.createParser({}).parse(line, { file: 't', line: 1 }));
    }
  }
});
