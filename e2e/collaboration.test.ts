import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './harness/api';
import { axeViolations, describeViolations, launchBrowser } from './harness/browser';
import { repoRoot, startServer, type RunningServer } from './harness/startServer';

const screenshotDir = path.join(repoRoot, 'e2e/screenshots');
const anna = 'Anna de Vries';
const bram = 'Bram Bakker';
const carla = 'Carla Corporatie';
const tenants = 'Huurdersorganisatie';
/** The room of the workspace's agreement document, created through the API in before(). */
let room = '';

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

/** The document's paragraphs as text, without other people's caret labels. */
async function paragraphsOf(page: Page): Promise<string[]> {
  return editorOf(page).evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return Array.from(copy.querySelectorAll('p'), (p) => p.textContent ?? '');
  });
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
  let apiA: Api;
  let apiB: Api;
  let workspaceId = '';

  async function newPage(): Promise<Page> {
    assert.ok(browser);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  function apiFor(page: Page): Api {
    assert.ok(server);
    return new Api(page.context().request, server.url);
  }

  before(async () => {
    await mkdir(screenshotDir, { recursive: true });
    server = await startServer();
    browser = await launchBrowser();

    // Accounts and the workspace come from the REST API (there is no login page yet); the
    // session cookie lands in each person's browser context, as after logging in.
    pageA = await newPage();
    pageB = await newPage();
    apiA = apiFor(pageA);
    apiB = apiFor(pageB);
    await apiA.register(anna);
    await apiB.register(bram);
    const workspace = await apiA.createWorkspace('Prestatieafspraken Voorbeeldstad (e2e)');
    workspaceId = workspace.id;
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    const tenantParty = workspace.parties.find((p) => p.kind === 'tenants');
    assert.ok(agreement && tenantParty, 'a new workspace has an agreement and a tenants party');
    room = agreement.room;
    await apiB.accept(
      await apiA.invite(workspaceId, { role: 'negotiator', partyId: tenantParty.id }),
    );
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  void it('start page is accessible, checks the room name and opens the document', async () => {
    assert.ok(server);
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

    // Others appear as the server knows them: account name and party.
    for (const [page, self, other] of [
      [pageA, anna, `${bram} (${tenants})`],
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
    assert.deepEqual(await paragraphsOf(pageA), [fromAnna, fromBram]);
    assert.deepEqual(await paragraphsOf(pageB), [fromAnna, fromBram]);

    await screenshot(pageA, '03-editor-anna');
    await screenshot(pageB, '04-editor-bram');
    await assertNoAxeViolations(pageA, 'the editor page');
  });

  void it('the editor can be reached and used with the keyboard only', async () => {
    await pageB.reload();
    await editorOf(pageB).waitFor();
    await pageB.keyboard.press('Tab');
    const skipLink = pageB.getByRole('link', { name: 'Direct naar de inhoud' });
    assert.ok(
      await skipLink.evaluate((el) => el === document.activeElement),
      'the skip link is the first tab stop',
    );
    assert.ok(await skipLink.isVisible(), 'the skip link is visible when focused');
    await pageB.keyboard.press('Enter');

    // From the top of the content, Tab reaches the toolbar (with a visible focus ring) and then
    // the text, without a mouse.
    await pageB.keyboard.press('Tab');
    const firstButton = pageB.getByRole('button', { name: 'Kop' });
    assert.ok(await firstButton.evaluate((el) => el === document.activeElement));
    const outline = await firstButton.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    const editor = editorOf(pageB);
    for (let i = 0; i < 10; i++) {
      if (await editor.evaluate((el) => el === document.activeElement)) break;
      await pageB.keyboard.press('Tab');
    }
    assert.ok(await editor.evaluate((el) => el === document.activeElement), 'Tab reaches the text');
    await pageB.keyboard.press('Control+End');
    await pageB.keyboard.press('Enter');
    const typed = 'Met het toetsenbord getypt.';
    await pageB.keyboard.type(typed);
    await editorOf(pageA).locator('p', { hasText: typed }).waitFor();
    for (const page of [pageA, pageB]) await waitForStatus(page, 'saved', 'Opgeslagen');
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
    const apiC = apiFor(pageC);
    await apiC.register(carla);
    await apiC.accept(await apiA.invite(workspaceId, { role: 'observer' }));
    await pageC.goto(server.url);
    await pageC.evaluate((name) => localStorage.setItem('akkoord.userName', name), carla);
    await pageC.goto(`${server.url}/d/${room}`);
    await editorOf(pageC).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageC, 'saved', 'Opgeslagen');

    // An observer's edits are refused by the server: the page says so and stops editing.
    await editorOf(pageC).click();
    await pageC.keyboard.type('Observatie');
    await pageC
      .getByRole('alert')
      .filter({ hasText: 'U mag dit document alleen lezen.' })
      .waitFor();
    await pageC
      .locator('[role="status"][data-problem="read-only"]', { hasText: 'Niet opgeslagen' })
      .waitFor();
    assert.equal(await editorOf(pageC).getAttribute('contenteditable'), 'false');
    assert.ok(await pageC.getByRole('button', { name: 'Vet' }).isDisabled(), 'toolbar is off');
    assert.equal(
      await editorOf(pageA).locator('p', { hasText: 'Observatie' }).count(),
      0,
      'refused text never reaches others',
    );
    await assertNoAxeViolations(pageC, 'the read-only editor page');
    await screenshot(pageC, '07-observer-refused');
  });

  void it('someone who is not logged in is told so', async () => {
    assert.ok(server);
    const page = await newPage();
    await page.goto(server.url);
    await page.evaluate(() => localStorage.setItem('akkoord.userName', 'Onbekend'));
    await page.goto(`${server.url}/d/${room}`);
    await page.getByRole('alert').filter({ hasText: 'U bent niet ingelogd.' }).waitFor();
    await page
      .locator('[role="status"][data-problem="not-authenticated"]', { hasText: 'Geen toegang' })
      .waitFor();
    assert.equal(await editorOf(page).getAttribute('contenteditable'), 'false');
    await assertNoAxeViolations(page, 'the editor page without access');
    await screenshot(page, '08-not-logged-in');
  });
});
