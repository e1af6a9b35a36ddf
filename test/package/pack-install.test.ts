// The package a user installs: `npm pack` ships what a user needs and nothing else,
// installing the tarball in an empty project prints no warning, and
// `npx anomalog analyze` works from that install on a shared real log.
// Needs the npm registry (the dependencies are installed from it), nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/run-cli.js';

const run = promisify(execFile);
const LOG = resolve(REPO_ROOT, '../shared/data/real/elastic-apache/apache_logs.gz');

test('npm pack ships dist, schema, docs, README and LICENSE without source maps; the tarball installs without a warning and npx anomalog analyze runs', { timeout: 600_000 }, async () => {
  const directory = await mkdtemp(join(tmpdir(), 'anomalog-pack-'));
  // dist/ is built by `npm test`'s pretest; --ignore-scripts packs it as it is instead of building again.
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', directory], { cwd: REPO_ROOT, maxBuffer: 1 << 26 });
  const [manifest] = JSON.parse(packed.stdout) as [{ filename: string; files: { path: string }[] }];
  const paths = manifest.files.map((file) => file.path);
  for (const needed of ['bin/anomalog', 'dist/cli/main.js', 'schema/report.schema.json', 'schema/config.schema.json', 'README.md', 'LICENSE', 'package.json', 'docs/ci.md', 'docs/report.md']) {
    assert.ok(paths.includes(needed), `the package holds ${needed}`);
  }
  assert.deepEqual(paths.filter((path) => path.endsWith('.map')), [], 'no source map pointing at unshipped sources');
  assert.deepEqual(paths.filter((path) => /^(src|test|scripts|fixtures)\//.test(path)), [], 'no sources, tests, scripts or fixtures');
  // Every document the README links to is shipped.
  const readme = (await run('tar', ['-xOzf', join(directory, manifest.filename), 'package/README.md'])).stdout;
  for (const [, link] of readme.matchAll(/\]\(((?:docs|schema)\/[^)#]+)/g)) assert.ok(paths.includes(link!), `README links to ${link}, which is shipped`);

  const project = join(directory, 'consumer');
  await run('mkdir', [project]);
  await writeFile(join(project, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  const installed = await run('npm', ['install', join(directory, manifest.filename), '--no-audit', '--no-fund', '--loglevel', 'warn'], { cwd: project, maxBuffer: 1 << 26 });
  assert.doesNotMatch(installed.stderr, /warn/i, `npm install printed a warning:\n${installed.stderr}`);

  const analyzed = await run('npx', ['--no-install', 'anomalog', 'analyze', LOG, '--format', 'json', '-q'], { cwd: project, maxBuffer: 1 << 26 });
  const report = JSON.parse(analyzed.stdout) as { input: { records: number }; total: number; incidents: unknown[] };
  assert.equal(report.input.records, 10000); // line 8,899 is cut inside its agent: kept, marked truncated
  assert.equal(report.total, report.incidents.length);
  assert.ok(report.total > 0);
});
