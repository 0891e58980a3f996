import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Api, type Workspace } from './harness/api';
import { browserSuite } from './harness/browserSuite';
import { caretToStart, settled } from './harness/editor';
import { assertNoAxeViolations, screenshot } from './harness/pages';

// Issue 5, between meetings: while Carla (corporation) is away, Bram (municipality) comments on
// her clause through the REST API, mentioning her, and adds words to the clause in the editor.
// Tess (tenants) writes in her party's notes and opens an internal thread. Carla comes back:
// the header counts the notification, the inbox lists it, the permalink opens the document,
// "since your last visit" shows Bram's words and one new discussion; nothing of the tenants'
// internal notes reaches her. Party notes open beside the agreement for negotiators.

const documentTitle = 'Prestatieafspraken';
const clauseText = 'De corporatie bouwt 120 sociale huurwoningen.';
const bramAddition = ' In Noord, vanaf 2027.';
const question = 'Kunt u aangeven waar deze woningen komen?';
const tenantsNote = 'Intern huurders: wij eisen 150 woningen.';
const tenantsThread = 'Intern huurders: niet akkoord gaan onder de 150.';

function editorOf(page: Page, title = documentTitle) {
  return page.getByRole('textbox', { name: `Tekst van ${title}`, exact: true });
}

async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[role="status"][data-status="saved"]').first().waitFor();
}

void describe('between meetings: inbox, since your last visit, party notes', () => {
  const suite = browserSuite();
  let workspace: Workspace;
  let documentPath = '';
  let agreementId = '';
  let clauseId = '';
  let carla: Page;
  let bram: Page;
  let tess: Page;
  let anna: Page;
  const tokens: Record<string, string> = {};
  let carlaId = '';

  const newPage = (): Promise<Page> => suite.newPage();

  const apiFor = (page: Page): Api => suite.api(page);

  async function post(who: string, path: string, data: unknown): Promise<unknown> {
    const page = who === 'bram' ? bram : tess;
    const response = await page.request.post(`${suite.server.url}/api${path}`, {
      data,
      headers: { Authorization: `Bearer ${tokens[who]}` },
    });
    assert.ok(response.ok(), `${path}: ${response.status()} ${await response.text()}`);
    return response.json();
  }

  async function openDocument(page: Page, path = documentPath): Promise<void> {
    await page.goto(`${suite.server.url}${path}`);
    await editorOf(page).waitFor();
    await waitForSaved(page);
  }

  before(async () => {
    anna = await newPage();
    const facilitator = apiFor(anna);
    await facilitator.register('Anna Procesbegeleider');
    workspace = await facilitator.createWorkspace('Prestatieafspraken Tussenstad (e2e)');
    const byKind = (kind: string) => workspace.parties.find((p) => p.kind === kind)?.id ?? '';
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    assert.ok(agreement);
    agreementId = agreement.id;
    documentPath = `/w/${workspace.id}/d/${agreement.id}`;
    carla = await newPage();
    bram = await newPage();
    tess = await newPage();
    const join = async (page: Page, key: string, name: string, partyId: string) => {
      const api = apiFor(page);
      const account = await api.register(name);
      tokens[key] = account.token;
      await api.accept(await facilitator.invite(workspace.id, { role: 'negotiator', partyId }));
      return account.user.id;
    };
    carlaId = await join(carla, 'carla', 'Carla Corporatie', byKind('corporation'));
    await join(bram, 'bram', 'Bram Gemeente', byKind('municipality'));
    await join(tess, 'tess', 'Tess Huurders', byKind('tenants'));
  });

  void it('Carla writes a clause, marks the document as seen and leaves', async () => {
    await openDocument(carla);
    const panel = carla.getByRole('region', { name: 'Sinds uw laatste bezoek' });
    // First visit: nothing is new, and the page marks it as seen by itself.
    await panel.getByText(/eerste bezoek/).waitFor();
    await editorOf(carla).focus();
    await caretToStart(carla);
    await carla.keyboard.press('Control+Alt+k');
    await editorOf(carla).locator('.clause').first().waitFor();
    await carla.keyboard.type(clauseText);
    await waitForSaved(carla);
    // Her own clause is news against the first visit; she marks it as seen.
    await carla.reload();
    await panel.getByText('1 afspraak toegevoegd', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Markeer als gezien' }).click();
    await panel.getByText(/Gemarkeerd als gezien/).waitFor();
    await panel.getByText(/Niets nieuw sinds uw laatste bezoek/).waitFor();
    clauseId = await editorOf(carla).evaluate((root) => {
      type Node = { type: { name: string }; attrs: Record<string, unknown> };
      type Tiptap = { state: { doc: { descendants(f: (n: Node) => boolean | void): void } } };
      const editor = (root as HTMLElement & { editor?: Tiptap }).editor;
      let id = '';
      editor?.state.doc.descendants((node) => {
        if (id === '' && node.type.name === 'clause') id = String(node.attrs.id);
        return id === '';
      });
      return id;
    });
    assert.ok(clauseId !== '', 'the clause has an id');
    await carla.goto('about:blank');
  });

  void it('while she is away: Bram comments and edits, the tenants write internally', async () => {
    await post('bram', `/workspaces/${workspace.id}/documents/${agreementId}/threads`, {
      visibility: 'shared',
      clauseId,
      body: `@Carla Corporatie ${question}`,
      mentions: [carlaId],
    });
    await openDocument(bram);
    const text = bram.locator('.clause [data-type="clause-text"] p', { hasText: clauseText });
    await text.click();
    await settled(bram);
    await bram.keyboard.press('End');
    await settled(bram);
    await bram.keyboard.type(bramAddition);
    await waitForSaved(bram);

    const notes = workspace.documents.find(
      (d) =>
        d.kind === 'party-notes' &&
        d.partyId === workspace.parties.find((p) => p.kind === 'tenants')?.id,
    );
    assert.ok(notes);
    await openDocument(tess, `/w/${workspace.id}/d/${notes.id}`).catch(async () => {
      await tess.goto(`${suite.server.url}/w/${workspace.id}/d/${notes.id}`);
    });
    const notesEditor = tess.getByRole('textbox', {
      name: `Tekst van ${notes.title}`,
      exact: true,
    });
    await notesEditor.click();
    await tess.keyboard.press('Control+End');
    await settled(tess);
    await tess.keyboard.press('Enter');
    await tess.keyboard.type(tenantsNote);
    await waitForSaved(tess);
    await post('tess', `/workspaces/${workspace.id}/documents/${agreementId}/threads`, {
      visibility: 'party',
      clauseId,
      body: tenantsThread,
    });
  });

  void it('Carla comes back: header count, inbox, permalink, since your last visit', async () => {
    await carla.goto(`${suite.server.url}/w/${workspace.id}`);
    // The count is visually hidden text in the link ("Meldingen, 1 ongelezen"); Playwright puts a
    // space before the comma where screen readers join it.
    const inboxLink = carla.getByRole('link', { name: /^Meldingen ?, 1 ongelezen$/ });
    await inboxLink.waitFor();
    const waiting = carla.getByRole('region', { name: 'Wacht op u' });
    await waiting
      .getByText('Woonstede', { exact: false })
      .or(waiting.getByText('(uw partij)'))
      .first()
      .waitFor();
    await waiting.getByRole('link', { name: /Discussie bij afspraak B-01/ }).waitFor();
    await screenshot(carla, 'between-01-workspace');
    await assertNoAxeViolations(carla, 'the workspace page with "waiting on you"');

    await inboxLink.click();
    const list = carla.getByRole('list', { name: 'Meldingen, nieuwste eerst' });
    const item = list.getByRole('listitem').filter({ hasText: 'Bram Gemeente noemde u' });
    await item.waitFor();
    await item.getByText(question, { exact: false }).waitFor();
    await carla.getByRole('group', { name: 'Hoe vaak wilt u e-mail?' }).waitFor();
    assert.equal(await carla.getByText(tenantsThread).count(), 0);
    await screenshot(carla, 'between-02-inbox');
    await assertNoAxeViolations(carla, 'the inbox');

    await item.getByRole('link', { name: /^Openen: .* bij deze melding/ }).click();
    await carla.waitForURL(/\?thread=/);
    await editorOf(carla).waitFor();
    const panel = carla.getByRole('region', { name: 'Sinds uw laatste bezoek' });
    await panel.getByText(/1 afspraak gewijzigd/).waitFor();
    await panel.getByText(/1 nieuwe discussie/).waitFor();
    const inserted = panel.locator('ins');
    await inserted.first().waitFor();
    assert.match((await inserted.allTextContents()).join(''), /In Noord/);
    // Opening the notification read it: the header says so.
    await carla.getByRole('link', { name: 'Meldingen', exact: true }).waitFor();
    await waitForSaved(carla);
    await screenshot(carla, 'between-03-document-changes');
    await assertNoAxeViolations(carla, 'the document page with the changes panel');

    await panel.getByRole('button', { name: 'Markeer als gezien' }).click();
    await panel.getByText(/Gemarkeerd als gezien/).waitFor();
    await panel.getByText(/Niets nieuw sinds uw laatste bezoek/).waitFor();

    // Nothing of the tenants' internal notes or thread anywhere on her page.
    const body = await carla.evaluate(() => document.body.innerText);
    assert.ok(!body.includes(tenantsNote));
    assert.ok(!body.includes(tenantsThread));
  });

  void it('party notes open beside the agreement, for her own party only', async () => {
    const toggle = carla.getByRole('button', { name: 'Partijnotities ernaast' });
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    const pane = carla.locator('.notes-pane');
    await pane
      .getByRole('textbox')
      .waitFor()
      .catch(async (e: unknown) => {
        await screenshot(carla, 'between-debug');
        console.log(
          'DEBUG',
          await carla
            .locator('main')
            .innerHTML()
            .then((h) => h.slice(-3000)),
        );
        throw e;
      });
    await pane.getByRole('textbox').click();
    await carla.keyboard.press('Control+End');
    await settled(carla);
    await carla.keyboard.type(' Notitie Carla.');
    await pane.getByText('Notitie Carla.', { exact: false }).waitFor();
    const body = await carla.evaluate(() => document.body.innerText);
    assert.ok(!body.includes(tenantsNote));
    await screenshot(carla, 'between-04-notes-beside');
    await assertNoAxeViolations(carla, 'the agreement with party notes beside it');

    // The facilitator has no party notes: no toggle for her.
    await openDocument(anna);
    await anna.getByRole('region', { name: 'Sinds uw laatste bezoek' }).waitFor();
    assert.equal(await anna.getByRole('button', { name: 'Partijnotities ernaast' }).count(), 0);
  });
});
