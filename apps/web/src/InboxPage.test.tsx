import type { NotificationDto } from '@akkoord/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { InboxPage } from './InboxPage';
import { fakeServer, type FakeAnswer, type FakeRequest } from './testing';
import { getUnreadCount } from './unreadCount';

const note = (over: Partial<NotificationDto>): NotificationDto => ({
  id: 'n1',
  kind: 'mention',
  workspaceId: 'w1',
  workspaceTitle: 'Prestatieafspraken 2026',
  documentId: 'd1',
  documentTitle: 'Afsprakenlijst',
  threadId: 't1',
  clauseId: 'c1',
  actor: { id: 'u_bram', name: 'Bram Bakker' },
  excerpt: '@Carla kunt u hier naar kijken?',
  createdAt: Date.parse('2026-03-02T09:00:00Z'),
  readAt: null,
  path: '/w/w1/d/d1?thread=t1',
  ...over,
});

function server(emailEnabled = true, extra?: (r: FakeRequest) => FakeAnswer | undefined) {
  return fakeServer((request) => {
    const answer = extra?.(request);
    if (answer) return answer;
    if (request.path.startsWith('/api/notifications?')) {
      return {
        status: 200,
        body: {
          notifications: [
            note({ id: 'old', kind: 'reply', createdAt: 1, readAt: 5, excerpt: 'Eens.' }),
            note({}),
          ],
          unreadCount: 1,
          nextBefore: null,
        },
      };
    }
    if (request.path === '/api/notifications/n1/read') {
      return { status: 200, body: { unreadCount: 0 } };
    }
    if (request.path === '/api/me/notification-preferences') {
      const email = request.method === 'PUT' ? (request.body as { email: string }).email : 'daily';
      return { status: 200, body: { preferences: { email, emailEnabled } } };
    }
    return { status: 404 };
  });
}

describe('InboxPage', () => {
  it('lists notifications newest first with who, what, where and a permalink', async () => {
    server();
    render(<InboxPage />);
    const list = await screen.findByRole('list', { name: 'Meldingen, nieuwste eerst' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Bram Bakker noemde u');
    expect(items[0]!.textContent).toContain('Ongelezen');
    expect(items[0]!.textContent).toContain('@Carla kunt u hier naar kijken?');
    expect(items[1]!.textContent).toContain('Bram Bakker reageerde');
    const open = within(items[0]!).getByRole('link', {
      name: 'Openen: Afsprakenlijst, bij deze melding',
    });
    expect(open.getAttribute('href')).toBe('/w/w1/d/d1?thread=t1');
    expect(screen.getByText('1 ongelezen')).toBeTruthy();
  });

  it('marks one as read and updates the header count', async () => {
    const requests = server();
    render(<InboxPage />);
    fireEvent.click(
      await screen.findByRole('button', { name: 'Markeer als gelezen: melding van Bram Bakker' }),
    );
    await screen.findByText('Gemarkeerd als gelezen.');
    expect(
      requests.some((r) => r.method === 'POST' && r.path === '/api/notifications/n1/read'),
    ).toBe(true);
    expect(getUnreadCount()).toBe(0);
    expect(screen.queryByRole('button', { name: /als gelezen/ })).toBeNull();
  });

  it('marks all as read', async () => {
    const requests = server(true, (r) =>
      r.path === '/api/notifications/read-all'
        ? { status: 200, body: { unreadCount: 0 } }
        : undefined,
    );
    render(<InboxPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Alles als gelezen markeren' }));
    await screen.findByText('Alle meldingen zijn als gelezen gemarkeerd.');
    expect(requests.at(-1)?.path).toBe('/api/notifications/read-all');
  });

  it('saves the e-mail choice and says when this server sends no e-mail', async () => {
    const requests = server(false);
    render(<InboxPage />);
    const group = await screen.findByRole('group', { name: 'Hoe vaak wilt u e-mail?' });
    expect(screen.getByText(/verstuurt op dit moment geen e-mail/)).toBeTruthy();
    const daily = within(group).getByRole<HTMLInputElement>('radio', {
      name: 'Eén keer per dag een overzicht',
    });
    expect(daily.checked).toBe(true);
    fireEvent.click(within(group).getByRole('radio', { name: 'Geen e-mail' }));
    await screen.findByText('Uw keuze is opgeslagen.');
    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.body).toEqual({ email: 'none' });
    await waitFor(() =>
      expect(
        within(group).getByRole<HTMLInputElement>('radio', { name: 'Geen e-mail' }).checked,
      ).toBe(true),
    );
  });
});
