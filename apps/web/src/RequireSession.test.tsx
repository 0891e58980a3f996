import { act, render, screen } from '@testing-library/react';
import { lazy, Suspense, type ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { RequireSession } from './RequireSession';
import { fakeServer } from './testing';
import { resetSession } from './useSession';

afterEach(() => resetSession());

describe('RequireSession', () => {
  it('a page loaded on demand replaces the loading page; the two are never in the document together', async () => {
    let loaded: (page: { default: () => ReactElement }) => void = () => undefined;
    const Page = lazy(() => new Promise<{ default: () => ReactElement }>((r) => (loaded = r)));
    // The header's notifications ask the server; nothing here is about them.
    fakeServer(() => ({ status: 200, body: { notifications: [], unread: 0 } }));
    resetSession({ status: 'loading' });
    const { container } = render(
      <Suspense fallback={<p>buiten</p>}>
        <RequireSession>{() => <Page />}</RequireSession>
      </Suspense>,
    );
    const pickers = () => container.querySelectorAll('select').length;
    expect(screen.getByRole('status').textContent).toBe('Bezig met laden…');
    expect(pickers()).toBe(1);

    // The session is known while the page's code is still on its way.
    act(() =>
      resetSession({ status: 'signed-in', user: { id: 'u_1', email: 'a@b.nl', name: 'Anna' } }),
    );
    expect(screen.getByRole('status').textContent).toBe('Bezig met laden…');
    expect(pickers()).toBe(1);
    expect(container.querySelector('[style*="display: none"]')).toBeNull();

    await act(async () => {
      loaded({ default: () => <h1>Vergaderingen</h1> });
      await Promise.resolve();
    });
    expect(await screen.findByRole('heading', { name: 'Vergaderingen' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });
});
