import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { Api, type Workspace } from './harness/api';
import { browserSuite } from './harness/browserSuite';
import { caretToStart, settled } from './harness/editor';
import { assertNoAxeViolations, screenshot } from './harness/pages';
import { waitForSaveStatus } from './harness/testPages';

// Issue 5, comment threads in the editor: the municipality comments on a clause the corporation
// wrote and mentions its author; the corporation sees it live (with a count on the clause),
// replies and resolves. A tenants' negotiator's internal thread never reaches the corporation.
// A permalink opens a thread; the panel passes axe.

const documentTitle = 'Prestatieafspraken';
const clauseText = 'De corporatie bouwt 120 sociale huurwoningen.';
const question = 'Waar komen deze woningen, en wanneer?';
const answer = 'In Noord, oplevering in 2027.';
const internalNote = 'Intern: wij willen hier 150 woningen eisen.';
const secondQuestion = 'Geldt dit ook voor middenhuur?';

function editorOf(page: Page) {
  return page.getByRole('textbox', { name: `Tekst van ${documentTitle}`, exact: true });
}

function threadsOf(page: Page): Locator {
  return page.getByRole('region', { name: 'Reacties' });
}

function threadWith(page: Page, text: string): Locator {
  return page.locator('article.thread', { hasText: text });
}

const waitForStatus = waitForSaveStatus;

void describe('comment threads in the browser', () => {
  const suite = browserSuite();
  let workspace: Workspace;
  let documentPath = '';
  let threadId = '';
  /** The clause's number, e.g. "B-01" (where Ctrl+Home put the cursor decides the theme). */
  let clauseNumber = '';
  let carla: Page;
  let bram: Page;
  let tess: Page;

  const newPage = (): Promise<Page> => suite.newPage();

  const apiFor = (page: Page): Api => suite.api(page);

  async function openDocument(page: Page, search = ''): Promise<void> {
    await page.goto(`${suite.server.url}${documentPath}${search}`);
    await editorOf(page).waitFor();
    await waitForStatus(page, 'saved');
  }

  before(async () => {
    const facilitator = apiFor(await newPage());
    await facilitator.register('Anna Procesbegeleider');
    workspace = await facilitator.createWorkspace('Prestatieafspraken Reactiestad (e2e)');
    const byKind = (kind: string) => workspace.parties.find((p) => p.kind === kind)?.id ?? '';
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    assert.ok(agreement);
    documentPath = `/w/${workspace.id}/d/${agreement.id}`;
    carla = await newPage();
    bram = await newPage();
    tess = await newPage();
    const join = async (page: Page, name: string, partyId: string) => {
      const api = apiFor(page);
      await api.register(name);
      await api.accept(await facilitator.invite(workspace.id, { role: 'negotiator', partyId }));
    };
    await join(carla, 'Carla Corporatie', byKind('corporation'));
    await join(bram, 'Bram Gemeente', byKind('municipality'));
    await join(tess, 'Tess Huurders', byKind('tenants'));
  });

  void it('Bram comments on Carla’s clause; Carla sees it live, replies and resolves', async () => {
    await openDocument(carla);
    await openDocument(bram);
    // Carla writes a clause.
    await editorOf(carla).focus();
    await caretToStart(carla);
    await carla.keyboard.press('Control+Alt+k');
    await editorOf(carla).locator('.clause').first().waitFor();
    await carla.keyboard.type(clauseText);
    const label = await editorOf(carla).locator('.clause__number').first().textContent();
    clauseNumber = (label ?? '').replace('Afspraak ', '');
    assert.match(clauseNumber, /^[A-Z]-01$/);
    await threadsOf(carla).getByText('Geen reacties die hierbij passen.').waitFor();

    // Bram selects the clause's text and comments on it, mentioning Carla.
    const text = bram.locator('.clause [data-type="clause-text"] p', { hasText: clauseText });
    await text.click();
    await settled(bram);
    await bram.keyboard.press('End');
    await settled(bram);
    await bram.keyboard.press('Shift+Home');
    await settled(bram);
    await threadsOf(bram).getByRole('button', { name: 'Reageren' }).click();
    const form = threadsOf(bram).getByRole('form', { name: 'Nieuwe reactie' });
    await form.getByText(`Over de geselecteerde tekst: “${clauseText}”`).waitFor();
    await form.getByLabel('Uw reactie').fill(question);
    await form.getByRole('checkbox', { name: /Carla Corporatie/ }).check();
    // Shared by default; the internal choice names his party.
    assert.ok(await form.getByRole('radio', { name: /Gedeeld/ }).isChecked());
    await form.getByRole('radio', { name: /Intern: alleen Gemeente/ }).waitFor();
    await form.getByRole('button', { name: 'Plaatsen' }).click();
    const bramThread = threadWith(bram, question);
    await bramThread.waitFor();
    threadId = (await bramThread.getAttribute('data-thread-id')) ?? '';
    assert.ok(threadId !== '');
    await bramThread.getByText('Gedeeld', { exact: true }).waitFor();
    await bramThread.locator('blockquote', { hasText: clauseText }).waitFor();

    // Carla: the count on her clause and the thread in her panel, live.
    const badge = carla.getByRole('button', {
      name: `1 open reactie bij afspraak ${clauseNumber}`,
    });
    await badge.waitFor();
    assert.equal((await badge.textContent())?.trim(), '1 open reactie');
    const carlaThread = threadWith(carla, question);
    await carlaThread.waitFor();
    await carlaThread.getByText('Bram Gemeente').waitFor();
    // The commented text is tinted in her editor.
    await editorOf(carla).locator(`.thread-mark[data-thread-id="${threadId}"]`).waitFor();
    assert.equal(await editorOf(carla).locator('.thread-mark').first().textContent(), clauseText);
    await screenshot(carla, 'comments-01-live');

    // The badge filters the panel to the clause.
    await badge.click();
    await threadsOf(carla).getByText(`Alleen afspraak ${clauseNumber}`).waitFor();
    assert.ok(
      await threadsOf(carla)
        .getByRole('heading', { name: 'Reacties' })
        .evaluate((el) => el === document.activeElement),
      'the badge takes focus to the threads',
    );

    // Carla replies and resolves.
    await carlaThread.getByLabel('Antwoord').fill(answer);
    await carlaThread.getByRole('button', { name: 'Antwoorden' }).click();
    await carlaThread.getByText(answer).waitFor();
    await threadWith(bram, answer).waitFor();
    await carlaThread.getByRole('button', { name: 'Afhandelen' }).click();
    await badge.waitFor({ state: 'detached' });
    await editorOf(carla).locator('.thread-mark').waitFor({ state: 'detached' });
    // Resolved threads leave the "open" filter, for Bram too (live).
    await threadWith(bram, question).waitFor({ state: 'detached' });
    await bram.getByRole('button', { name: /open reactie/ }).waitFor({ state: 'detached' });
    await threadsOf(bram).getByLabel('Toon').selectOption('resolved');
    await threadWith(bram, question).locator('[data-status="resolved"]').first().waitFor();
    await threadsOf(bram).getByLabel('Toon').selectOption('open');
  });

  void it('an internal thread of the tenants never reaches the corporation', async () => {
    await openDocument(tess);
    // Cursor in the clause, nothing selected: the thread is about the clause.
    const text = tess.locator('.clause [data-type="clause-text"] p', { hasText: clauseText });
    await text.click();
    await settled(tess);
    // By keyboard: the shortcut the Reageren button names, from the text.
    const start = threadsOf(tess).getByRole('button', { name: 'Reageren' });
    assert.equal(await start.getAttribute('aria-keyshortcuts'), 'Control+Alt+M');
    await tess.keyboard.press('Control+Alt+m');
    const form = threadsOf(tess).getByRole('form', { name: 'Nieuwe reactie' });
    await form.getByText(`Over afspraak ${clauseNumber}`).waitFor();
    assert.ok(
      await form.getByLabel('Uw reactie').evaluate((el) => el === document.activeElement),
      'the shortcut puts the cursor in the new comment',
    );
    await form.getByLabel('Uw reactie').fill(internalNote);
    await form.getByRole('radio', { name: /Intern: alleen Huurdersorganisatie/ }).check();
    // Only her own party's negotiators could be mentioned: nobody else here.
    await form.getByText('Er is niemand anders die deze reactie kan zien.').waitFor();
    await form.getByRole('button', { name: 'Plaatsen' }).click();
    const tessThread = threadWith(tess, internalNote);
    await tessThread.waitFor();
    await tessThread.getByText('Intern: alleen Huurdersorganisatie').waitFor();
    await tess
      .getByRole('button', { name: `1 open reactie bij afspraak ${clauseNumber}` })
      .waitFor();

    // Bram then asks something shared; once Carla has that, she would have had the other too.
    const clause = bram.locator('.clause [data-type="clause-text"] p', { hasText: clauseText });
    await clause.click();
    await settled(bram);
    await threadsOf(bram).getByRole('button', { name: 'Reageren' }).click();
    const form2 = threadsOf(bram).getByRole('form', { name: 'Nieuwe reactie' });
    await form2.getByLabel('Uw reactie').fill(secondQuestion);
    await form2.getByRole('button', { name: 'Plaatsen' }).click();
    await threadWith(carla, secondQuestion).waitFor();
    await tess
      .getByRole('button', { name: `2 open reacties bij afspraak ${clauseNumber}` })
      .waitFor();

    const badge = carla.getByRole('button', { name: /open reactie/ });
    assert.equal(
      await badge.getAttribute('aria-label'),
      `1 open reactie bij afspraak ${clauseNumber}`,
    );
    for (const filter of ['open', 'all', 'internal']) {
      await threadsOf(carla).getByLabel('Toon').selectOption(filter);
      assert.equal(await carla.getByText(internalNote).count(), 0, `filter ${filter}`);
    }
    assert.equal(
      await carla.evaluate((note) => document.body.innerText.includes(note), internalNote),
      false,
    );
    await threadsOf(carla).getByLabel('Toon').selectOption('open');
    await screenshot(tess, 'comments-02-internal');
  });

  void it('a permalink opens and focuses the thread; the panel passes axe', async () => {
    await openDocument(carla, `?thread=${threadId}`);
    const article = carla.locator(`article[data-thread-id="${threadId}"]`);
    await article.waitFor();
    await carla.waitForFunction(
      (id) => (document.activeElement as HTMLElement | null)?.dataset.threadId === id,
      threadId,
    );
    await article.getByText(answer).waitFor();
    await article.getByText('Afgehandeld', { exact: true }).waitFor();
    // The copy-link button names what it copies and reports success.
    await carla.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await article.getByRole('button', { name: 'Link kopiëren' }).click();
    await article.getByText('Link gekopieerd.').waitFor();
    await screenshot(carla, 'comments-03-permalink');
    await assertNoAxeViolations(carla, 'the document with the threads panel (permalink)');

    // The new-thread form too.
    const text = carla.locator('.clause [data-type="clause-text"] p', { hasText: clauseText });
    await text.click();
    await settled(carla);
    await threadsOf(carla).getByRole('button', { name: 'Reageren' }).click();
    await threadsOf(carla).getByRole('form', { name: 'Nieuwe reactie' }).waitFor();
    await assertNoAxeViolations(carla, 'the new-thread form');
    await screenshot(carla, 'comments-04-form');
    await threadsOf(carla).getByRole('button', { name: 'Annuleren' }).click();
  });

  void it('a thread whose text is deleted is detached and keeps its quote', async () => {
    const detachQuote = 'Tijdelijke zin.';
    const text = carla.locator('.clause [data-type="clause-text"] p', { hasText: clauseText });
    await text.click();
    await settled(carla);
    await carla.keyboard.press('End');
    await settled(carla);
    await carla.keyboard.press('Enter');
    await carla.keyboard.type(detachQuote);
    await carla.keyboard.press('Shift+Home');
    await settled(carla);
    await threadsOf(carla).getByRole('button', { name: 'Reageren' }).click();
    const form = threadsOf(carla).getByRole('form', { name: 'Nieuwe reactie' });
    await form.getByText(`Over de geselecteerde tekst: “${detachQuote}”`).waitFor();
    await form.getByLabel('Uw reactie').fill('Deze zin gaat weg.');
    await form.getByRole('button', { name: 'Plaatsen' }).click();
    const thread = threadWith(carla, 'Deze zin gaat weg.');
    await thread.waitFor();
    assert.equal(await thread.getByText(/Losgeraakt/).count(), 0);

    // Bram deletes the sentence; Carla's thread says it is detached, with the quote.
    const line = bram.locator('.clause [data-type="clause-text"] p', { hasText: detachQuote });
    await line.click();
    await settled(bram);
    await bram.keyboard.press('End');
    await settled(bram);
    await bram.keyboard.press('Shift+Home');
    await settled(bram);
    await bram.keyboard.press('Backspace');
    await bram.keyboard.press('Backspace');
    await thread.getByText(/Losgeraakt/).waitFor();
    await thread.locator('blockquote', { hasText: detachQuote }).waitFor();
    assert.equal(await thread.getByRole('button', { name: 'Naar de tekst' }).count(), 0);
    await screenshot(carla, 'comments-05-detached');
  });
});
