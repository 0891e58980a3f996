import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { Workspace } from './harness/api';
import { browserSuite } from './harness/browserSuite';
import { settled } from './harness/editor';
import { assertNoAxeViolations, screenshot } from './harness/pages';
import { waitForSaveStatus } from './harness/testPages';

// Issue 6, facilitator mode, with three people in three browsers: Anna (facilitator), Carla
// (the corporation) and Tess (the tenants' organisation). Anna plans and starts a meeting; all
// three see the same agenda bar and timer. The agreement stays read-only for the parties until
// both agreed to the process agreements in a consent round. Anna writes a clause; the others'
// views follow her. A consent round on it: Carla agrees with a reservation, Tess agrees, the
// clause is agreed and locked on every screen, and an edit attempt does not stick. Anna ends
// the meeting; the minutes list the decision with Carla's reason, both parties approve them
// and they lock.

const agreementTitle = 'Prestatieafspraken';
const clauseText = 'De corporatie bouwt 80 sociale huurwoningen in Oost.';
const reservation = 'Alleen als de gemeente de grond op tijd levert.';
const meetingTitle = 'Bestuurlijk overleg 1';
const processClauseText = 'Besluiten nemen we met instemming van alle partijen.';

function editorOf(page: Page, title = agreementTitle): Locator {
  return page.getByRole('textbox', { name: `Tekst van ${title}`, exact: true });
}

/** The clause card holding `text` (locked cards are found by their text, like any other). */
function clauseCard(page: Page): Locator {
  return editorOf(page).locator('.clause', { hasText: clauseText });
}

/** Seconds left on the agenda bar's timer of that page. */
async function secondsLeftOn(page: Page): Promise<number> {
  const value = await page.getByRole('timer').first().getAttribute('data-seconds-left');
  assert.ok(value !== null, 'the timer says how many seconds are left');
  return Number(value);
}

void describe('facilitator mode: meeting, process first, consent round, lock, minutes', () => {
  const suite = browserSuite();
  let workspace: Workspace;
  let anna: Page;
  let carla: Page;
  let tess: Page;
  let agreementPath = '';
  let agreementId = '';
  let meetingId = '';

  const { url } = suite;

  async function openAgreement(page: Page): Promise<void> {
    await page.goto(url(agreementPath));
    await editorOf(page).waitFor();
    await waitForSaveStatus(page, 'saved');
  }

  before(async () => {
    anna = await suite.newPage();
    carla = await suite.newPage();
    tess = await suite.newPage();
    const facilitator = suite.api(anna);
    const account = await facilitator.register('Anna Procesbegeleider');
    // Two parties keep three browsers enough for "every party"; processFirst as the web form sends.
    const created = await anna.request.post(url('/api/workspaces'), {
      data: {
        title: 'Prestatieafspraken Oostdorp (e2e)',
        processFirst: true,
        parties: [
          { name: 'Woonstede', kind: 'corporation' },
          { name: 'Huurdersvereniging Samen', kind: 'tenants' },
        ],
      },
      headers: { Authorization: `Bearer ${account.token}` },
    });
    assert.equal(created.status(), 201, await created.text());
    workspace = ((await created.json()) as { workspace: Workspace }).workspace;
    const agreement = workspace.documents.find((d) => d.kind === 'agreement');
    assert.ok(agreement);
    agreementId = agreement.id;
    agreementPath = `/w/${workspace.id}/d/${agreement.id}`;
    const partyOf = (kind: string) => workspace.parties.find((p) => p.kind === kind)?.id ?? '';
    for (const [page, name, kind] of [
      [carla, 'Carla Corporatie', 'corporation'],
      [tess, 'Tess Huurders', 'tenants'],
    ] as const) {
      const api = suite.api(page);
      await api.register(name);
      await api.accept(
        await facilitator.invite(workspace.id, { role: 'negotiator', partyId: partyOf(kind) }),
      );
    }
  });

  void it('the facilitator plans and starts a meeting; everyone sees the same agenda and timer', async () => {
    await anna.goto(url(`/w/${workspace.id}/vergaderingen`));
    const form = anna.getByRole('region', { name: 'Vergadering plannen' });
    await form.getByLabel('Titel van de vergadering').fill(meetingTitle);
    await form.getByLabel('Datum en tijd').fill('2026-12-01T19:30');
    await form.getByLabel('Agendapunt 1: titel').fill('Procesafspraken vaststellen');
    await form.getByLabel('Agendapunt 1: minuten').fill('30');
    await form.getByRole('button', { name: 'Agendapunt toevoegen' }).click();
    await form.getByLabel('Agendapunt 2: titel').fill('Nieuwbouw');
    await form.getByLabel('Agendapunt 2: minuten').fill('20');
    await screenshot(anna, 'facilitation-01-plan');
    await assertNoAxeViolations(anna, 'the meetings page with the plan form');
    await form.getByRole('button', { name: 'Vergadering plannen' }).click();
    await anna.getByText(`Vergadering gepland: ${meetingTitle}`).waitFor();
    await anna.getByRole('button', { name: `Vergadering starten: ${meetingTitle}` }).click();
    await anna.getByRole('region', { name: 'Huidig agendapunt' }).waitFor();
    meetingId = /vergaderingen\/([^/?#]+)/.exec(anna.url())?.[1] ?? '';
    assert.ok(meetingId !== '', 'the console has the meeting in its address');
    await anna
      .getByRole('region', { name: 'Huidig agendapunt' })
      .getByText('Procesafspraken vaststellen')
      .waitFor();

    for (const page of [carla, tess]) {
      await page.goto(url(`/w/${workspace.id}`));
      const bar = page.getByRole('region', { name: 'Lopende vergadering' });
      await bar.getByText('Nu aan de orde: Procesafspraken vaststellen').waitFor();
    }
    // The timers agree: all three count from the server's clock (a second apart at most).
    const left = await Promise.all([anna, carla, tess].map(secondsLeftOn));
    assert.ok(Math.max(...left) - Math.min(...left) <= 1, `timers agree: ${left.join(', ')}`);
    assert.ok(
      left.every((s) => s > 25 * 60 && s <= 30 * 60),
      `30 minutes box: ${left.join()}`,
    );
    await screenshot(carla, 'facilitation-02-agenda-bar');
    await assertNoAxeViolations(anna, 'the meeting console');
  });

  void it('speaking queue: a raised hand reaches the console, the floor is given and counted; the parking lot is shared', async () => {
    const bar = carla.getByRole('region', { name: 'Lopende vergadering' });
    const hand = bar.getByRole('button', { name: 'Hand opsteken' });
    await hand.click();
    await bar.getByText('Uw hand is opgestoken (plek 1).').waitFor();
    assert.equal(await hand.getAttribute('aria-pressed'), 'true');

    const queue = anna.getByRole('region', { name: 'Sprekerslijst' });
    await queue.getByRole('button', { name: 'Het woord geven aan Carla Corporatie' }).waitFor();
    await queue.getByRole('button', { name: 'Het woord geven aan de volgende' }).click();
    await bar.getByText('U heeft het woord.').waitFor();
    const balance = anna.getByRole('table', { name: 'Verdeling van de spreektijd per partij' });
    await balance.getByRole('row', { name: /Woonstede 1 / }).waitFor();
    await balance.getByRole('row', { name: /Huurdersvereniging Samen 0 / }).waitFor();
    await screenshot(anna, 'facilitation-02b-queue');
    await queue.getByRole('button', { name: 'Beurt beëindigen' }).click();
    await bar.getByText('U heeft het woord.').waitFor({ state: 'detached' });

    // Tess parks a topic; it shows on everyone's list for the next meeting.
    await tess.goto(url(`/w/${workspace.id}/vergaderingen`));
    const parking = tess.getByRole('region', { name: 'Parkeerplaats' });
    await parking.getByLabel('Onderwerp').fill('Huurbevriezing 2027');
    await parking.getByLabel('Hoort het bij de afspraken?').selectOption({ label: 'Buiten scope' });
    await parking.getByRole('button', { name: 'Op de parkeerplaats zetten' }).click();
    await carla.goto(url(`/w/${workspace.id}/vergaderingen`));
    await carla
      .getByRole('region', { name: 'Parkeerplaats' })
      .getByText('Huurbevriezing 2027')
      .waitFor();
  });

  void it('process first: the agreement is read-only for the parties until both consent to the process', async () => {
    await openAgreement(carla);
    await carla.getByRole('note').filter({ hasText: 'Alleen-lezen tot alle partijen' }).waitFor();
    assert.equal(await editorOf(carla).getAttribute('contenteditable'), 'false');
    await screenshot(carla, 'facilitation-02c-gate');
    await assertNoAxeViolations(carla, 'the agreement behind the process gate');

    // Anna writes a process agreement: the round on the process agreements is about it.
    const processDoc = workspace.documents.find((d) => d.kind === 'process');
    assert.ok(processDoc);
    const processPath = `/w/${workspace.id}/d/${processDoc.id}`;
    await anna.goto(url(processPath));
    await editorOf(anna, 'Procesafspraken').focus();
    await anna.keyboard.press('Control+End');
    await settled(anna);
    await anna.keyboard.press('Control+Alt+k');
    await anna.keyboard.type(processClauseText);
    await waitForSaveStatus(anna, 'saved');

    await anna.goto(url(`/w/${workspace.id}`));
    const annaProcess = anna.getByRole('region', { name: 'Procesafspraken vaststellen' });
    await annaProcess.getByRole('button', { name: 'Instemmingsronde starten' }).click();
    // CONS-6: while the round runs, the process agreement is held for everyone.
    await carla.goto(url(processPath));
    const processCard = editorOf(carla, 'Procesafspraken').locator('.clause', {
      hasText: processClauseText,
    });
    await processCard.locator('[data-hold="round"]').waitFor();
    for (const page of [carla, tess]) {
      await page.goto(url(`/w/${workspace.id}`));
      const process = page.getByRole('region', { name: 'Procesafspraken vaststellen' });
      await process.getByRole('radio', { name: 'Akkoord', exact: true }).check();
      await process.getByRole('button', { name: 'Standpunt doorgeven' }).click();
    }
    // Consent of both parties opens the gate: Carla's agreement becomes editable.
    await openAgreement(carla);
    await carla.waitForFunction(
      (name) =>
        document.querySelector(`[aria-label="${name}"]`)?.getAttribute('contenteditable') ===
        'true',
      `Tekst van ${agreementTitle}`,
    );
    await anna.goto(url(`/w/${workspace.id}/besluiten`));
    await anna.getByRole('heading', { name: 'Besluitenlog', level: 1 }).waitFor();
    await anna.getByText('Procesafspraken', { exact: false }).first().waitFor();
    // ... and the process agreement it was about is now agreed and locked.
    await carla.goto(url(processPath));
    await processCard.and(carla.locator('[data-locked="true"]')).waitFor();
    await screenshot(carla, 'facilitation-02d-process-locked');
  });

  void it("the facilitator writes a clause and the others' views follow her", async () => {
    await openAgreement(tess);
    await openAgreement(anna);
    await editorOf(anna).focus();
    await anna.keyboard.press('Control+End');
    await settled(anna);
    await anna.keyboard.press('Control+Alt+k');
    await anna.keyboard.type(clauseText);
    await waitForSaveStatus(anna, 'saved');
    // Tess follows by default: the clause Anna works in comes into her view.
    await clauseCard(tess).waitFor();
    await tess.waitForFunction((text) => {
      const card = Array.from(document.querySelectorAll<HTMLElement>('.clause')).find((c) =>
        c.textContent.includes(text),
      );
      if (!card) return false;
      const box = card.getBoundingClientRect();
      return box.bottom > 0 && box.top < window.innerHeight;
    }, clauseText);
    const follow = tess.getByRole('button', { name: 'Volg de procesbegeleider' });
    assert.equal(await follow.getAttribute('aria-pressed'), 'true');
    // One action stops following, one rejoins.
    await follow.click();
    assert.equal(await follow.getAttribute('aria-pressed'), 'false');
    await follow.click();
    assert.equal(await follow.getAttribute('aria-pressed'), 'true');
    await screenshot(tess, 'facilitation-03-following');
  });

  void it('a consent round with one reservation, then all agree: the clause locks on every screen', async () => {
    await clauseCard(anna).locator('[data-type="clause-text"] p').click();
    await settled(anna);
    const annaSection = anna.getByRole('region', { name: /^Instemming(sronde)? over Afspraak/ });
    await annaSection.getByRole('button', { name: 'Instemmingsronde starten' }).click();

    await openAgreement(carla);
    // CONS-5: during the round the clause is held, on Carla's screen too; her typing goes nowhere.
    const held = clauseCard(carla).locator('[data-clause-control="lock"][data-hold="round"]');
    await held.waitFor();
    assert.match(await held.innerText(), /In instemmingsronde/);
    await clauseCard(carla).locator('[data-type="clause-text"] p').click();
    await settled(carla);
    await carla.keyboard.press('End');
    await carla.keyboard.type(' Nog even niet.');
    const heldText = await clauseCard(carla).locator('[data-type="clause-text"]').innerText();
    assert.equal(heldText.trim(), clauseText);
    await screenshot(carla, 'facilitation-04b-held');
    const carlaSection = carla.getByRole('region', { name: /^Instemming(sronde)? over Afspraak/ });
    await carlaSection.getByRole('radio', { name: 'Akkoord met voorbehoud' }).check();
    await carlaSection.getByRole('textbox', { name: 'Toelichting' }).fill(reservation);
    await carlaSection.getByRole('button', { name: 'Standpunt doorgeven' }).click();
    // The tally is live on the facilitator's screen, reason included.
    const tally = annaSection.getByRole('region', { name: 'Stand van de ronde' });
    await tally.getByText(reservation).waitFor();
    await screenshot(anna, 'facilitation-04-tally');
    await assertNoAxeViolations(anna, 'the agreement with a running consent round');

    // The console lists the open round with its tally; its link leads to the clause.
    await tess.goto(url(`/w/${workspace.id}/vergaderingen/${meetingId}`));
    const openRounds = tess.getByRole('region', { name: 'Lopende instemmingsrondes' });
    await openRounds.getByText('1 van 2 partijen hebben een standpunt gegeven.').waitFor();
    await screenshot(tess, 'facilitation-04c-console-rounds');
    await assertNoAxeViolations(tess, 'the console with an open consent round');
    await openRounds.getByRole('link', { name: /^Naar Afspraak/ }).click();
    await editorOf(tess).waitFor();
    await waitForSaveStatus(tess, 'saved');
    await clauseCard(tess).locator('[data-type="clause-text"] p').click();
    await settled(tess);
    const tessSection = tess.getByRole('region', { name: /^Instemming(sronde)? over Afspraak/ });
    await tessSection.getByRole('radio', { name: 'Akkoord', exact: true }).check();
    await tessSection.getByRole('button', { name: 'Standpunt doorgeven' }).click();

    for (const page of [anna, carla, tess]) {
      await clauseCard(page).and(page.locator('[data-locked="true"]')).waitFor();
      await clauseCard(page).locator('[data-clause-control="lock"]').waitFor();
    }
    await screenshot(carla, 'facilitation-05-locked');
  });

  void it('an edit to the locked clause does not stick, on screen or on the server', async () => {
    await clauseCard(carla).locator('[data-type="clause-text"] p').click();
    await settled(carla);
    await carla.keyboard.press('End');
    await carla.keyboard.type(' Of niet.');
    await carla.keyboard.press('Backspace');
    await waitForSaveStatus(carla, 'saved');
    const shown = await clauseCard(carla).locator('[data-type="clause-text"]').innerText();
    assert.equal(shown.trim(), clauseText);
    const response = await anna.request.get(
      url(`/api/workspaces/${workspace.id}/documents/${agreementId}/export?format=json`),
    );
    const data = (await response.json()) as { clauses: { text: string; status: string }[] };
    const clause = data.clauses.find((c) => c.text.includes('80 sociale huurwoningen'));
    assert.ok(clause, 'the clause is in the export');
    assert.equal(clause.text, clauseText);
    assert.equal(clause.status, 'agreed');
  });

  void it('ending the meeting produces minutes that both parties approve, then they lock', async () => {
    await anna.goto(url(`/w/${workspace.id}/vergaderingen/${meetingId}`));
    await anna.getByRole('button', { name: 'Vergadering beëindigen' }).click();
    await anna.getByRole('dialog').getByRole('button', { name: 'Beëindigen' }).click();
    await anna.getByRole('link', { name: 'Naar het verslag' }).click();
    await anna.getByText(reservation).first().waitFor();
    await anna.getByText(meetingTitle).first().waitFor();
    await screenshot(anna, 'facilitation-06-minutes');
    await assertNoAxeViolations(anna, 'the minutes page');

    // A member amends the draft before the parties approve it.
    await anna.getByRole('button', { name: 'Aanpassen' }).click();
    const text = anna.getByRole('textbox', { name: 'Tekst van het verslag (Markdown)' });
    await text.fill(`${await text.inputValue()}\n\nVolgende vergadering: 15 december.\n`);
    await anna.getByRole('button', { name: 'Opslaan' }).click();
    await anna.getByText('Verslag opgeslagen (versie 2).').waitFor();

    const minutesPath = `/w/${workspace.id}/vergaderingen/${meetingId}/verslag`;
    for (const [page, party] of [
      [carla, 'Woonstede'],
      [tess, 'Huurdersvereniging Samen'],
    ] as const) {
      await page.goto(url(minutesPath));
      await page.getByRole('button', { name: `Verslag goedkeuren namens ${party}` }).click();
      await page.getByText(`goedgekeurd namens ${party}`, { exact: false }).first().waitFor();
    }
    await anna.getByText('Het verslag ligt vast', { exact: false }).waitFor();
    const markdown = await anna.request.get(
      url(`/api/workspaces/${workspace.id}/meetings/${meetingId}/minutes/export?format=md`),
    );
    assert.equal(markdown.status(), 200);
    const exported = await markdown.text();
    assert.ok(exported.includes(reservation), 'the reservation and its reason are in the minutes');
    assert.ok(exported.includes('Woonstede') && exported.includes('Huurdersvereniging Samen'));
    assert.ok(exported.includes('Huurbevriezing 2027'), 'the parking lot is in the minutes');
    assert.ok(exported.includes('Volgende vergadering: 15 december.'), 'the amendment is kept');
    await screenshot(anna, 'facilitation-07-minutes-locked');
  });

  void it('in English: meetings, console, decision log and minutes, without axe violations', async () => {
    await tess.goto(url(`/w/${workspace.id}/vergaderingen`));
    await tess.getByLabel('Taal').selectOption('en');
    await tess.getByRole('heading', { name: 'Meetings', level: 1 }).waitFor();
    await tess.getByRole('region', { name: 'Parking lot' }).waitFor();
    await screenshot(tess, 'facilitation-08-meetings-en');
    await assertNoAxeViolations(tess, 'the meetings page in English');
    await tess.goto(url(`/w/${workspace.id}/vergaderingen/${meetingId}`));
    await tess.getByRole('heading', { name: new RegExp(meetingTitle), level: 1 }).waitFor();
    await screenshot(tess, 'facilitation-09-console-en');
    await assertNoAxeViolations(tess, 'the meeting console in English');
    await tess.goto(url(`/w/${workspace.id}/besluiten`));
    await tess.getByRole('heading', { name: 'Decision log', level: 1 }).waitFor();
    await tess.getByText(reservation).first().waitFor();
    await screenshot(tess, 'facilitation-10-decisions-en');
    await assertNoAxeViolations(tess, 'the decision log in English');
    await tess.goto(url(`/w/${workspace.id}/vergaderingen/${meetingId}/verslag`));
    await tess.getByRole('link', { name: /PDF/ }).waitFor();
    await screenshot(tess, 'facilitation-11-minutes-en');
    await assertNoAxeViolations(tess, 'the minutes page in English');
  });
});
