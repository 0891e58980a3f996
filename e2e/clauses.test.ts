import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Api, type Workspace } from './harness/api';
import { browserSuite } from './harness/browserSuite';
import { caretToStart, settled } from './harness/editor';
import { assertNoAxeViolations, screenshot } from './harness/pages';
import { waitForSaveStatus } from './harness/testPages';

// Issue 4, the editor: a corporation negotiator and a municipality negotiator co-edit the
// agreement. One inserts a clause by keyboard only, the other adds the municipality's
// counterpart; both see the reciprocity ledger change; the export carries it; an offline edit
// arrives after reconnecting; an observer sees everything but can change nothing.

const documentTitle = 'Prestatieafspraken';
const clauseText = 'De corporatie bouwt 120 sociale huurwoningen.';
const counterpartText = 'De gemeente levert twee bouwlocaties.';
const offlineText = ' Geschreven zonder verbinding.';

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: `Tekst van ${documentTitle}`, exact: true });
}

function clauses(page: Page) {
  return editorOf(page).locator('.clause');
}

function panelOf(page: Page) {
  return page.getByRole('complementary', { name: 'Overzicht' });
}

const waitForStatus = waitForSaveStatus;

/** One party's row in the ledger's gives/gets table, as numbers. */
async function ledgerRow(page: Page, partyId: string): Promise<[number, number]> {
  const row = panelOf(page).locator(`[data-testid="ledger-parties"] tr[data-party="${partyId}"]`);
  const gives = Number(await row.locator('[data-column="gives"]').textContent());
  const receives = Number(await row.locator('[data-column="receives"]').textContent());
  return [gives, receives];
}

/** Waits (polling) until the party's gives/gets in the ledger are as expected. */
async function waitForLedger(
  page: Page,
  partyId: string,
  expected: [number, number],
): Promise<void> {
  const deadline = Date.now() + 10_000;
  let actual = await ledgerRow(page, partyId);
  while (Date.now() < deadline && (actual[0] !== expected[0] || actual[1] !== expected[1])) {
    await page.waitForTimeout(100);
    actual = await ledgerRow(page, partyId);
  }
  assert.deepEqual(actual, expected, `ledger of ${partyId} (gives, gets)`);
}

void describe('clauses, counterparts and the ledger in the browser', () => {
  const suite = browserSuite();
  let workspace: Workspace;
  let corporation = '';
  let municipality = '';
  let documentPath = '';
  let documentId = '';
  /** The clause Carla inserts, once the export has named it. */
  let clauseId = '';
  /** Carla negotiates for the corporation, Bram for the municipality, Olaf only observes. */
  let carla: Page;
  let bram: Page;
  let olaf: Page;

  const newPage = (): Promise<Page> => suite.newPage();

  const apiFor = (page: Page): Api => suite.api(page);

  async function openDocument(page: Page): Promise<void> {
    await page.goto(`${suite.server.url}${documentPath}`);
    await editorOf(page).waitFor();
    await waitForStatus(page, 'saved');
  }

  before(async () => {
    const facilitator = apiFor(await newPage());
    await facilitator.register('Anna Procesbegeleider');
    workspace = await facilitator.createWorkspace('Prestatieafspraken Clausestad (e2e)');
    const byKind = (kind: string) => workspace.parties.find((p) => p.kind === kind)?.id ?? '';
    corporation = byKind('corporation');
    municipality = byKind('municipality');
    assert.ok(corporation !== '' && municipality !== '', 'default parties');
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    assert.ok(agreement);
    documentId = agreement.id;
    documentPath = `/w/${workspace.id}/d/${agreement.id}`;

    carla = await newPage();
    bram = await newPage();
    olaf = await newPage();
    const join = async (page: Page, name: string, role: Parameters<Api['invite']>[1]) => {
      const api = apiFor(page);
      await api.register(name);
      await api.accept(await facilitator.invite(workspace.id, role));
    };
    await join(carla, 'Carla Corporatie', { role: 'negotiator', partyId: corporation });
    await join(bram, 'Bram Gemeente', { role: 'negotiator', partyId: municipality });
    await join(olaf, 'Olaf Waarnemer', { role: 'observer' });
  });

  void it('the corporation inserts a clause and picks its owner by keyboard only', async () => {
    await openDocument(carla);
    await openDocument(bram);
    assert.equal(await clauses(carla).count(), 0, 'the template has no clauses');
    await panelOf(carla).getByRole('button', { name: 'Beschikbaarheid: 0 afspraken' }).waitFor();

    // The toolbar button names its shortcut for everyone.
    const insert = carla.getByRole('button', { name: 'Nieuwe afspraak' });
    assert.equal(await insert.getAttribute('aria-keyshortcuts'), 'Control+Alt+K');

    // Focus the text as Tab would, then: shortcut, type, Tab to the owner picker, arrow to the
    // corporation. No mouse.
    // Ctrl+Home puts the cursor in the title: a new clause then goes to the first theme.
    await editorOf(carla).focus();
    await caretToStart(carla);
    await carla.keyboard.press('Control+Alt+k');
    await clauses(carla).first().waitFor();
    assert.equal(await clauses(carla).count(), 1);
    await clauses(carla).getByText('Afspraak B-01').waitFor();
    await carla.keyboard.type(clauseText);
    await carla.keyboard.press('Tab');
    const owner = carla.getByRole('combobox', { name: 'Wie belooft dit Afspraak B-01' });
    assert.ok(
      await owner.evaluate((el) => el === document.activeElement),
      'Tab in the clause text goes to its owner picker',
    );
    await carla.keyboard.press('ArrowDown');
    await carla.locator(`.clause[data-owner="${corporation}"]`).waitFor();
    assert.equal(await owner.inputValue(), corporation);
    await clauses(carla).locator('[data-type="clause-text"]', { hasText: clauseText }).waitFor();

    // The ledger counts the corporation's commitment, and warns that nothing comes back for it.
    await waitForLedger(carla, corporation, [1, 0]);
    await panelOf(carla).getByRole('button', { name: 'Beschikbaarheid: 1 afspraak' }).waitFor();
    const warning = panelOf(carla).getByRole('button', {
      name: 'Afspraak B-01: geen tegenprestatie van een andere partij.',
    });
    await warning.waitFor();

    // Bram sees the clause, its owner's colour and the same ledger, live.
    await bram.locator(`.clause[data-owner="${corporation}"]`, { hasText: clauseText }).waitFor();
    await waitForLedger(bram, corporation, [1, 0]);
    const border = await bram
      .locator('.clause')
      .first()
      .evaluate((el) => getComputedStyle(el).borderLeftColor);
    assert.equal(border, 'rgb(29, 78, 216)', 'the corporation colour (PARTY_COLORS[0])');

    // Activating the warning takes the cursor to the clause and highlights it.
    await warning.focus();
    await carla.keyboard.press('Enter');
    await carla.locator('.clause-node--highlight').waitFor();
    assert.ok(
      await editorOf(carla).evaluate((el) => el.contains(document.activeElement)),
      'focus is in the text',
    );
    await screenshot(carla, 'clauses-01-inserted');
  });

  void it('the municipality adds its counterpart commitment and both ledgers change', async () => {
    const clause = bram.locator('.clause').first();
    await clause
      .getByRole('combobox', { name: 'Partij voor een nieuwe tegenprestatie bij afspraak B-01' })
      .selectOption(municipality);
    await clause.getByRole('button', { name: 'Tegenprestatie toevoegen' }).click();
    await clause.locator('.counterpart').waitFor();
    // The cursor is in the new counterpart's text.
    await bram.keyboard.type(counterpartText);
    await clause
      .getByLabel('Uiterlijke datum van de tegenprestatie bij afspraak B-01')
      .fill('2026-12-15');

    for (const page of [bram, carla]) {
      await page
        .locator(`.counterpart[data-party="${municipality}"]`, { hasText: counterpartText })
        .waitFor();
      await waitForLedger(page, corporation, [1, 1]);
      await waitForLedger(page, municipality, [1, 1]);
      const matrix = panelOf(page).locator('[data-testid="ledger-matrix"]');
      const cell = (giver: number, receiver: string) =>
        matrix.locator('tbody tr').nth(giver).locator(`td[data-receiver="${receiver}"]`);
      assert.equal(await cell(0, municipality).textContent(), '1', 'corporation → municipality');
      assert.equal(await cell(1, corporation).textContent(), '1', 'municipality → corporation');
    }
    assert.equal(
      await panelOf(carla).locator('[data-warning="clause-without-counterpart"]').count(),
      0,
      'the clause is reciprocal now',
    );
    await waitForStatus(bram, 'saved');
    await screenshot(bram, 'clauses-02-counterpart');
  });

  void it('the JSON export shows owner, counterpart and text', async () => {
    await waitForStatus(carla, 'saved');
    const response = await carla
      .context()
      .request.get(
        `${suite.server.url}/api/workspaces/${workspace.id}/documents/${documentId}/export?format=json`,
      );
    assert.equal(response.status(), 200);
    const exported = (await response.json()) as {
      clauses: {
        id: string;
        number: string;
        owner: string | null;
        text: string;
        counterparts: { party: string | null; commitment: string; due?: string }[];
      }[];
    };
    assert.equal(exported.clauses.length, 1);
    const [clause] = exported.clauses;
    assert.ok(clause);
    assert.equal(clause.number, 'B-01');
    assert.equal(clause.owner, corporation);
    assert.equal(clause.text, clauseText);
    assert.deepEqual(clause.counterparts, [
      { party: municipality, commitment: counterpartText, due: '2026-12-15' },
    ]);
    clauseId = clause.id;
  });

  void it('a link to a clause (?clause=) opens the document at that clause, highlighted', async () => {
    assert.ok(clauseId !== '');
    // A second tab of Carla's, as when she follows a link from "waiting on you".
    const tab = await carla.context().newPage();
    try {
      await tab.goto(`${suite.server.url}${documentPath}?clause=${encodeURIComponent(clauseId)}`);
      await tab.locator('.clause-node--highlight', { hasText: clauseText }).waitFor();
      assert.ok(
        await editorOf(tab).evaluate((el) => {
          const at = document.getSelection()?.anchorNode;
          return (
            at !== null &&
            at !== undefined &&
            el.contains(at) &&
            el.contains(document.activeElement)
          );
        }),
        'the cursor is in the linked clause',
      );
    } finally {
      await tab.close();
    }
  });

  void it('an edit made offline reaches the other user after reconnecting', async () => {
    await bram.context().setOffline(true);
    // Chromium's offline mode silences an open WebSocket without closing it, so the page could
    // not know for ~30 s. Leaving the document and coming back makes it open a new connection,
    // which fails for real: the document comes from IndexedDB and the status says offline.
    await bram.getByRole('link', { name: /Terug naar Prestatieafspraken Clausestad/ }).click();
    await editorOf(bram).waitFor({ state: 'detached' });
    await bram.goBack();
    await editorOf(bram).waitFor();
    await waitForStatus(bram, 'offline');
    const text = bram.locator('.counterpart .counterpart__text p').first();
    await text.click();
    await bram.keyboard.press('End');
    await settled(bram);
    await bram.keyboard.type(offlineText);
    await waitForStatus(bram, 'offline-unsaved');
    await screenshot(bram, 'clauses-03-offline');
    // Nothing can have reached Carla yet.
    assert.equal(await carla.getByText(offlineText.trim()).count(), 0);
    await bram.context().setOffline(false);
    await waitForStatus(bram, 'saved');
    await carla.locator('.counterpart', { hasText: `${counterpartText}${offlineText}` }).waitFor();
  });

  void it('the / menu inserts a clause in the section', async () => {
    const paragraph = carla.locator('.clause [data-type="clause-text"] p').first();
    await paragraph.click();
    await carla.keyboard.press('End');
    await settled(carla);
    await carla.keyboard.press('Enter');
    await carla.keyboard.type('/');
    const menu = carla.getByRole('listbox', { name: 'Invoegen' });
    await menu.waitFor();
    await menu.getByRole('option', { name: 'Nieuwe afspraak', selected: true }).waitFor();
    await screenshot(carla, 'clauses-04-slash-menu');
    await carla.keyboard.press('Enter');
    await clauses(carla).nth(1).waitFor();
    await menu.waitFor({ state: 'detached' });
    await clauses(carla).nth(1).getByText('Afspraak B-02').waitFor();
    // The "/" and its empty paragraph are gone from the first clause.
    assert.equal(await clauses(carla).first().locator('[data-type="clause-text"] p').count(), 1);
    await carla.keyboard.type('Tweede afspraak.');
    await panelOf(bram).getByRole('button', { name: 'Beschikbaarheid: 2 afspraken' }).waitFor();
  });

  void it('observers see clauses and ledger but cannot change them', async () => {
    await openDocument(olaf);
    await olaf.locator(`.clause[data-owner="${corporation}"]`, { hasText: clauseText }).waitFor();
    await waitForLedger(olaf, municipality, [1, 1]);
    assert.equal(await olaf.getByRole('button', { name: 'Nieuwe afspraak' }).count(), 0);
    assert.equal(await olaf.getByRole('button', { name: 'Tegenprestatie toevoegen' }).count(), 0);
    const pickers = olaf.locator('.clause select, .counterpart select, .counterpart input');
    assert.ok((await pickers.count()) >= 4);
    for (const picker of await pickers.all()) assert.ok(await picker.isDisabled());
    assert.equal(await editorOf(olaf).getAttribute('contenteditable'), 'false');
  });

  void it('the editor page with clauses has no axe violations', async () => {
    await waitForStatus(carla, 'saved');
    await assertNoAxeViolations(carla, 'the editor with clauses');
    await screenshot(carla, 'clauses-05-editor');
    // The panel folds away and comes back, by keyboard.
    await panelOf(carla).getByRole('button', { name: 'Overzicht verbergen' }).focus();
    await carla.keyboard.press('Enter');
    const show = panelOf(carla).getByRole('button', { name: 'Overzicht tonen' });
    assert.equal(await show.getAttribute('aria-expanded'), 'false');
    assert.equal(await panelOf(carla).getByRole('table').count(), 0);
    assert.ok(await show.evaluate((el) => el === document.activeElement), 'focus stays');
    await carla.keyboard.press('Enter');
    await panelOf(carla).getByRole('table').first().waitFor();
    await assertNoAxeViolations(olaf, 'the editor for observers');
    await screenshot(olaf, 'clauses-06-observer');
  });
});
