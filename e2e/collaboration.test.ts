import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations, launchBrowser } from './harness/browser';
import { repoRoot, startServer, type RunningServer } from './harness/startServer';

const screenshotDir = path.join(repoRoot, 'e2e/screenshots');
const room = `e2e-${Date.now().toString(36)}`;
const anna = 'Anna de Vries';
const bram = 'Bram Bakker';

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

async function assertNoAxeViolations(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.equal(
    violations.length,
    0,
    `axe violations on ${where}:\n${describeViolations(violations)}`,
  );
}

function editorOf(page: Page, language: 'nl' | 'en' = 'nl') {
  const name = language === 'nl' ? `Tekst van document ${room}` : `Text of document ${room}`;
  return page.getByRole('textbox', { name, exact: true });
}

function statusOf(page: Page) {
  return page.getByRole('status');
}

async function waitForStatus(page: Page, status: string, text: string): Promise<void> {
  await page.locator(`[role="status"][data-status="${status}"]`, { hasText: text }).waitFor();
}

void describe('Akkoord in the browser', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let pageA: Page;
  let pageB: Page;

  async function newPage(): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  before(async () => {
    await mkdir(screenshotDir, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  void it('start page is accessible, checks the room name and opens the document', async () => {
    assert.ok(server);
    pageA = await newPage();
    await pageA.goto(server.url);
    assert.equal(await pageA.getAttribute('html', 'lang'), 'nl');
    await pageA.getByRole('heading', { level: 1, name: 'Document openen' }).waitFor();
    assert.ok(await pageA.getByRole('banner').isVisible(), 'header landmark');
    assert.ok(await pageA.getByRole('main').isVisible(), 'main landmark');
    await assertNoAxeViolations(pageA, 'the start page');
    await screenshot(pageA, '01-start');

    const roomField = pageA.getByLabel('Naam van het document');
    await roomField.fill('met spatie');
    await pageA.getByLabel('Uw naam').fill(anna);
    await pageA.getByRole('button', { name: 'Document openen' }).click();
    await pageA.getByText('Deze naam kan niet.').waitFor();
    assert.equal(await roomField.getAttribute('aria-invalid'), 'true');
    assert.ok(
      await roomField.evaluate((el) => el === document.activeElement),
      'focus moves to the field to fix',
    );
    assert.equal(new URL(pageA.url()).pathname, '/', 'an invalid room does not navigate');
    await assertNoAxeViolations(pageA, 'the start page with an error');
    await screenshot(pageA, '02-start-error');

    // Keyboard only: type the room and submit with Enter.
    await roomField.fill(room);
    await roomField.press('Enter');
    await pageA.waitForURL(`**/d/${room}`);
    await editorOf(pageA).waitFor();
  });

  void it('a shared link asks for a name first', async () => {
    assert.ok(server);
    pageB = await newPage();
    await pageB.goto(`${server.url}/d/${room}`);
    await pageB.getByRole('heading', { level: 1, name: 'Wie bent u?' }).waitFor();
    assert.equal(await pageB.getByLabel('Naam van het document').count(), 0);
    await pageB.getByLabel('Uw naam').fill(bram);
    await pageB.getByRole('button', { name: 'Document openen' }).click();
    await editorOf(pageB).waitFor();
    assert.equal(new URL(pageB.url()).pathname, `/d/${room}`);
  });

  void it('two people see each other’s text, carets and presence, and both reach "saved"', async () => {
    const fromAnna = 'Afspraak 1: de huur stijgt niet meer dan de inflatie.';
    await editorOf(pageA).click();
    await pageA.keyboard.type(fromAnna);
    await editorOf(pageB).locator('p', { hasText: fromAnna }).waitFor();

    const fromBram = 'Afspraak 2: elk jaar 40 nieuwe sociale huurwoningen.';
    await editorOf(pageB).click();
    await pageB.keyboard.press('Control+End');
    await pageB.keyboard.press('Enter');
    await pageB.keyboard.type(fromBram);
    await editorOf(pageA).locator('p', { hasText: fromBram }).waitFor();

    // Each page shows the other person's caret with their name, and not its own.
    await pageA.locator('.collaboration-carets__label', { hasText: bram }).waitFor();
    await pageB.locator('.collaboration-carets__label', { hasText: anna }).waitFor();
    assert.equal(await pageA.locator('.collaboration-carets__label', { hasText: anna }).count(), 0);

    for (const [page, self, other] of [
      [pageA, anna, bram],
      [pageB, bram, anna],
    ] as const) {
      const presence = page.getByRole('region', { name: 'Nu in dit document' });
      await presence
        .getByRole('listitem')
        .filter({ hasText: `${self} (u)` })
        .waitFor();
      await presence.getByRole('listitem').filter({ hasText: other }).waitFor();
      await waitForStatus(page, 'saved', 'Opgeslagen');
      assert.equal(await statusOf(page).getAttribute('aria-live'), 'polite');
    }

    // Both documents converged to the same two paragraphs.
    const textA = await editorOf(pageA).locator('p').allInnerTexts();
    const textB = await editorOf(pageB).locator('p').allInnerTexts();
    const clean = (texts: string[]) =>
      texts.map((t) => t.replace(anna, '').replace(bram, '').trim());
    assert.deepEqual(clean(textA), [fromAnna, fromBram]);
    assert.deepEqual(clean(textB), clean(textA));

    await screenshot(pageA, '03-editor-anna');
    await screenshot(pageB, '04-editor-bram');
    await assertNoAxeViolations(pageA, 'the editor page');
  });

  void it('switching to English changes the interface and is remembered', async () => {
    await pageA.getByLabel('Taal').selectOption('en');
    await pageA.waitForFunction(() => document.documentElement.lang === 'en');
    await waitForStatus(pageA, 'saved', 'Saved');
    await editorOf(pageA, 'en').waitFor();
    await pageA.getByRole('region', { name: 'In this document now' }).waitFor();
    await pageA.getByRole('button', { name: 'Bold' }).waitFor();
    assert.equal(await pageA.getByText('Opgeslagen').count(), 0, 'no Dutch status text left');
    await assertNoAxeViolations(pageA, 'the editor page in English');
    await screenshot(pageA, '05-editor-english');

    await pageA.reload();
    await editorOf(pageA, 'en').waitFor();
    assert.equal(await pageA.getAttribute('html', 'lang'), 'en');
    assert.equal(await pageA.getByLabel('Language').inputValue(), 'en');
    await waitForStatus(pageA, 'saved', 'Saved');

    // Back to Dutch for the rest of the run.
    await pageA.getByLabel('Language').selectOption('nl');
    await editorOf(pageA).waitFor();
  });

  void it('work done while the server is down is kept and saved when it is back', async () => {
    assert.ok(server);
    const { port, dataDir } = server;
    // Keep the data: the server that comes back must be "the same" one.
    const first = server;
    server = undefined;
    await first.stop({ keepData: true });

    for (const page of [pageA, pageB]) await waitForStatus(page, 'offline', 'Geen verbinding');

    const offlineText = 'Afspraak 3: geschreven zonder verbinding.';
    await editorOf(pageA).click();
    await pageA.keyboard.press('Control+End');
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.type(offlineText);
    await waitForStatus(pageA, 'offline-unsaved', 'Geen verbinding, nog niet opgeslagen');
    await pageA.getByText('Uw wijzigingen staan veilig op deze computer.').waitFor();
    await screenshot(pageA, '06-offline-unsaved');

    // Leave the document and come back without a network: the text comes from IndexedDB and the
    // page still knows it was never confirmed by the server.
    await pageA.getByRole('link', { name: 'Akkoord, naar de startpagina' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Document openen' }).waitFor();
    await pageA.goBack();
    await editorOf(pageA).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageA, 'offline-unsaved', 'Geen verbinding, nog niet opgeslagen');

    server = await startServer({ port, dataDir, removeDataDirOnStop: true });
    await waitForStatus(pageA, 'saved', 'Opgeslagen');
    await editorOf(pageB).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageB, 'saved', 'Opgeslagen');

    // A newcomer gets the text from the server alone (a fresh browser context has no cache).
    const pageC = await newPage();
    await pageC.goto(server.url);
    await pageC.evaluate(() => localStorage.setItem('akkoord.userName', 'Carla'));
    await pageC.goto(`${server.url}/d/${room}`);
    await editorOf(pageC).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageC, 'saved', 'Opgeslagen');
  });
});
