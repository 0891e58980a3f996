import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { InvitationPage } from './InvitationPage';
import { apiError, fakeServer, type FakeRequest } from './testing';
import { resetSession } from './useSession';

const preview = {
  workspace: { id: 'w_1', title: 'Prestatieafspraken Voorbeeldstad' },
  role: 'negotiator',
  party: { id: 'p_gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
  expiresAt: Date.UTC(2026, 11, 1),
};
const bram = { id: 'u_bram', email: 'bram@voorbeeld.nl', name: 'Bram Bakker' };

function server(accept: () => { status: number; body?: unknown }): FakeRequest[] {
  return fakeServer((request) =>
    request.method === 'GET' ? { status: 200, body: { invitation: preview } } : accept(),
  );
}

beforeEach(() => window.history.replaceState(null, '', '/invite/tok'));

describe('InvitationPage', () => {
  it('shows what the invitation offers and, logged out, the ways in that come back here', async () => {
    resetSession({ status: 'signed-out' });
    server(() => ({ status: 500 }));
    render(<InvitationPage token="tok" />);
    await screen.findByRole('heading', { level: 1, name: 'Prestatieafspraken Voorbeeldstad' });
    expect(screen.getByText('Onderhandelaar voor Gemeente')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Account aanmaken' }).getAttribute('href')).toBe(
      '/signup?next=%2Finvite%2Ftok',
    );
    expect(screen.getByRole('link', { name: 'Ik heb al een account' }).getAttribute('href')).toBe(
      '/login?next=%2Finvite%2Ftok',
    );
  });

  it('accepts right away when the person just logged in or signed up for it', async () => {
    resetSession({ status: 'signed-in', user: bram });
    window.history.replaceState({ afterSignIn: true }, '', '/invite/tok');
    const requests = server(() => ({ status: 200, body: { membership: {} } }));
    render(<InvitationPage token="tok" />);
    await waitFor(() => expect(window.location.pathname).toBe('/w/w_1'));
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect((window.history.state as { notice?: string }).notice).toBe('joined');
  });

  it('asks a logged-in visitor to confirm, and sends members to their negotiation', async () => {
    resetSession({ status: 'signed-in', user: bram });
    const requests = server(() => apiError(409, 'conflict'));
    render(<InvitationPage token="tok" />);
    const join = await screen.findByRole('button', { name: 'Meedoen aan deze onderhandeling' });
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    fireEvent.click(join);
    await waitFor(() => expect(window.location.pathname).toBe('/w/w_1'));
    expect((window.history.state as { notice?: string }).notice).toBe('already-member');
  });

  it('explains an invalid or used link', async () => {
    resetSession({ status: 'signed-out' });
    fakeServer(() => apiError(404, 'not_found'));
    render(<InvitationPage token="tok" />);
    await screen.findByRole('heading', { level: 1, name: 'Deze uitnodiging werkt niet meer' });
  });
});
