import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { HomePage } from './HomePage';
import { fakeServer } from './testing';
import { resetSession } from './useSession';

const bram = { id: 'u_bram', email: 'bram@voorbeeld.nl', name: 'Bram Bakker' };

beforeEach(() => resetSession({ status: 'signed-in', user: bram }));

describe('HomePage', () => {
  it('lists my negotiations with my role and party', async () => {
    fakeServer((request) =>
      request.path === '/api/workspaces'
        ? {
            status: 200,
            body: {
              workspaces: [
                {
                  id: 'w_1',
                  title: 'Prestatieafspraken Voorbeeldstad',
                  municipality: 'Voorbeeldstad',
                  period: '2026 – 2029',
                  role: 'negotiator',
                  partyId: 'p_gem',
                  party: { id: 'p_gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
                },
                {
                  id: 'w_2',
                  title: 'Wonen en zorg',
                  municipality: '',
                  period: '',
                  role: 'observer',
                  partyId: null,
                  party: null,
                },
              ],
            },
          }
        : { status: 500, body: { error: { code: 'internal', message: 'not expected' } } },
    );
    render(<HomePage />);
    await screen.findByRole('heading', { level: 1, name: 'Mijn onderhandelingen' });
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(2);
    const first = within(items[0] as HTMLElement);
    expect(
      first.getByRole('link', { name: 'Prestatieafspraken Voorbeeldstad' }).getAttribute('href'),
    ).toBe('/w/w_1');
    expect(first.getByText('Voorbeeldstad · 2026 – 2029')).toBeTruthy();
    await first.findByText('Onderhandelaar voor Gemeente');
    expect(within(items[1] as HTMLElement).getByText('Waarnemer')).toBeTruthy();
  });

  it('explains what to do when there are none yet', async () => {
    fakeServer(() => ({ status: 200, body: { workspaces: [] } }));
    render(<HomePage />);
    await screen.findByRole('heading', { name: 'U doet nog niet mee aan een onderhandeling' });
    expect(screen.getByRole('link', { name: 'Nieuwe onderhandeling' }).getAttribute('href')).toBe(
      '/new',
    );
  });

  it('welcomes people who are not logged in, with both ways in', () => {
    resetSession({ status: 'signed-out' });
    render(<HomePage />);
    expect(screen.getByRole('heading', { level: 1, name: 'Welkom bij Akkoord' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Inloggen' }).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Account aanmaken' })).toBeTruthy();
  });
});
