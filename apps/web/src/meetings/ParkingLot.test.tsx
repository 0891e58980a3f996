import type { ParkingItemDto } from '@akkoord/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { fakeServer } from '../testing';
import { quietEvents } from './meetingTesting';
import { ParkingLot } from './ParkingLot';

const workspace = sampleWorkspace();
const member = (userId: string) => workspace.members.find((m) => m.userId === userId)!;

const item = (over: Partial<ParkingItemDto>): ParkingItemDto => ({
  id: 'p1',
  workspaceId: 'w_1',
  meetingId: null,
  title: 'Leegstand winkelpanden',
  note: '',
  scope: 'out-of-scope',
  theme: null,
  threadId: null,
  status: 'open',
  createdBy: { userId: 'u_wim', name: 'Wim Wouters' },
  createdAt: '2026-11-01T10:00:00.000Z',
  ...over,
});

function server() {
  const items = [
    item({}),
    item({ id: 'p2', title: 'Woningdelen', scope: 'in-scope', theme: 'beschikbaarheid' }),
    item({ id: 'p3', title: 'Oud punt', status: 'done', scope: 'unclear' }),
  ];
  return fakeServer((request) => {
    if (request.path === '/api/workspaces/w_1/parking' && request.method === 'GET') {
      return { status: 200, body: { items } };
    }
    if (request.path === '/api/workspaces/w_1/parking' && request.method === 'POST') {
      const body = request.body as { title: string };
      const added = item({
        id: 'p4',
        title: body.title,
        createdBy: { userId: 'u_bram', name: 'Bram Bakker' },
      });
      items.splice(2, 0, added);
      return { status: 201, body: { item: added } };
    }
    if (request.path === '/api/workspaces/w_1/parking/p1' && request.method === 'PATCH') {
      items[0] = { ...items[0]!, ...(request.body as Partial<ParkingItemDto>) };
      return { status: 200, body: { item: items[0] } };
    }
    return { status: 404 };
  });
}

describe('ParkingLot', () => {
  beforeEach(quietEvents);

  it('lists topics with their scope and theme; the creator or facilitator marks done', async () => {
    const requests = server();
    render(<ParkingLot workspaceId="w_1" member={member('u_anna')} />);
    const list = await screen.findByRole('list');
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.parking-item__title')?.textContent)).toEqual([
      'Leegstand winkelpanden',
      'Woningdelen',
      'Oud punt',
    ]);
    expect(rows[0]!.textContent).toContain('Buiten scope');
    expect(rows[1]!.textContent).toContain('Binnen scope');
    expect(rows[1]!.textContent).toContain('Beschikbaarheid');
    expect(rows[2]!.textContent).toContain('Afgerond');
    fireEvent.click(screen.getByRole('button', { name: 'Afronden: Leegstand winkelpanden' }));
    await screen.findByText('Afgerond: Leegstand winkelpanden');
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ status: 'done' });
  });

  it('lets a negotiator park a topic; a title is required', async () => {
    const requests = server();
    render(<ParkingLot workspaceId="w_1" member={member('u_bram')} meetingId="m1" />);
    await screen.findByRole('list');
    // Not theirs: no "mark done".
    expect(screen.queryByRole('button', { name: /Afronden/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Op de parkeerplaats zetten' }));
    await screen.findByText('Vul dit in.');
    fireEvent.change(screen.getByLabelText('Onderwerp'), { target: { value: 'Parkeerbeleid' } });
    fireEvent.change(screen.getByLabelText('Hoort het bij de afspraken?'), {
      target: { value: 'in-scope' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Op de parkeerplaats zetten' }));
    await screen.findByText('Op de parkeerplaats gezet: Parkeerbeleid');
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      title: 'Parkeerbeleid',
      scope: 'in-scope',
      meetingId: 'm1',
    });
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(4));
  });

  it('offers observers no form', async () => {
    server();
    render(<ParkingLot workspaceId="w_1" member={member('u_olga')} />);
    await screen.findByRole('list');
    expect(screen.queryByRole('button', { name: 'Op de parkeerplaats zetten' })).toBeNull();
  });

  it("the facilitator edits a topic's words, scope tag and theme in a dialog", async () => {
    const requests = server();
    render(<ParkingLot workspaceId="w_1" member={member('u_anna')} />);
    const edit = await screen.findByRole('button', { name: 'Bewerken: Leegstand winkelpanden' });
    edit.focus();
    fireEvent.click(edit);
    const dialog = await screen.findByRole('dialog', {
      name: 'Onderwerp bewerken: Leegstand winkelpanden',
    });
    const title = within(dialog).getByLabelText<HTMLInputElement>('Onderwerp');
    expect(document.activeElement).toBe(title);
    expect(
      within(dialog).getByLabelText<HTMLSelectElement>('Hoort het bij de afspraken?').value,
    ).toBe('out-of-scope');
    fireEvent.change(title, { target: { value: 'Leegstand winkels in het centrum' } });
    fireEvent.change(within(dialog).getByLabelText('Toelichting (niet verplicht)'), {
      target: { value: 'Raakt de woningvoorraad.' },
    });
    fireEvent.change(within(dialog).getByLabelText('Hoort het bij de afspraken?'), {
      target: { value: 'in-scope' },
    });
    fireEvent.change(within(dialog).getByLabelText('Thema (niet verplicht)'), {
      target: { value: 'beschikbaarheid' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Opslaan' }));

    await screen.findByText('Opgeslagen: Leegstand winkels in het centrum');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      title: 'Leegstand winkels in het centrum',
      note: 'Raakt de woningvoorraad.',
      scope: 'in-scope',
      theme: 'beschikbaarheid',
    });
    const row = (await screen.findByText('Leegstand winkels in het centrum')).closest('li')!;
    expect(row.textContent).toContain('Binnen scope');
    expect(row.textContent).toContain('Beschikbaarheid');
    expect(document.activeElement).toBe(
      screen.getByRole('button', { name: 'Bewerken: Leegstand winkels in het centrum' }),
    );
  });

  it('clears a theme with null and refuses an empty topic', async () => {
    const requests = server();
    render(<ParkingLot workspaceId="w_1" member={member('u_anna')} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Bewerken: Woningdelen' }));
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText('Onderwerp');
    fireEvent.change(title, { target: { value: '' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Opslaan' }));
    await within(dialog).findByText('Vul dit in.');
    expect(requests.some((r) => r.method === 'PATCH')).toBe(false);
    fireEvent.change(title, { target: { value: 'Woningdelen' } });
    fireEvent.change(within(dialog).getByLabelText('Thema (niet verplicht)'), {
      target: { value: '' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Opslaan' }));
    await waitFor(() => expect(requests.some((r) => r.method === 'PATCH')).toBe(true));
    expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({
      title: 'Woningdelen',
      note: '',
      scope: 'in-scope',
      theme: null,
    });
  });

  it('offers editing to the creator and the facilitator only, and not on done topics', async () => {
    server();
    const { unmount } = render(<ParkingLot workspaceId="w_1" member={member('u_wim')} />);
    await screen.findByRole('button', { name: 'Bewerken: Leegstand winkelpanden' });
    expect(screen.queryByRole('button', { name: 'Bewerken: Oud punt' })).toBeNull();
    unmount();
    render(<ParkingLot workspaceId="w_1" member={member('u_bram')} />);
    await screen.findByRole('list');
    expect(screen.queryByRole('button', { name: /Bewerken/ })).toBeNull();
  });
});
