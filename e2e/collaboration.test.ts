import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Api } from './harness/api';
import { launchBrowser } from './harness/browser';
import { assertNoAxeViolations, screenshot } from './harness/pages';
import { startServer, type RunningServer } from './harness/startServer';
import { apiAs, newPersonPage, waitForSaveStatus } from './harness/testPages';
import { settled } from './harness/editor';

const anna = 'Anna de Vries';
const bram = 'Bram Bakker';
const carla = 'Carla Corporatie';
const tenants = 'Huurdersorganisatie';
const workspaceTitle = 'Prestatieafspraken Voorbeeldstad (e2e)';
/** The agreement document: its title, and its address in the app (set in before()). */
const documentTitle = 'Prestatieafspraken';
let documentPath = '';

function editorOf(page: Page, language: 'nl' | 'en' = 'nl') {
  const name = language === 'nl' ? `Tekst van ${documentTitle}` : `Text of ${documentTitle}`;
  return page.getByRole('textbox', { name, exact: true });
}

/**
 * The document's paragraphs as text, without other people's caret labels. The agreement opens
 * with a template (title, introduction, one guidance paragraph per theme), so tests look at
 * what comes after it.
 */
async function paragraphsOf(page: Page): Promise<string[]> {
  return editorOf(page).evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return Array.from(copy.querySelectorAll('p'), (p) => p.textContent ?? '');
  });
}

/** Puts the cursor in a new paragraph at the very end, after the template. */
async function newParagraphAtEnd(page: Page, options: { click?: boolean } = {}): Promise<void> {
  if (options.click !== false) await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await settled(page);
  if ((await paragraphsOf(page)).at(-1) !== '') await page.keyboard.press('Enter');
}

function statusOf(page: Page) {
  return page.getByRole('status').and(page.locator('[data-status]'));
}

const waitForStatus = waitForSaveStatus;

void describe('Akkoord in the browser', () => {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  let pageA: Page;
  let pageB: Page;
  let apiA: Api;
  let apiB: Api;
  let workspaceId = '';
  let bramId = '';

  const newPage = (): Promise<Page> =>
    newPersonPage(browser, contexts, { width: 1280, height: 900 });

  const apiFor = (page: Page): Api => apiAs(server, page);

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();

    // Accounts and the workspace come from the REST API (accounts.test.ts goes through the
    // forms); the session cookie lands in each person's browser context, as after logging in.
    pageA = await newPage();
    pageB = await newPage();
    apiA = apiFor(pageA);
    apiB = apiFor(pageB);
    await apiA.register(anna);
    const b = await apiB.register(bram);
    bramId = b.user.id;
    const workspace = await apiA.createWorkspace(workspaceTitle);
    workspaceId = workspace.id;
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    const tenantParty = workspace.parties.find((p) => p.kind === 'tenants');
    assert.ok(agreement && tenantParty, 'a new workspace has an agreement and a tenants party');
    assert.equal(agreement.title, documentTitle);
    documentPath = `/w/${workspaceId}/d/${agreement.id}`;
    await apiB.accept(
      await apiA.invite(workspaceId, { role: 'negotiator', partyId: tenantParty.id }),
    );
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server?.stop();
  });

  void it('the document opens from the workspace page and is accessible', async () => {
    assert.ok(server);
    await pageA.goto(`${server.url}/w/${workspaceId}`);
    assert.equal(await pageA.getAttribute('html', 'lang'), 'nl');
    await pageA.getByRole('heading', { level: 1, name: workspaceTitle }).waitFor();
    assert.ok(await pageA.getByRole('banner').isVisible(), 'header landmark');
    assert.ok(await pageA.getByRole('main').isVisible(), 'main landmark');
    await screenshot(pageA, '01-workspace');

    // Keyboard only: focus the document's link and follow it with Enter.
    await pageA.getByRole('link', { name: documentTitle, exact: true }).focus();
    await pageA.keyboard.press('Enter');
    await pageA.waitForURL(`**${documentPath}`);
    await editorOf(pageA).waitFor();
    // The page's h1 names the document (the text itself opens with its own title heading).
    await pageA
      .getByRole('banner')
      .getByRole('heading', { level: 1, name: documentTitle })
      .waitFor();
    await waitForStatus(pageA, 'saved', 'Opgeslagen');
    await assertNoAxeViolations(pageA, 'the editor page');
    await screenshot(pageA, '02-editor-opened');
  });

  void it('a document link opens directly for a member, with a way back', async () => {
    assert.ok(server);
    await pageB.goto(`${server.url}${documentPath}`);
    await editorOf(pageB).waitFor();
    await pageB.getByRole('link', { name: `Terug naar ${workspaceTitle}` }).waitFor();
    assert.equal(new URL(pageB.url()).pathname, documentPath);
  });

  void it('two people see each other’s text, carets and presence, and both reach "saved"', async () => {
    const fromAnna = 'Afspraak 1: de huur stijgt niet meer dan de inflatie.';
    await newParagraphAtEnd(pageA);
    await pageA.keyboard.type(fromAnna);
    await editorOf(pageB).locator('p', { hasText: fromAnna }).waitFor();

    const fromBram = 'Afspraak 2: elk jaar 40 nieuwe sociale huurwoningen.';
    await newParagraphAtEnd(pageB);
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

    // Both documents converged to the same paragraphs, ending with the two new ones.
    const paragraphs = await paragraphsOf(pageA);
    assert.deepEqual(paragraphs.slice(-2), [fromAnna, fromBram]);
    assert.deepEqual(await paragraphsOf(pageB), paragraphs);

    await screenshot(pageA, '03-editor-anna');
    await screenshot(pageB, '04-editor-bram');
    await assertNoAxeViolations(pageA, 'the editor page with two people');
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

    // From the top of the content, Tab reaches the way back, the toolbar (with a visible focus
    // ring) and then the text, without a mouse.
    await pageB.keyboard.press('Tab');
    const backLink = pageB.getByRole('link', { name: `Terug naar ${workspaceTitle}` });
    assert.ok(await backLink.evaluate((el) => el === document.activeElement), 'the way back');
    // The toolbar's first button (whichever it is: the toolbar grows with the editor), after the
    // "since your last visit" panel's links and buttons, if it has any.
    const firstButton = pageB.getByRole('group', { name: 'Opmaak' }).getByRole('button').first();
    for (let i = 0; i < 10; i++) {
      await pageB.keyboard.press('Tab');
      if (await firstButton.evaluate((el) => el === document.activeElement)) break;
    }
    assert.ok(
      await firstButton.evaluate((el) => el === document.activeElement),
      'Tab reaches the toolbar',
    );
    const outline = await firstButton.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.notEqual(outline, 'none', 'focus is visible');
    const editor = editorOf(pageB);
    for (let i = 0; i < 10; i++) {
      if (await editor.evaluate((el) => el === document.activeElement)) break;
      await pageB.keyboard.press('Tab');
    }
    assert.ok(await editor.evaluate((el) => el === document.activeElement), 'Tab reaches the text');
    await newParagraphAtEnd(pageB, { click: false });
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
    await newParagraphAtEnd(pageA);
    await pageA.keyboard.type(offlineText);
    await waitForStatus(pageA, 'offline-unsaved', 'Geen verbinding, nog niet opgeslagen');
    await pageA.getByText('Uw wijzigingen staan veilig op deze computer.').waitFor();
    await screenshot(pageA, '06-offline-unsaved');

    // Leave the document and come back without a network: the text comes from IndexedDB and the
    // page still knows it was never confirmed by the server. (The list of negotiations cannot
    // load meanwhile, and says why.)
    await pageA.getByRole('link', { name: 'Akkoord, naar de startpagina' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Geen verbinding' }).waitFor();
    await pageA.goBack();
    await editorOf(pageA).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageA, 'offline-unsaved', 'Geen verbinding, nog niet opgeslagen');

    server = await startServer({ port, dataDir, removeDataDirOnStop: true });
    await waitForStatus(pageA, 'saved', 'Opgeslagen');
    await editorOf(pageB).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageB, 'saved', 'Opgeslagen');

    // A newcomer gets the text from the server alone (a fresh browser context has no cache).
    // As an observer she reads along: the page says so, and offers no editing at all.
    const pageC = await newPage();
    const apiC = apiFor(pageC);
    await apiC.register(carla);
    await apiC.accept(await apiA.invite(workspaceId, { role: 'observer' }));
    await pageC.goto(`${server.url}${documentPath}`);
    await editorOf(pageC).locator('p', { hasText: offlineText }).waitFor();
    await waitForStatus(pageC, 'saved', 'Opgeslagen');
    await pageC.getByText('U bent waarnemer. U kunt meelezen, maar niet schrijven.').waitFor();
    assert.equal(await editorOf(pageC).getAttribute('contenteditable'), 'false');
    assert.equal(await pageC.getByRole('button', { name: 'Vet' }).count(), 0, 'no toolbar');
    await assertNoAxeViolations(pageC, 'the editor page of an observer');
    await screenshot(pageC, '07-observer');

    // Bram becomes an observer while his editor is open: the server moves his connection to
    // read-only, refuses what he types next, and his page says so and stops editing.
    await apiA.setRole(workspaceId, bramId, { role: 'observer' });
    await new Promise((resolve) => setTimeout(resolve, 1500)); // "within a second"
    await newParagraphAtEnd(pageB);
    await pageB.keyboard.type('Observatie');
    await pageB
      .getByRole('alert')
      .filter({ hasText: 'U mag dit document alleen lezen.' })
      .waitFor();
    await pageB
      .locator('[role="status"][data-problem="read-only"]', { hasText: 'Niet opgeslagen' })
      .waitFor();
    assert.equal(await editorOf(pageB).getAttribute('contenteditable'), 'false');
    assert.ok(await pageB.getByRole('button', { name: 'Vet' }).isDisabled(), 'toolbar is off');
    assert.equal(
      await editorOf(pageA).locator('p', { hasText: 'Observatie' }).count(),
      0,
      'refused text never reaches others',
    );
    await assertNoAxeViolations(pageB, 'the read-only editor page');
    await screenshot(pageB, '08-refused-after-role-change');
  });

  void it('someone who is not logged in is sent to the login page, and sync refuses them', async () => {
    assert.ok(server);
    const page = await newPage();
    await page.goto(`${server.url}${documentPath}`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.getByText('Log eerst in om deze pagina te openen.').waitFor();
    assert.equal(await editorOf(page).count(), 0, 'no editor without a session');
    await assertNoAxeViolations(page, 'the login page after a document link');
    await screenshot(page, '09-not-logged-in');
    // Even a hand-made connection gets nothing: 4401 (not authenticated).
    const room = await pageA.evaluate(async (id) => {
      const response = await fetch(`/api/workspaces/${id}`);
      const body = (await response.json()) as {
        workspace: { documents: { kind: string; room: string }[] };
      };
      return body.workspace.documents.find((d) => d.kind === 'agreement')?.room ?? '';
    }, workspaceId);
    const code = await page.evaluate(
      (r) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(`ws://${location.host}/sync/${r}`);
          socket.onclose = (event) => resolve(event.code);
        }),
      room,
    );
    assert.equal(code, 4401);
  });
});
