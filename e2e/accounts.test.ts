import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSuite } from './harness/browserSuite';
import { assertNoAxeViolations, isFocused, screenshot } from './harness/pages';
import { settled } from './harness/editor';

// The whole journey of issue 3 through the interface only: A signs up and creates a negotiation,
// invites B as the municipality's negotiator with the invite dialog; B signs up through the
// link; both write in the agreement; A sees B in the municipality's colour; logging out ends it.

const anna = { name: 'Anna de Vries', email: 'anna@e2e.test', password: 'procesbegeleider-2026' };
const bram = { name: 'Bram Bakker', email: 'bram@e2e.test', password: 'gemeente-wethouder-1' };
const title = 'Prestatieafspraken Voorbeeldstad';
/** PARTY_COLORS[1]: the second default party, the municipality. */
const municipalityColor = 'rgb(180, 83, 9)';
const loginLimit = 3;

function textOf(page: Page) {
  return page.getByRole('textbox', { name: 'Tekst van Prestatieafspraken', exact: true });
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await textOf(page).click();
  await page.keyboard.press('Control+End');
  await settled(page);
  await page.keyboard.type(text);
}

async function waitForSaved(page: Page): Promise<void> {
  await page.locator('[role="status"][data-status="saved"]').waitFor();
}

void describe('accounts, negotiations and invitations in the browser', () => {
  const suite = browserSuite({ env: { LOGIN_MAX_PER_ACCOUNT: String(loginLimit) } });
  let pageA: Page;
  let pageB: Page;
  let inviteUrl = '';
  let workspacePath = '';
  let agreementPath = '';

  async function newPage(options: { clipboard?: boolean } = {}): Promise<Page> {
    const page = await suite.newPage({ width: 1280, height: 900 });
    if (options.clipboard === true) {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: suite.server.url,
      });
    }
    return page;
  }

  const { url } = suite;

  before(async () => {
    pageA = await newPage({ clipboard: true });
    pageB = await newPage();
  });

  void it('logged out, the home page explains Akkoord and offers log in and sign up', async () => {
    await pageA.goto(url('/'));
    await pageA.getByRole('heading', { level: 1, name: 'Welkom bij Akkoord' }).waitFor();
    assert.equal(await pageA.getAttribute('html', 'lang'), 'nl');
    await pageA.getByRole('link', { name: 'Inloggen' }).first().waitFor();
    await pageA.getByRole('link', { name: 'Account aanmaken' }).waitFor();
    await assertNoAxeViolations(pageA, 'the welcome page');
    await screenshot(pageA, 'acc-01-welcome');
  });

  void it('the login page explains mistakes, throttling, and speaks English', async () => {
    const page = await newPage();
    await page.goto(url('/login'));
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await assertNoAxeViolations(page, 'the login page');
    await screenshot(page, 'acc-02-login');

    // Empty form: each field says what is missing, tied to the field, and focus goes there.
    await page.getByRole('button', { name: 'Inloggen' }).last().click();
    const email = page.getByLabel('E-mailadres');
    await page.getByText('Vul dit in.').first().waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    const errorId = describedBy.split(' ')[0] ?? '';
    assert.equal(await page.locator(`[id="${errorId}"]`).textContent(), 'Vul dit in.');
    assert.ok(await email.evaluate((el) => el === document.activeElement), 'focus on the error');
    await assertNoAxeViolations(page, 'the login page with errors');
    await screenshot(page, 'acc-03-login-errors');

    // Wrong password: one clear message for the whole form.
    await email.fill('niemand@e2e.test');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('verkeerd-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).last().click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Het e-mailadres of het wachtwoord klopt niet.' })
      .waitFor();

    // Too many attempts: the server says 429 with Retry-After, the page says how long to wait.
    for (let i = 0; i < loginLimit; i++) {
      await Promise.all([
        page.waitForResponse((response) => response.url().endsWith('/api/auth/login')),
        page.getByRole('button', { name: 'Inloggen' }).last().click(),
      ]);
      await page.locator('button[type="submit"]:not([disabled])').waitFor();
    }
    await page
      .getByRole('alert')
      .filter({ hasText: 'U heeft te vaak geprobeerd in te loggen. Wacht 15 minuten' })
      .waitFor();
    await screenshot(page, 'acc-04-login-throttled');

    // The language switch translates the page and the errors, and sets <html lang>.
    await page.getByLabel('Taal').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
    await page.getByLabel('Email address').waitFor();
    await page.getByText('You tried to log in too often. Wait 15 minutes').waitFor();
    await assertNoAxeViolations(page, 'the login page in English');
    await screenshot(page, 'acc-05-login-english');
    await page.getByLabel('Language').selectOption('nl');
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  });

  void it('A signs up through the interface and sees an empty list', async () => {
    await pageA.getByRole('link', { name: 'Account aanmaken' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Account aanmaken' }).waitFor();
    await pageA.getByLabel('Uw naam').fill(anna.name);
    await pageA.getByLabel('E-mailadres').fill('anna@');
    await pageA.getByLabel('Wachtwoord', { exact: true }).fill('kort');
    await pageA.getByRole('button', { name: 'Account aanmaken' }).click();
    await pageA.getByText('Dit is geen goed e-mailadres.').waitFor();
    await pageA.getByText('Dit is te kort. Gebruik minstens 10 tekens.').waitFor();
    assert.ok(await isFocused(pageA, 'input[name="email"]'), 'focus on the first field to fix');
    await assertNoAxeViolations(pageA, 'the sign-up page with errors');
    await screenshot(pageA, 'acc-06-signup-errors');

    await pageA.getByLabel('E-mailadres').fill(anna.email);
    await pageA.getByLabel('Wachtwoord', { exact: true }).fill(anna.password);
    await pageA.getByRole('button', { name: 'Account aanmaken' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Mijn onderhandelingen' }).waitFor();
    await pageA.getByText('U doet nog niet mee aan een onderhandeling').waitFor();
    await pageA.getByRole('banner').getByText(anna.name).waitFor();
    await pageA.getByRole('button', { name: 'Uitloggen' }).waitFor();
    await assertNoAxeViolations(pageA, 'my negotiations (empty)');
    await screenshot(pageA, 'acc-07-workspaces-empty');
  });

  void it('A creates a negotiation with the three usual parties', async () => {
    await pageA.getByRole('link', { name: 'Nieuwe onderhandeling' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Nieuwe onderhandeling' }).waitFor();
    const names = pageA.getByRole('textbox', { name: 'Naam', exact: true });
    assert.deepEqual(
      await names.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
      ['Woningcorporatie', 'Gemeente', 'Huurdersorganisatie'],
    );
    await assertNoAxeViolations(pageA, 'the new negotiation form');
    await screenshot(pageA, 'acc-08-new-workspace');

    // Add a row (focus moves into it), then remove it again.
    await pageA.getByRole('button', { name: 'Partij toevoegen' }).click();
    assert.equal(await names.count(), 4);
    assert.ok(await names.nth(3).evaluate((el) => el === document.activeElement));
    await pageA.getByRole('button', { name: 'Verwijderen: Partij 4' }).click();
    assert.equal(await names.count(), 3);

    // Submitting without a title points at the title.
    await pageA.getByRole('button', { name: 'Onderhandeling aanmaken' }).click();
    const titleField = pageA.getByLabel('Naam van de onderhandeling');
    assert.equal(await titleField.getAttribute('aria-invalid'), 'true');
    await titleField.fill(title);
    await pageA.getByLabel('Gemeente', { exact: true }).fill('Voorbeeldstad');
    await pageA.getByLabel('Periode').fill('2026 – 2029');
    // Process first is on by default (issue #6); this suite has both sides write the agreement
    // right away, so A switches it off (the facilitator-mode suite covers the gate).
    const processFirst = pageA.getByRole('checkbox', {
      name: 'Eerst de procesafspraken vaststellen',
    });
    assert.equal(await processFirst.isChecked(), true);
    await processFirst.uncheck();
    await pageA.getByRole('button', { name: 'Onderhandeling aanmaken' }).click();

    await pageA.getByRole('heading', { level: 1, name: title }).waitFor();
    workspacePath = new URL(pageA.url()).pathname;
    assert.match(workspacePath, /^\/w\/[\w-]+$/);
    await pageA.getByText('De onderhandeling is aangemaakt.').waitFor();
    await pageA.getByText('Voorbeeldstad · 2026 – 2029').waitFor();
    const documents = pageA.getByRole('region', { name: 'Documenten' });
    await documents.getByRole('link', { name: 'Procesafspraken' }).waitFor();
    await documents.getByRole('link', { name: 'Prestatieafspraken' }).waitFor();
    // The facilitator cannot open any party's internal notes, so they are not offered.
    assert.equal(await documents.getByRole('link', { name: /Interne notities/ }).count(), 0);
    await assertNoAxeViolations(pageA, 'the workspace page');
    await screenshot(pageA, 'acc-09-workspace-created');
  });

  void it('A invites B as the municipality’s negotiator with the invite dialog', async () => {
    const opener = pageA.getByRole('button', { name: 'Iemand uitnodigen' });
    await opener.click();
    const dialog = pageA.getByRole('dialog', { name: 'Iemand uitnodigen' });
    await dialog.waitFor();
    assert.ok(
      await dialog.evaluate((el) => el.contains(document.activeElement)),
      'focus moves into the dialog',
    );
    // Tab and Shift+Tab stay inside the dialog.
    for (let i = 0; i < 12; i++) {
      await pageA.keyboard.press('Tab');
      assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)), `tab ${i}`);
    }
    for (let i = 0; i < 3; i++) {
      await pageA.keyboard.press('Shift+Tab');
      assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)));
    }
    // Escape closes it and focus returns to the button that opened it.
    await pageA.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await opener.evaluate((el) => el === document.activeElement), 'focus returned');

    await opener.click();
    await dialog.waitFor();
    await assertNoAxeViolations(pageA, 'the invite dialog');
    await screenshot(pageA, 'acc-10-invite-dialog');
    // A negotiator needs a party: the dialog says so at the field.
    await dialog.getByRole('button', { name: 'Link maken' }).click();
    await dialog.getByText('Kies de partij van deze persoon.').waitFor();
    await dialog.getByLabel('Partij', { exact: true }).selectOption({ label: 'Gemeente' });
    await dialog.getByRole('button', { name: 'Link maken' }).click();

    const link = dialog.getByLabel('Uitnodigingslink');
    await link.waitFor();
    inviteUrl = await link.inputValue();
    assert.match(inviteUrl, /\/invite\/[\w-]+$/);
    await dialog.getByText('Onderhandelaar voor Gemeente').waitFor();
    await dialog.getByRole('button', { name: 'Link kopiëren' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Link gekopieerd' }).waitFor();
    assert.equal(await pageA.evaluate(() => navigator.clipboard.readText()), inviteUrl);
    await assertNoAxeViolations(pageA, 'the invite dialog with a link');
    await screenshot(pageA, 'acc-11-invite-link');

    await dialog.getByRole('button', { name: 'Klaar' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.ok(await opener.evaluate((el) => el === document.activeElement), 'focus returned');
    await pageA
      .getByRole('region', { name: 'Open uitnodigingen' })
      .getByText('Onderhandelaar voor Gemeente')
      .waitFor();
  });

  void it('B opens the link, signs up through it and lands in the negotiation', async () => {
    await pageB.goto(inviteUrl);
    await pageB.getByRole('heading', { level: 1, name: title }).waitFor();
    await pageB.getByText('Onderhandelaar voor Gemeente').waitFor();
    await assertNoAxeViolations(pageB, 'the invitation page');
    await screenshot(pageB, 'acc-12-invitation');

    await pageB.getByRole('link', { name: 'Account aanmaken' }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Account aanmaken' }).waitFor();
    await pageB.getByText('Daarna gaat u terug naar uw uitnodiging.').waitFor();
    await pageB.getByLabel('Uw naam').fill(bram.name);
    await pageB.getByLabel('E-mailadres').fill(bram.email);
    await pageB.getByLabel('Wachtwoord', { exact: true }).fill(bram.password);
    await pageB.getByRole('button', { name: 'Account aanmaken' }).click();

    // Back at the invitation, which is accepted right away, and on to the negotiation.
    await pageB.waitForURL(`**${workspacePath}`);
    await pageB.getByRole('heading', { level: 1, name: title }).waitFor();
    await pageB.getByText('Welkom! U doet nu mee aan deze onderhandeling.').waitFor();
    const documents = pageB.getByRole('region', { name: 'Documenten' });
    await documents.getByRole('link', { name: 'Interne notities Gemeente' }).waitFor();
    assert.equal(await documents.getByRole('link', { name: /Interne notities/ }).count(), 1);
    await assertNoAxeViolations(pageB, 'the workspace page of a negotiator');
    await screenshot(pageB, 'acc-13-workspace-negotiator');

    // The link was for one person: it is used up now.
    const again = await fetch(inviteUrl.replace('/invite/', '/api/invitations/'));
    assert.equal(again.status, 404);
  });

  void it('pages that can only explain a problem say what to do, accessibly', async () => {
    const cases: [string, string, string][] = [
      ['/invite/dit-is-geen-uitnodiging', 'Deze uitnodiging werkt niet meer', 'invalid-invitation'],
      ['/w/w_bestaatniet', 'Onderhandeling niet gevonden', 'unknown-workspace'],
      [`${workspacePath}/audit`, 'Alleen voor de procesbegeleider', 'audit-forbidden'],
      ['/bestaat/niet', 'Deze pagina bestaat niet', 'not-found'],
    ];
    for (const [path, heading, name] of cases) {
      await pageB.goto(url(path));
      await pageB.getByRole('heading', { level: 1, name: heading }).waitFor();
      await assertNoAxeViolations(pageB, path);
      await screenshot(pageB, `acc-problem-${name}`);
    }
    await pageB.goto(url(workspacePath));
    await pageB.getByRole('heading', { level: 1, name: title }).waitFor();
  });

  void it('both write in the agreement and see each other’s text and caret', async () => {
    for (const page of [pageA, pageB]) {
      await page.getByRole('link', { name: 'Prestatieafspraken' }).click();
      await textOf(page).waitFor();
      await waitForSaved(page);
    }
    agreementPath = new URL(pageA.url()).pathname;
    assert.equal(new URL(pageB.url()).pathname, agreementPath);
    // The template is there (not wiped by an editor that does not know its nodes).
    await textOf(pageA).getByText('Beschikbaarheid').first().waitFor();

    const fromAnna = 'Afspraak: de corporatie bouwt 40 sociale huurwoningen per jaar.';
    await typeAtEnd(pageA, fromAnna);
    await textOf(pageB).getByText(fromAnna).waitFor();
    const fromBram = ' De gemeente levert de grond.';
    await typeAtEnd(pageB, fromBram);
    await textOf(pageA)
      .getByText(fromAnna + fromBram)
      .waitFor();

    await pageA
      .locator('.collaboration-carets__label', { hasText: `${bram.name} (Gemeente)` })
      .waitFor();
    await pageB.locator('.collaboration-carets__label', { hasText: anna.name }).waitFor();
    for (const page of [pageA, pageB]) await waitForSaved(page);
    await assertNoAxeViolations(pageA, 'the editor page');
    await screenshot(pageA, 'acc-14-editor-anna');
    await screenshot(pageB, 'acc-15-editor-bram');
  });

  void it('A’s members list shows B under the municipality, in its colour', async () => {
    await pageA.getByRole('link', { name: `Terug naar ${title}` }).click();
    const members = pageA.getByRole('region', { name: 'Partijen en deelnemers' });
    await members.waitFor();
    const bramItem = members.getByRole('listitem').filter({ hasText: bram.name });
    await bramItem.waitFor();
    await bramItem.getByText('Onderhandelaar').waitFor();
    const group = members.locator('.member-group', {
      has: pageA.getByRole('heading', { name: /Gemeente/ }),
    });
    assert.equal(await group.getByText(bram.name).count(), 1, 'B is in the municipality group');
    const avatarColor = await bramItem
      .locator('.member__avatar')
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.equal(avatarColor, municipalityColor);
    // The link was used, so it is no longer open.
    await pageA.getByText('Er zijn geen open uitnodigingen.').waitFor();
    await screenshot(pageA, 'acc-16-members');
  });

  void it('the facilitator renames, changes a role (with a dialog), and reads the log', async () => {
    await pageA.getByRole('button', { name: 'Naam en gegevens wijzigen' }).click();
    const details = pageA.getByRole('dialog', { name: 'Naam en gegevens wijzigen' });
    await details.getByLabel('Naam van de onderhandeling').fill(`${title} 2026`);
    await details.getByRole('button', { name: 'Opslaan' }).click();
    await pageA.getByRole('heading', { level: 1, name: `${title} 2026` }).waitFor();
    await pageA.getByText('De gegevens zijn opgeslagen.').waitFor();

    await pageA.getByRole('button', { name: `Rol wijzigen: ${bram.name}` }).click();
    const roleDialog = pageA.getByRole('dialog', { name: `Rol van ${bram.name} wijzigen` });
    await roleDialog.waitFor();
    await assertNoAxeViolations(pageA, 'the role dialog');
    await screenshot(pageA, 'acc-17-role-dialog');
    await roleDialog.getByRole('button', { name: 'Annuleren' }).click();
    await roleDialog.waitFor({ state: 'detached' });

    await pageA.getByRole('button', { name: `Verwijderen: ${bram.name}` }).click();
    const confirm = pageA.getByRole('dialog', { name: `${bram.name} verwijderen?` });
    await confirm.waitFor();
    assert.ok(
      await confirm
        .getByRole('button', { name: 'Annuleren' })
        .evaluate((el) => el === document.activeElement),
      'the safe choice has focus',
    );
    await screenshot(pageA, 'acc-18-remove-confirm');
    await pageA.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });

    await pageA.getByRole('link', { name: 'Logboek' }).click();
    await pageA.getByRole('heading', { level: 1, name: 'Logboek' }).waitFor();
    const log = pageA.getByRole('table');
    await log.getByText('Onderhandeling aangemaakt: Prestatieafspraken Voorbeeldstad').waitFor();
    await log.getByText('Uitnodiging gemaakt voor: Onderhandelaar voor Gemeente').waitFor();
    await log.getByText('Doet mee als: Onderhandelaar voor Gemeente').waitFor();
    await assertNoAxeViolations(pageA, 'the audit log');
    await screenshot(pageA, 'acc-19-audit');
  });

  void it('logging out returns to the welcome page, and the editor then refuses', async () => {
    await pageB.getByRole('button', { name: 'Uitloggen' }).click();
    await pageB.getByRole('heading', { level: 1, name: 'Welkom bij Akkoord' }).waitFor();
    await pageB.getByText('U bent uitgelogd.').waitFor();
    assert.equal(new URL(pageB.url()).pathname, '/');

    // The document's address now leads to the login page, not to the text.
    await pageB.goto(url(agreementPath));
    await pageB.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await pageB.getByText('Log eerst in om deze pagina te openen.').waitFor();
    assert.equal(await textOf(pageB).count(), 0);
    // And the sync server itself says "not authenticated" to this browser.
    const room = await pageA.evaluate(
      async (workspaceId) => {
        const response = await fetch(`/api/workspaces/${workspaceId}`);
        const { workspace } = (await response.json()) as {
          workspace: { documents: { kind: string; room: string }[] };
        };
        return workspace.documents.find((d) => d.kind === 'agreement')?.room ?? '';
      },
      workspacePath.split('/')[2] ?? '',
    );
    const closeCode = await pageB.evaluate(
      (r) =>
        new Promise<number>((resolve) => {
          const socket = new WebSocket(`ws://${location.host}/sync/${r}`);
          socket.onclose = (event) => resolve(event.code);
        }),
      room,
    );
    assert.equal(closeCode, 4401);

    // Logging in again brings B straight back to the document.
    await pageB.getByLabel('E-mailadres').fill(bram.email);
    await pageB.getByLabel('Wachtwoord', { exact: true }).fill(bram.password);
    await pageB.getByRole('button', { name: 'Inloggen' }).last().click();
    await textOf(pageB).waitFor();
    assert.equal(new URL(pageB.url()).pathname, agreementPath);
    await waitForSaved(pageB);
  });
});
