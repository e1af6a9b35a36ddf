// The HTML report drills down without a server: in Debian's chromium, an incident's
// "Lines behind this incident" opens on its first lines (the ones `show` prints first) and
// the show command for the rest; nothing is fetched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runCli } from '../helpers/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const LOG = '../shared/data/real/secrepo-webhawk/access.log.2022-12-22';

test('HTML drill-down: each incident opens on its first lines and the show command, offline', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} not installed (apt-get install chromium); browser test not run`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'anomalog-drill-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const html = join(dir, 'report.html');
  const json = join(dir, 'report.json');
  for (const output of [html, json]) {
    const run = await runCli(['analyze', LOG, '-o', output, '--quiet'], { timeoutMs: 120_000 });
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
  }
  const incidents = (JSON.parse(readFileSync(json, 'utf8')) as { incidents: { id: string; rank: number; requests: number }[] }).incidents;
  assert.ok(incidents.length > 0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(html).href);
    for (const incident of incidents.slice(0, 3)) {
      const drill = page.locator(`#lines-${incident.rank}`);
      assert.equal(await drill.locator('pre.lines').isVisible(), false, 'closed until asked');
      await drill.locator('summary').click();
      const shown = (await drill.locator('pre.lines').innerText()).split('\n').filter((line) => line !== '');
      // The same first lines `show` prints, in the same order.
      const cli = await runCli(['show', incident.id, '--report', json, '--lines', '20'], { timeoutMs: 60_000 });
      const expected = cli.stdout.split('\n').filter((line) => line.startsWith(`${LOG}:`));
      assert.deepEqual(shown, expected);
      assert.equal(shown.length, Math.min(20, incident.requests));
      assert.match(await drill.locator('pre.command').innerText(), new RegExp(`^anomalog show ${incident.id} --report .*report\\.json --lines all$`));
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
  } finally {
    await browser.close();
  }
});
