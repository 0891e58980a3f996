import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { Api } from './harness/api';
import { browserSuite } from './harness/browserSuite';
import { caretToStart } from './harness/editor';
import { assertNoAxeViolations, screenshot, screenshotDir } from './harness/pages';
import { waitForSaveStatus } from './harness/testPages';

// Issue 4, the agreement editor in English: a corporation negotiator switches the interface to
// English and finds every part of the clause editor named in English (text box, toolbar,
// clause and counterpart controls, the side panel with outline and ledger, the save status),
// inserts a clause and adds a counterpart by keyboard, and can reach the whole ledger in the
// side panel on a laptop-sized window. The names are the exact texts of src/i18n/en.json and
// src/i18n/editor.en.json. The document's own text (title, theme names) and the party names
// stay Dutch: they are content, not interface.

const documentTitle = 'Prestatieafspraken';
const clauseText = 'The corporation builds 120 social rental homes.';
const counterpartText = 'The municipality provides two building sites.';

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: `Text of ${documentTitle}`, exact: true });
}

function panelOf(page: Page) {
  return page.getByRole('complementary', { name: 'Overview', exact: true });
}

/** The panel's own scroll area (everything below its title row). */
function panelBodyOf(page: Page) {
  return panelOf(page).getByRole('region', { name: 'Themes, giving and getting', exact: true });
}

function statusOf(page: Page) {
  return page.locator('[role="status"][data-status]');
}

const waitForStatus = waitForSaveStatus;

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** Text of the options of a select, in order. */
function optionTexts(select: Locator): Promise<string[]> {
  return select.locator('option').allTextContents();
}

interface Box {
  top: number;
  bottom: number;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is rendered');
  return { top: box.y, bottom: box.y + box.height };
}

/** The part of a scroll area the user can see: its client box (no border, no scroll bar). */
async function visibleBoxOf(scroller: Locator): Promise<Box> {
  return scroller.evaluate((el) => {
    const rect = el.getBoundingClientRect();
    const top = rect.top + el.clientTop;
    return { top, bottom: top + el.clientHeight };
  });
}

function assertInside(inner: Box, outer: Box, what: string): void {
  // Half a pixel of slack for subpixel layout.
  assert.ok(
    inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5,
    `${what}: ${JSON.stringify(inner)} is not inside ${JSON.stringify(outer)}`,
  );
}

void describe('the agreement editor in English', () => {
  const suite = browserSuite();
  let corporation = '';
  let municipality = '';
  let documentPath = '';
  /** Nina negotiates for the corporation. */
  let nina: Page;

  const newPage = (): Promise<Page> => suite.newPage();

  const apiFor = (page: Page): Api => suite.api(page);

  before(async () => {
    const facilitator = apiFor(await newPage());
    await facilitator.register('Frank Facilitator');
    const workspace = await facilitator.createWorkspace('Performance agreements Exampletown (e2e)');
    const byKind = (kind: string) => workspace.parties.find((p) => p.kind === kind)?.id ?? '';
    corporation = byKind('corporation');
    municipality = byKind('municipality');
    assert.ok(corporation !== '' && municipality !== '', 'default parties');
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    assert.ok(agreement);
    documentPath = `/w/${workspace.id}/d/${agreement.id}`;

    nina = await newPage();
    const api = apiFor(nina);
    await api.register('Nina Negotiator');
    await api.accept(
      await facilitator.invite(workspace.id, { role: 'negotiator', partyId: corporation }),
    );
  });

  void it('switching to English names the editor, toolbar, panel and status in English', async () => {
    await nina.goto(`${suite.server.url}${documentPath}`);
    // Dutch first (the default), so the switch is what changes the names.
    await nina.getByRole('textbox', { name: `Tekst van ${documentTitle}`, exact: true }).waitFor();
    await waitForStatus(nina, 'saved');
    await nina.getByLabel('Taal', { exact: true }).selectOption('en');
    await nina.waitForFunction(() => document.documentElement.lang === 'en');

    // The text box.
    const editor = editorOf(nina);
    await editor.waitFor();
    assert.equal(await editor.getAttribute('aria-multiline'), 'true');

    // The toolbar and its insert-clause button, which names its shortcut.
    const toolbar = nina.getByRole('group', { name: 'Formatting', exact: true });
    const insert = toolbar.getByRole('button', { name: 'New agreement', exact: true });
    await insert.waitFor();
    assert.equal(await insert.getAttribute('aria-keyshortcuts'), 'Control+Alt+K');
    assert.equal(
      await insert.getAttribute('title'),
      'Insert a new agreement in the theme where the cursor is (Ctrl+Alt+K)',
    );
    assert.equal(await nina.getByRole('button', { name: 'Nieuwe afspraak' }).count(), 0);

    // The sync status: the hidden "Status:" prefix and the visible word.
    await waitForStatus(nina, 'saved');
    assert.equal(await statusOf(nina).textContent(), 'Status: Saved');

    // The side panel: its landmark, fold button, scroll area, outline and ledger.
    const panel = panelOf(nina);
    const hide = panel.getByRole('button', { name: 'Hide overview', exact: true });
    assert.equal(await hide.getAttribute('aria-expanded'), 'true');
    const body = panelBodyOf(nina);
    await body.waitFor();
    const outline = panel.getByRole('navigation', { name: 'Themes', exact: true });
    await outline.getByRole('heading', { level: 3, name: 'Themes', exact: true }).waitFor();
    // Theme names come from the (Dutch) document; the count around them is English.
    await outline
      .getByRole('button', { name: 'Beschikbaarheid: 0 agreements', exact: true })
      .waitFor();
    await panel
      .getByRole('heading', { level: 3, name: 'Giving and getting', exact: true })
      .waitFor();
    await panel.getByText('0 agreements count.', { exact: true }).waitFor();
    const perParty = panel.getByRole('table', {
      name: 'What each party gives and gets',
      exact: true,
    });
    assert.deepEqual(await perParty.getByRole('columnheader').allTextContents(), [
      'Party',
      'Gives',
      'Gets',
      'Balance',
    ]);
    await panel
      .getByRole('table', { name: 'Who gives to whom (row gives to column)', exact: true })
      .waitFor();
    await panel
      .getByRole('heading', { level: 4, name: 'Points of attention', exact: true })
      .waitFor();
    await panel.getByText('No points of attention.', { exact: true }).waitFor();
    // None of the Dutch interface texts (editor.nl.json) is left in the panel.
    const panelText = await panel.innerText();
    for (const dutch of [
      'Overzicht',
      "Thema's",
      'Geven en krijgen',
      '0 afspraken tellen mee.',
      'Wat elke partij geeft en krijgt',
      'Aandachtspunten',
    ]) {
      assert.ok(!panelText.includes(dutch), `no "${dutch}" in the panel`);
    }
    await screenshot(nina, 'editor-english-01-opened');
  });

  void it('inserts a clause and picks its owner and status by keyboard, in English', async () => {
    const editor = editorOf(nina);
    await editor.focus();
    // Ctrl+Home puts the cursor in the title: a new clause then goes to the first theme.
    await caretToStart(nina);
    await nina.keyboard.press('Control+Alt+k');
    const clause = editor.getByRole('group', { name: 'Agreement B-01', exact: true });
    await clause.waitFor();
    assert.equal(await editor.locator('.clause').count(), 1);
    assert.equal(await clause.locator('.clause__badge').textContent(), 'Status: Draft');
    await nina.keyboard.type(clauseText);

    // Tab leaves the text for the owner picker: visible label plus the clause's English label.
    await nina.keyboard.press('Tab');
    const owner = clause.getByRole('combobox', {
      name: 'Who commits to this Agreement B-01',
      exact: true,
    });
    assert.ok(await isFocused(owner), 'Tab in the clause text goes to its owner picker');
    assert.deepEqual(await optionTexts(owner), [
      'Not chosen yet',
      'Woningcorporatie',
      'Gemeente',
      'Huurdersorganisatie',
    ]);
    await nina.keyboard.press('ArrowDown');
    await nina.locator(`.clause[data-owner="${corporation}"]`).waitFor();
    assert.equal(await owner.inputValue(), corporation);

    // Tab on to the status picker; it offers only the allowed moves, in English.
    await nina.keyboard.press('Tab');
    const status = clause.getByRole('combobox', { name: 'Status Agreement B-01', exact: true });
    assert.ok(await isFocused(status), 'Tab goes on to the status picker');
    assert.deepEqual(await optionTexts(status), ['Draft', 'Proposed', 'Withdrawn']);
    await nina.keyboard.press('ArrowDown');
    await nina.locator('.clause[data-status="proposed"]').waitFor();
    assert.equal(await clause.locator('.clause__badge').textContent(), 'Status: Proposed');
    assert.deepEqual(await optionTexts(status), ['Proposed', 'Agreed', 'Draft', 'Withdrawn']);

    await clause.locator('[data-type="clause-text"]', { hasText: clauseText }).waitFor();
    const panel = panelOf(nina);
    await panel
      .getByRole('button', { name: 'Beschikbaarheid: 1 agreement', exact: true })
      .waitFor();
    await panel.getByText('1 agreement counts.', { exact: true }).waitFor();
    await panel
      .getByRole('button', {
        name: 'Agreement B-01: no counterpart from another party.',
        exact: true,
      })
      .waitFor();
    await waitForStatus(nina, 'saved');
    assert.equal(await statusOf(nina).textContent(), 'Status: Saved');
  });

  void it('adds a counterpart in English by keyboard', async () => {
    const clause = editorOf(nina).getByRole('group', { name: 'Agreement B-01', exact: true });
    const status = clause.getByRole('combobox', { name: 'Status Agreement B-01', exact: true });
    assert.ok(await isFocused(status), 'focus is still on the status picker');

    // Tab from the status picker reaches the "new counterpart" party picker; it suggests the
    // first party other than the owner.
    await nina.keyboard.press('Tab');
    const newParty = clause.getByRole('combobox', {
      name: 'Party for a new counterpart to agreement B-01',
      exact: true,
    });
    assert.ok(await isFocused(newParty), 'Tab reaches the party for a new counterpart');
    assert.deepEqual(await optionTexts(newParty), ['Gemeente', 'Huurdersorganisatie']);
    assert.equal(await newParty.inputValue(), municipality);
    await nina.keyboard.press('Tab');
    const add = clause.getByRole('button', { name: 'Add counterpart commitment', exact: true });
    assert.ok(await isFocused(add), 'Tab reaches "Add counterpart commitment"');
    await nina.keyboard.press('Enter');

    // The cursor is in the new counterpart's text.
    const counterpart = clause.locator(`.counterpart[data-party="${municipality}"]`);
    await counterpart.waitFor();
    await nina.keyboard.type(counterpartText);
    await counterpart.getByText(counterpartText, { exact: true }).waitFor();

    // Its controls, named in English with the clause number.
    const party = counterpart.getByRole('combobox', {
      name: 'Party of the counterpart to agreement B-01',
      exact: true,
    });
    assert.equal(await party.inputValue(), municipality);
    assert.equal((await optionTexts(party))[0], 'No party yet');
    const due = counterpart.getByLabel('Due date of the counterpart to agreement B-01', {
      exact: true,
    });
    assert.equal(await due.getAttribute('type'), 'date');
    await counterpart
      .getByRole('button', { name: 'Remove the counterpart of Gemeente', exact: true })
      .waitFor();
    assert.deepEqual(await counterpart.locator('.clause__label').allTextContents(), [
      'Party',
      'Due by',
    ]);

    // The ledger: the warning is gone, the corporation gives to the municipality and back.
    const panel = panelOf(nina);
    await panel.locator('[data-warning="clause-without-counterpart"]').waitFor({
      state: 'detached',
    });
    const matrix = panel.locator('[data-testid="ledger-matrix"]');
    const cell = (giver: number, receiver: string) =>
      matrix.locator('tbody tr').nth(giver).locator(`td[data-receiver="${receiver}"]`);
    assert.equal(await cell(0, municipality).textContent(), '1', 'corporation → municipality');
    assert.equal(await cell(1, corporation).textContent(), '1', 'municipality → corporation');
    await panel.getByText('Huurdersorganisatie commits to nothing yet.', { exact: true }).waitFor();
    await waitForStatus(nina, 'saved');
  });

  void it('the English editor page has no axe violations', async () => {
    await waitForStatus(nina, 'saved');
    await assertNoAxeViolations(nina, 'the English editor with a clause and a counterpart');
    // From the top: a full-page picture of a scrolled page draws the sticky parts mid-page.
    await nina.evaluate(() => window.scrollTo(0, 0));
    await screenshot(nina, 'editor-english-02-clause');
  });

  void it('the whole ledger can be reached in the side panel, by scrolling and by keyboard', async () => {
    const body = panelBodyOf(nina);
    const lastRow = panelOf(nina).locator('[data-testid="ledger-matrix"] tbody tr').last();
    await lastRow.getByText('Huurdersorganisatie', { exact: true }).waitFor({ state: 'attached' });

    for (const viewport of [
      { width: 1280, height: 720 },
      { width: 1440, height: 1000 },
    ]) {
      const where = `${viewport.width}×${viewport.height}`;
      await nina.setViewportSize(viewport);
      await nina.evaluate(() => window.scrollTo(0, 0));
      await body.evaluate((el) => el.scrollTo(0, 0));

      // The panel never grows past the window: it scrolls on its own instead.
      const panelBox = await boxOf(panelOf(nina));
      assert.ok(
        panelBox.bottom - panelBox.top <= viewport.height,
        `${where}: the panel (${panelBox.bottom - panelBox.top}px) fits in the window`,
      );

      // Nothing sticks out sideways (three parties fit next to each other).
      const width = await body.evaluate((el) => ({ needed: el.scrollWidth, has: el.clientWidth }));
      assert.ok(
        width.needed <= width.has,
        `${where}: the ledger (${width.needed}px) fits the panel's width (${width.has}px)`,
      );

      await lastRow.scrollIntoViewIfNeeded();
      const row = await boxOf(lastRow);
      assertInside(row, await visibleBoxOf(body), `${where}: last matrix row in the panel`);
      assertInside(row, await boxOf(panelOf(nina)), `${where}: last matrix row in the panel box`);
      assertInside(row, { top: 0, bottom: viewport.height }, `${where}: last row on screen`);
    }

    // On the small window the panel needs its scroll bar, and the keyboard can use it too: Tab
    // from the fold button to the scroll area, then End.
    await nina.setViewportSize({ width: 1280, height: 720 });
    await nina.evaluate(() => window.scrollTo(0, 0));
    await body.evaluate((el) => el.scrollTo(0, 0));
    const overflow = await body.evaluate((el) => el.scrollHeight - el.clientHeight);
    assert.ok(overflow > 0, 'at 1280×720 the panel content is taller than the panel');
    const lastRowVisible = async () =>
      (await boxOf(lastRow)).bottom <= (await visibleBoxOf(body)).bottom + 0.5;
    assert.equal(await lastRowVisible(), false, 'scrolled to the top, the last row is hidden');
    await panelOf(nina).getByRole('button', { name: 'Hide overview', exact: true }).focus();
    await nina.keyboard.press('Tab');
    assert.ok(await isFocused(body), 'Tab reaches the panel’s scroll area');
    await nina.keyboard.press('End');
    await nina.waitForFunction(
      (el) => el !== null && el.scrollTop >= el.scrollHeight - el.clientHeight - 1,
      await body.elementHandle(),
    );
    const row = await boxOf(lastRow);
    assertInside(row, await visibleBoxOf(body), 'after End, the last row is in the panel');
    // Focusing the scroll area brought the whole panel into the window.
    assertInside(row, { top: 0, bottom: 720 }, 'after End, the last row is on screen');
    await panelOf(nina).screenshot({
      path: path.join(screenshotDir, 'editor-english-03-panel-1280x720.png'),
    });
    await nina.screenshot({
      path: path.join(screenshotDir, 'editor-english-04-window-1280x720.png'),
    });
    await assertNoAxeViolations(nina, 'the English editor at 1280×720, panel scrolled');
  });
});
