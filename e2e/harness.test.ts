import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser } from './harness/browser';
import { startServer } from './harness/startServer';

// Guards the guards: "zero violations" means nothing if the axe helper could never report one.
void describe('e2e harness', () => {
  let browser: Browser | undefined;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  void it('axe helper reports real violations', async () => {
    assert.ok(browser);
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><html><head><title>t</title></head><body><main><button></button>' +
        '<input type="text"></main></body></html>',
    );
    const ids = (await axeViolations(page)).map((v) => v.id).sort();
    assert.ok(ids.includes('button-name'), `expected button-name in ${ids.join(', ')}`);
    assert.ok(ids.includes('html-has-lang'), `expected html-has-lang in ${ids.join(', ')}`);
    await page.close();
  });

  void it('startServer serves the app and stop() ends the server', async () => {
    const server = await startServer();
    try {
      const health = await fetch(`${server.url}/healthz`);
      assert.equal(health.status, 200);
      const page = await fetch(`${server.url}/d/some-room`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<div id="root">/);
    } finally {
      await server.stop();
    }
    await assert.rejects(fetch(`${server.url}/healthz`), 'server still answers after stop()');
  });
});
