import type { MeetingDto } from '@akkoord/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { apiError, fakeServer, type FakeAnswer } from '../testing';
import { agendaItem, quietEvents, runningMeeting } from './meetingTesting';
import { MeetingsPage } from './MeetingsPage';

const workspace = sampleWorkspace();
const anna = { id: 'u_anna', email: 'anna@example.org', name: 'Anna de Vries' };
const olga = { id: 'u_olga', email: 'olga@example.org', name: 'Olga Oosting' };

/** `remove`: how DELETE answers (default: the planned meeting goes, 204). */
function server(meetings: MeetingDto[], remove?: () => FakeAnswer) {
  let list = meetings;
  return fakeServer((request) => {
    const removed = /^\/api\/workspaces\/w_1\/meetings\/(\w+)$/.exec(request.path);
    if (removed && request.method === 'DELETE') {
      if (remove) return remove();
      list = list.filter((m) => m.id !== removed[1]);
      return { status: 204 };
    }
    if (removed && request.method === 'PATCH') {
      list = list.map((m) => (m.id === removed[1] ? { ...m, ...(request.body as object) } : m));
      return { status: 200, body: { meeting: list.find((m) => m.id === removed[1]) } };
    }
    if (request.path === '/api/workspaces/w_1') return { status: 200, body: { workspace } };
    if (request.path === '/api/workspaces/w_1/meetings')
      return { status: 200, body: { meetings: list } };
    if (request.path === '/api/workspaces/w_1/parking') return { status: 200, body: { items: [] } };
    const start = /^\/api\/workspaces\/w_1\/meetings\/(\w+)\/start$/.exec(request.path);
    if (start) {
      list = list.map((m) => (m.id === start[1] ? { ...m, status: 'running' } : m));
      return { status: 200, body: { meeting: list.find((m) => m.id === start[1]) } };
    }
    if (request.path === '/api/workspaces/w_1/meetings/m1/end') {
      list = list.map((m) => (m.id === 'm1' ? { ...m, status: 'ended' } : m));
      return { status: 200, body: { meeting: list[0], minutes: {} } };
    }
    if (request.path.endsWith('/attend')) return { status: 204 };
    return { status: 404 };
  });
}

const planned = (id: string, title: string): MeetingDto =>
  runningMeeting({
    id,
    title,
    status: 'planned',
    startedAt: null,
    currentItemId: null,
    items: [agendaItem({ timeboxMinutes: 30 }), agendaItem({ id: 'i2', timeboxMinutes: 15 })],
  });

describe('MeetingsPage', () => {
  beforeEach(quietEvents);

  it('lists meetings with their status; the facilitator starts one and lands on the console', async () => {
    const requests = server([planned('m1', 'Overleg december'), planned('m2', 'Overleg januari')]);
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    const list = await screen.findByTestId('meeting-list');
    const first = within(list).getAllByRole('listitem')[0]!;
    expect(first.textContent).toContain('Gepland');
    expect(first.textContent).toContain('2 agendapunten, 45 minuten');
    fireEvent.click(screen.getByRole('button', { name: 'Vergadering starten: Overleg december' }));
    await waitFor(() => expect(window.location.pathname).toBe('/w/w_1/vergaderingen/m1'));
    expect(requests.some((r) => r.method === 'POST' && r.path.endsWith('/m1/start'))).toBe(true);
    expect(screen.getByRole('region', { name: 'Vergadering plannen' })).toBeTruthy();
  });

  it('ends a running meeting from the list after confirmation and links to the minutes', async () => {
    server([runningMeeting({ title: 'Overleg december' })]);
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Vergadering beëindigen: Overleg december' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Beëindigen' }));
    const minutes = await screen.findByRole('link', { name: 'Verslag: Overleg december' });
    expect(minutes.getAttribute('href')).toBe('/w/w_1/vergaderingen/m1/verslag');
    expect(screen.getByText(/Vergadering beëindigd: Overleg december/)).toBeTruthy();
  });

  it('shows others the list read-only, with the parking lot', async () => {
    server([planned('m1', 'Overleg december')]);
    render(<MeetingsPage workspaceId="w_1" user={olga} />);
    await screen.findByTestId('meeting-list');
    expect(screen.queryByRole('button', { name: /Vergadering starten/ })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Vergadering plannen' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Parkeerplaats' })).toBeTruthy();
  });

  it('deletes a planned meeting after confirmation and says so', async () => {
    const requests = server([planned('m1', 'Overleg december'), planned('m2', 'Overleg januari')]);
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    const remove = await screen.findByRole('button', {
      name: 'Vergadering verwijderen: Overleg januari',
    });
    fireEvent.click(remove);
    const dialog = await screen.findByRole('dialog', {
      name: 'Vergadering „Overleg januari” verwijderen?',
    });
    expect(dialog.textContent).toContain('Dit kunt u niet ongedaan maken.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, verwijderen' }));
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: /Overleg januari/ })).toBeNull(),
    );
    expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/api/workspaces/w_1/meetings/m2',
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    const status = screen
      .getAllByRole('status')
      .find((s) => s.textContent === 'Vergadering verwijderd: Overleg januari.');
    expect(status).toBeTruthy();
    // The card and its button are gone: focus lands on the list's heading.
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: 'Alle vergaderingen' }),
    );
    expect(
      screen.getByRole('button', { name: 'Vergadering verwijderen: Overleg december' }),
    ).toBeTruthy();
  });

  it('keeps the meeting when the facilitator cancels, and focus returns to the button', async () => {
    const requests = server([planned('m1', 'Overleg december')]);
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    const remove = await screen.findByRole('button', {
      name: 'Vergadering verwijderen: Overleg december',
    });
    remove.focus();
    fireEvent.click(remove);
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuleren' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(remove);
    expect(requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('says why when the meeting was started meanwhile (409)', async () => {
    server([planned('m1', 'Overleg december')], () => apiError(409, 'conflict'));
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Vergadering verwijderen: Overleg december' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Ja, verwijderen' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Deze vergadering is al gestart en kan niet meer worden verwijderd.',
    );
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(/Vergadering verwijderd/)).toBeNull();
  });

  it('keeps the dialog open with the error when the server cannot be reached', async () => {
    server([planned('m1', 'Overleg december')], () => apiError(500, 'internal'));
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Vergadering verwijderen: Overleg december' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Ja, verwijderen' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('Er ging iets mis. Probeer het opnieuw.');
    expect(
      screen.getByRole('button', { name: 'Vergadering verwijderen: Overleg december' }),
    ).toBeTruthy();
  });

  it('offers delete on planned meetings only, and only to the facilitator', async () => {
    server([runningMeeting({ title: 'Overleg december' }), planned('m2', 'Overleg januari')]);
    const { unmount } = render(<MeetingsPage workspaceId="w_1" user={anna} />);
    await screen.findByRole('button', { name: 'Vergadering verwijderen: Overleg januari' });
    expect(
      screen.queryByRole('button', { name: /Vergadering verwijderen: Overleg december/ }),
    ).toBeNull();
    unmount();
    render(<MeetingsPage workspaceId="w_1" user={olga} />);
    await screen.findByTestId('meeting-list');
    expect(screen.queryByRole('button', { name: /Vergadering verwijderen/ })).toBeNull();
  });

  it('the facilitator edits a planned meeting in a dialog; the list shows the change', async () => {
    const requests = server([planned('m1', 'Overleg december'), planned('m2', 'Overleg januari')]);
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    const edit = await screen.findByRole('button', {
      name: 'Vergadering bewerken: Overleg januari',
    });
    edit.focus();
    fireEvent.click(edit);
    const dialog = await screen.findByRole('dialog', {
      name: 'Vergadering bewerken: Overleg januari',
    });
    const title = within(dialog).getByLabelText<HTMLInputElement>('Titel van de vergadering');
    expect(document.activeElement).toBe(title);
    expect(title.value).toBe('Overleg januari');
    fireEvent.change(title, { target: { value: 'Overleg februari' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Wijzigingen opslaan' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.filter((r) => r.method === 'PATCH').map((r) => [r.path, r.body])).toEqual([
      ['/api/workspaces/w_1/meetings/m2', { title: 'Overleg februari' }],
    ]);
    const renamed = await screen.findByRole('button', {
      name: 'Vergadering bewerken: Overleg februari',
    });
    // The same button, renamed with its meeting, has the focus back.
    expect(document.activeElement).toBe(renamed);
    expect(
      screen
        .getAllByRole('status')
        .some((s) => s.textContent === 'Vergadering opgeslagen: Overleg februari'),
    ).toBe(true);
  });

  it('closes the edit dialog without saving on "cancel"', async () => {
    const requests = server([planned('m1', 'Overleg december')]);
    render(<MeetingsPage workspaceId="w_1" user={anna} />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Vergadering bewerken: Overleg december' }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Titel van de vergadering'), {
      target: { value: 'Iets anders' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuleren' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    expect(
      screen.getByRole('button', { name: 'Vergadering bewerken: Overleg december' }),
    ).toBeTruthy();
  });

  it('offers editing on planned meetings only, and only to the facilitator', async () => {
    server([runningMeeting({ title: 'Overleg december' }), planned('m2', 'Overleg januari')]);
    const { unmount } = render(<MeetingsPage workspaceId="w_1" user={anna} />);
    await screen.findByRole('button', { name: 'Vergadering bewerken: Overleg januari' });
    expect(
      screen.queryByRole('button', { name: /Vergadering bewerken: Overleg december/ }),
    ).toBeNull();
    unmount();
    render(<MeetingsPage workspaceId="w_1" user={olga} />);
    await screen.findByTestId('meeting-list');
    expect(screen.queryByRole('button', { name: /Vergadering bewerken/ })).toBeNull();
  });
});
