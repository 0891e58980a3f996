import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationsButton } from './NotificationsButton';
import { fakeServer } from './testing';
import { setUnreadCount } from './unreadCount';
import { resetSession } from './useSession';

const carla = { id: 'u_carla', email: 'carla@example.org', name: 'Carla' };

afterEach(() => {
  resetSession();
  setUnreadCount(null);
});

describe('NotificationsButton', () => {
  it('names the unread count and refreshes it with one small request, e.g. when the window gets focus again', async () => {
    let unread = 3;
    const requests = fakeServer(() => ({
      status: 200,
      body: { notifications: [], unreadCount: unread, nextBefore: null },
    }));
    resetSession({ status: 'signed-in', user: carla });
    render(<NotificationsButton />);
    // "Meldingen" + visually hidden ", 3 ongelezen" (name tools may put a space in between).
    const link = await screen.findByRole('link', { name: /^Meldingen ?, 3 ongelezen$/ });
    expect(link.getAttribute('href')).toBe('/meldingen');
    expect(requests[0]?.path).toBe('/api/notifications?unread=1&limit=1');

    unread = 0;
    fireEvent.focus(window);
    await screen.findByRole('link', { name: 'Meldingen' });
    expect(requests).toHaveLength(2);
  });

  it('is not shown to someone who is not logged in', () => {
    fakeServer(() => ({ status: 401 }));
    resetSession({ status: 'signed-out' });
    render(<NotificationsButton />);
    expect(screen.queryByRole('link')).toBeNull();
  });
});
