import type { ChangesResponse } from '@akkoord/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChangesPanel } from './ChangesPanel';
import { apiError, fakeServer, type FakeAnswer } from './testing';

const parties = [
  { id: 'p_corp', name: 'Woonstede', kind: 'corporation' as const, color: '#1d4ed8' },
  { id: 'p_gem', name: 'Gemeente', kind: 'municipality' as const, color: '#b45309' },
];

const withChanges: ChangesResponse = {
  since: '2026-03-01T10:00:00.000Z',
  baseline: 'snapshot',
  version: 'v2',
  threads: { opened: 2, resolved: 1 },
  changes: [
    {
      kind: 'changed',
      clauseId: 'c1',
      number: '1.1',
      text: [
        { op: 'same', text: 'Wij bouwen ' },
        { op: 'del', text: '100' },
        { op: 'ins', text: '120' },
        { op: 'same', text: ' woningen.' },
      ],
      status: { from: 'draft', to: 'proposed' },
      owner: null,
      theme: null,
      counterparts: [],
    },
  ],
};

function renderPanel(answers: (path: string, method: string) => FakeAnswer) {
  const requests = fakeServer((r) => answers(r.path, r.method));
  render(<ChangesPanel workspaceId="w1" documentId="d1" parties={parties} />);
  return requests;
}

describe('ChangesPanel', () => {
  it('shows changed clauses with the word diff, readable without colour', async () => {
    renderPanel(() => ({ status: 200, body: withChanges }));
    const region = await screen.findByRole('region', { name: 'Sinds uw laatste bezoek' });
    expect(region.textContent).toContain('1 afspraak gewijzigd');
    expect(region.textContent).toContain('1 statuswijziging');
    expect(region.textContent).toContain('2 nieuwe discussies');
    expect(region.textContent).toContain('1 discussie afgerond');
    const list = within(region).getByRole('list', { name: 'Wijzigingen per afspraak' });
    expect(list.querySelector('del')?.textContent).toBe('[verwijderd: 100 einde verwijdering]');
    expect(list.querySelector('ins')?.textContent).toBe('[toegevoegd: 120 einde toevoeging]');
    expect(list.textContent).toContain('Status: Concept → Voorgesteld');
    expect(
      within(list).getByRole('link', { name: 'Afspraak 1.1 is gewijzigd' }).getAttribute('href'),
    ).toBe('/w/w1/d/d1?clause=c1');
    const toggle = within(region).getByRole('button', { name: 'Verberg wijzigingen' });
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(toggle);
    expect(list.hidden).toBe(true);
  });

  it('marks as seen with the version it showed', async () => {
    let seen = false;
    const requests = renderPanel((path) => {
      if (path.endsWith('/seen')) {
        seen = true;
        return { status: 204 };
      }
      return {
        status: 200,
        body: seen
          ? { ...withChanges, changes: [], threads: { opened: 0, resolved: 0 } }
          : withChanges,
      };
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Markeer als gezien' }));
    await screen.findByText(/Gemarkeerd als gezien/);
    const post = requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/workspaces/w1/documents/d1/seen');
    expect(post?.body).toEqual({ version: 'v2' });
    await screen.findByText(/Niets nieuw sinds uw laatste bezoek/);
  });

  it('on 409 reloads and says the document changed', async () => {
    let loads = 0;
    renderPanel((path) => {
      if (path.endsWith('/seen')) return apiError(409, 'conflict');
      loads += 1;
      return { status: 200, body: withChanges };
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Markeer als gezien' }));
    await screen.findByText(/Het document is intussen gewijzigd/);
    await waitFor(() => expect(loads).toBe(2));
  });

  it('on a first visit says nothing is new and marks the document as seen', async () => {
    const requests = renderPanel((path) =>
      path.endsWith('/seen')
        ? { status: 204 }
        : {
            status: 200,
            body: {
              since: null,
              baseline: 'first-visit',
              changes: [],
              threads: null,
              version: 'v1',
            },
          },
    );
    await screen.findByText(/eerste bezoek/);
    await waitFor(() =>
      expect(requests.find((r) => r.method === 'POST')?.body).toEqual({ version: 'v1' }),
    );
    expect(screen.queryByRole('button', { name: 'Markeer als gezien' })).toBeNull();
  });
});
