import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from './fixtures';
import { InviteDialog, validateInvite } from './InviteDialog';
import { apiError, fakeServer } from './testing';

const invitation = {
  id: 'i_1',
  token: 'tok',
  url: 'http://akkoord.test/invite/tok',
  role: 'negotiator',
  partyId: 'p_gem',
  expiresAt: Date.UTC(2026, 2, 12, 13, 5),
  maxUses: 1,
};

function open(onCreated = vi.fn(), onClose = vi.fn()) {
  render(<InviteDialog workspace={sampleWorkspace()} onClose={onClose} onCreated={onCreated} />);
  return within(screen.getByRole('dialog', { name: 'Iemand uitnodigen' }));
}

describe('InviteDialog', () => {
  it('asks for the party of a negotiator, at the field', async () => {
    const requests = fakeServer(() => ({ status: 500 }));
    const dialog = open();
    await act(async () => {
      fireEvent.click(dialog.getByRole('button', { name: 'Link maken' }));
      await Promise.resolve();
    });
    const party = dialog.getByRole('combobox', { name: 'Partij' });
    expect(party.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.getByText('Kies de partij van deze persoon.')).toBeTruthy();
    expect(document.activeElement).toBe(party);
    expect(requests).toHaveLength(0);
  });

  it('has no party choice for observers', () => {
    const dialog = open();
    fireEvent.click(dialog.getByRole('radio', { name: /Waarnemer/ }));
    expect(dialog.queryByRole('combobox', { name: 'Partij' })).toBeNull();
  });

  it('makes the link, shows it, and copies it with an announcement', async () => {
    const requests = fakeServer(() => ({ status: 201, body: { invitation } }));
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const onCreated = vi.fn();
    const dialog = open(onCreated);
    fireEvent.change(dialog.getByRole('combobox', { name: 'Partij' }), {
      target: { value: 'p_gem' },
    });
    fireEvent.change(dialog.getByRole('combobox', { name: 'Link is geldig' }), {
      target: { value: '720' },
    });
    fireEvent.change(dialog.getByLabelText(/Aantal keer/), { target: { value: '3' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Link maken' }));

    const link = await dialog.findByLabelText('Uitnodigingslink');
    expect((link as HTMLInputElement).value).toBe(invitation.url);
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect(requests[0]?.body).toEqual({
      role: 'negotiator',
      partyId: 'p_gem',
      expiresInHours: 720,
      maxUses: 3,
    });
    expect(onCreated).toHaveBeenCalledTimes(1);
    expect(dialog.getByText('Onderhandelaar voor Gemeente')).toBeTruthy();

    const status = dialog.getByRole('status');
    expect(status.textContent).toBe('');
    fireEvent.click(dialog.getByRole('button', { name: 'Link kopiëren' }));
    await waitFor(() => expect(status.textContent).toContain('Link gekopieerd'));
    expect(writeText).toHaveBeenCalledWith(invitation.url);
  });

  it('says when copying failed, with the link selected for copying by hand', async () => {
    fakeServer(() => ({
      status: 201,
      body: { invitation: { ...invitation, role: 'observer', partyId: null } },
    }));
    vi.stubGlobal('navigator', {
      ...navigator,
      clipboard: { writeText: () => Promise.reject(new Error('denied')) },
    });
    document.execCommand = () => false;
    const dialog = open();
    fireEvent.click(dialog.getByRole('radio', { name: /Waarnemer/ }));
    fireEvent.click(dialog.getByRole('button', { name: 'Link maken' }));
    fireEvent.click(await dialog.findByRole('button', { name: 'Link kopiëren' }));
    await waitFor(() =>
      expect(dialog.getByRole('status').textContent).toContain('Kopiëren lukte niet'),
    );
  });

  it('shows a refusal from the server', async () => {
    fakeServer(() => apiError(403, 'forbidden'));
    const dialog = open();
    fireEvent.click(dialog.getByRole('radio', { name: /Waarnemer/ }));
    fireEvent.click(dialog.getByRole('button', { name: 'Link maken' }));
    expect((await dialog.findByRole('alert')).textContent).toBe(
      'Dit mag alleen de procesbegeleider doen.',
    );
  });
});

describe('validateInvite', () => {
  it('sends a party only for negotiators and numbers as numbers', () => {
    expect(
      validateInvite({ role: 'observer', partyId: 'p_gem', expiresInHours: 24, maxUses: '2' }),
    ).toEqual({
      ok: true,
      data: { role: 'observer', expiresInHours: 24, maxUses: 2 },
    });
    const empty = validateInvite({
      role: 'negotiator',
      partyId: 'p',
      expiresInHours: 24,
      maxUses: '',
    });
    expect(empty.ok ? null : empty.errors).toEqual({ maxUses: { kind: 'number' } });
  });
});
