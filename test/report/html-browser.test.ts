// Opens the HTML report in Debian's chromium (never a downloaded browser) and
// checks what a reader gets: no console errors, every incident visible, no
// network request, a screenshot for the reviewer in test-output/report.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { renderers } from '../../src/report/renderers.js';
import { hostileReport } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT_DIR = resolve('test-output');

test('HTML report in headless chromium: no errors, every incident shown, offline', async (t) => {
  if (!existsSync(CHROMIUM)) {
    t.skip(`${CHROMIUM} not installed (apt-get install chromium); browser test not run`);
    return;
  }
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const report = hostileReport();
  const htmlPath = join(OUTPUT_DIR, 'report.html');
  writeFileSync(htmlPath, renderers.html(report, { color: false, showSuppressed: true, elapsedMs: 1234 }));
  const pageUrl = pathToFileURL(htmlPath).href;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== pageUrl) requests.push(request.url());
    });
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });

    await page.goto(pageUrl, { waitUntil: 'load' });

    for (const incident of report.incidents) {
      const section = page.locator(`section#incident-${incident.rank}`);
      assert.ok(await section.isVisible(), `incident #${incident.rank} visible`);
      assert.equal(await section.getAttribute('data-incident-id'), incident.id);
    }
    assert.ok(await page.locator('section#timeline svg').isVisible(), 'timeline drawn');
    // the hostile path is text on the page, not an element
    assert.equal(await page.locator('script').count(), 0);
    assert.ok((await page.locator('section#incident-2 h2').innerText()).includes('<script>alert(1)</script>'));
    assert.equal(dialogs, 0, 'no alert ran');
    assert.deepEqual(problems, [], 'no console errors or warnings');
    assert.deepEqual(requests, [], 'no network request beyond the file itself');

    await page.screenshot({ path: join(OUTPUT_DIR, 'report.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
