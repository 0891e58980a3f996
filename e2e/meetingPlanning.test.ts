import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { Workspace } from './harness/api';
import { browserSuite } from './harness/browserSuite';
import { assertNoAxeViolations, screenshot } from './harness/pages';

// Planning a meeting is rarely right the first time: Anna (facilitator) plans one, then edits
// it — renames it, adds an agenda item and moves it to the top with the keyboard — and the
// list shows the change. She also corrects the scope tag of a parked topic.

interface MeetingAnswer {
  meetings: { title: string; items: { title: string; timeboxMinutes: number }[] }[];
}

void describe('meeting planning: edit a planned meeting and a parked topic', () => {
  const suite = browserSuite();
  let anna: Page;
  let workspace: Workspace;

  before(async () => {
    anna = await suite.newPage();
    const api = suite.api(anna);
    await api.register('Anna Procesbegeleider');
    workspace = await api.createWorkspace('Prestatieafspraken Westdorp (e2e)');
  });

  /** The agenda items' titles in the edit form, in their order on screen. */
  async function draftTitles(form: Locator): Promise<string[]> {
    return form
      .getByLabel(/^Agendapunt \d+: titel$/)
      .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
  }

  void it('the facilitator edits a planned meeting and a parked topic; the lists show it', async () => {
    await anna.goto(suite.url(`/w/${workspace.id}/vergaderingen`));
    const plan = anna.getByRole('region', { name: 'Vergadering plannen' });
    await plan.getByLabel('Titel van de vergadering').fill('Overleg december');
    await plan.getByLabel('Datum en tijd').fill('2026-12-01T19:30');
    await plan.getByLabel('Agendapunt 1: titel').fill('Opening');
    await plan.getByLabel('Agendapunt 1: minuten').fill('5');
    await plan.getByRole('button', { name: 'Agendapunt toevoegen' }).click();
    await plan.getByLabel('Agendapunt 2: titel').fill('Huurbeleid');
    await plan.getByLabel('Agendapunt 2: minuten').fill('20');
    await plan.getByRole('button', { name: 'Vergadering plannen' }).click();
    await anna.getByText('Vergadering gepland: Overleg december').waitFor();

    await anna.getByRole('button', { name: 'Vergadering bewerken: Overleg december' }).click();
    const dialog = anna.getByRole('dialog', { name: 'Vergadering bewerken: Overleg december' });
    const title = dialog.getByLabel('Titel van de vergadering');
    assert.equal(await title.inputValue(), 'Overleg december');
    assert.deepEqual(await draftTitles(dialog), ['Opening', 'Huurbeleid']);
    await title.fill('Overleg december (verzet)');
    await dialog.getByRole('button', { name: 'Agendapunt toevoegen' }).click();
    await dialog.getByLabel('Agendapunt 3: titel').fill('Mededelingen');
    await dialog.getByLabel('Agendapunt 3: minuten').fill('10');
    // To the top by keyboard: focus stays on the moved item's "up" button after each press.
    await dialog.getByRole('button', { name: 'Agendapunt 3 omhoog' }).focus();
    await anna.keyboard.press('Enter');
    await anna.keyboard.press('Enter');
    assert.deepEqual(await draftTitles(dialog), ['Mededelingen', 'Opening', 'Huurbeleid']);
    assert.equal(
      await anna.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Agendapunt 1 omhoog',
    );
    await dialog.getByText('Het agendapunt staat nu op plek 1 van 3.').waitFor();
    await screenshot(anna, 'meetingPlanning-01-edit');
    await assertNoAxeViolations(anna, 'the edit dialog of a planned meeting');
    await dialog.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });

    await anna.getByText('Vergadering opgeslagen: Overleg december (verzet)').waitFor();
    const card = anna.getByTestId('meeting-list').getByRole('listitem').first();
    await card.getByRole('heading', { name: 'Overleg december (verzet)' }).waitFor();
    await card.getByText('3 agendapunten, 35 minuten').waitFor();
    const answer = await anna.request.get(suite.url(`/api/workspaces/${workspace.id}/meetings`));
    const { meetings } = (await answer.json()) as MeetingAnswer;
    assert.deepEqual(
      meetings[0]?.items.map((item) => item.title),
      ['Mededelingen', 'Opening', 'Huurbeleid'],
    );

    // A parked topic gets its scope tag corrected.
    const parking = anna.getByRole('region', { name: 'Parkeerplaats' });
    await parking.getByLabel('Onderwerp').fill('Parkeernormen nieuwbouw');
    await parking.getByRole('button', { name: 'Op de parkeerplaats zetten' }).click();
    const topic = parking.getByRole('listitem').filter({ hasText: 'Parkeernormen nieuwbouw' });
    await topic.getByText('Onduidelijk').waitFor();
    await topic.getByRole('button', { name: 'Bewerken: Parkeernormen nieuwbouw' }).click();
    const edit = anna.getByRole('dialog', { name: 'Onderwerp bewerken: Parkeernormen nieuwbouw' });
    await edit.getByLabel('Hoort het bij de afspraken?').selectOption({ label: 'Buiten scope' });
    await edit.getByLabel('Thema (niet verplicht)').selectOption({ label: 'Leefbaarheid' });
    await screenshot(anna, 'meetingPlanning-02-parking-edit');
    await assertNoAxeViolations(anna, 'the edit dialog of a parked topic');
    await edit.getByRole('button', { name: 'Opslaan' }).click();
    await edit.waitFor({ state: 'detached' });
    await topic.getByText('Buiten scope').waitFor();
    await topic.getByText('Leefbaarheid').waitFor();
    await screenshot(anna, 'meetingPlanning-03-after');
  });
});
