import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from './fixtures';
import { MembersList } from './MembersList';
import { apiError, fakeServer } from './testing';

function renderList(canManage: boolean, onChanged = vi.fn()) {
  render(
    <MembersList
      workspace={sampleWorkspace()}
      myUserId="u_anna"
      canManage={canManage}
      onChanged={onChanged}
    />,
  );
  return screen.getByRole('region', { name: 'Partijen en deelnemers' });
}

describe('MembersList', () => {
  it('groups people by party, in the party’s colour, with their role', () => {
    const region = renderList(false);
    const headings = within(region).getAllByRole('heading', { level: 3 });
    expect(headings.map((h) => h.textContent)).toEqual([
      'Procesbegeleiding',
      'WoonstedeWoningcorporatie',
      'Gemeente',
      'Huurdersorganisatie',
      'Waarnemers',
    ]);
    const bram = within(region).getByText('Bram Bakker').closest('li') as HTMLElement;
    expect(within(bram).getByText('Onderhandelaar')).toBeTruthy();
    const avatar = bram.querySelector('.member__avatar') as HTMLElement;
    expect(avatar.style.backgroundColor).toMatch(/#b45309|rgb\(180, 83, 9\)/);
    expect(within(region).getByText('Anna de Vries (u)')).toBeTruthy();
    expect(within(region).getAllByText('Nog niemand van deze partij.')).toHaveLength(2);
  });

  it('offers no management to other members', () => {
    renderList(false);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('gives the facilitator both actions for everyone else', () => {
    renderList(true);
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'Rol wijzigen: Bram Bakker',
      'Verwijderen: Bram Bakker',
      'Rol wijzigen: Wim Wouters',
      'Verwijderen: Wim Wouters',
      'Rol wijzigen: Olga Oosting',
      'Verwijderen: Olga Oosting',
    ]);
  });

  it('lets the facilitator change someone’s role in a dialog', async () => {
    const requests = fakeServer(() => ({ status: 200, body: { member: {} } }));
    const onChanged = vi.fn();
    renderList(true, onChanged);
    expect(screen.queryByRole('button', { name: 'Rol wijzigen: Anna de Vries' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Rol wijzigen: Bram Bakker' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Rol van Bram Bakker wijzigen' }));
    const select = dialog.getByRole<HTMLSelectElement>('combobox', { name: 'Nieuwe rol' });
    expect(select.value).toBe('negotiator:p_gem');
    fireEvent.change(select, { target: { value: 'observer' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Rol opslaan' }));
    await waitFor(() =>
      expect(onChanged).toHaveBeenCalledWith('De rol van Bram Bakker is gewijzigd.'),
    );
    expect(requests[0]).toMatchObject({
      method: 'PATCH',
      path: '/api/workspaces/w_1/members/u_bram',
      body: { role: 'observer' },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('explains the last-facilitator rule when the server refuses', async () => {
    fakeServer(() => apiError(409, 'conflict'));
    renderList(true);
    fireEvent.click(screen.getByRole('button', { name: 'Rol wijzigen: Olga Oosting' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rol opslaan' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Er moet altijd minstens één procesbegeleider zijn.',
    );
  });

  it('asks before removing someone; cancelling changes nothing', async () => {
    const requests = fakeServer(() => ({ status: 204 }));
    const onChanged = vi.fn();
    renderList(true, onChanged);
    const removeButton = screen.getByRole('button', { name: 'Verwijderen: Wim Wouters' });
    removeButton.focus();
    fireEvent.click(removeButton);
    const dialog = screen.getByRole('dialog', { name: 'Wim Wouters verwijderen?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Annuleren' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Annuleren' }));
    expect(requests).toHaveLength(0);
    expect(document.activeElement).toBe(removeButton);

    fireEvent.click(removeButton);
    fireEvent.click(screen.getByRole('button', { name: 'Ja, verwijderen' }));
    await waitFor(() =>
      expect(onChanged).toHaveBeenCalledWith('Wim Wouters is verwijderd uit de onderhandeling.'),
    );
    expect(requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/api/workspaces/w_1/members/u_wim',
    });
    // The person's row goes away; focus waits on the list's heading.
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('heading', { name: 'Partijen en deelnemers' }),
      ),
    );
  });
});
