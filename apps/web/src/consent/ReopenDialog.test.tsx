import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '../testing';
import { ReopenDialog } from './ReopenDialog';

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('ReopenDialog', () => {
  it('needs a reason, then reopens the clause (LOCK-3)', async () => {
    const requests = fakeServer(() => ({ status: 200, body: { decision: {} } }));
    const onReopened = vi.fn();
    render(
      <ReopenDialog
        workspaceId="w1"
        documentId="d1"
        clauseId="c1"
        number="B-01"
        onReopened={onReopened}
        onClose={vi.fn()}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Afspraak B-01 heropenen' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Afspraak heropenen' }));
    await settle();
    expect(requests).toHaveLength(0);
    expect(screen.getByText('Schrijf de reden op: die komt in het besluitenlog.')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: 'Reden om te heropenen' }), {
      target: { value: 'Nieuwe cijfers.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Afspraak heropenen' }));
    await settle();
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/workspaces/w1/documents/d1/clauses/c1/reopen',
      body: { reason: 'Nieuwe cijfers.' },
    });
    expect(onReopened).toHaveBeenCalled();
  });

  it('keeps the dialog open with the server’s refusal', async () => {
    fakeServer(() => apiError(403, 'forbidden'));
    const onReopened = vi.fn();
    render(
      <ReopenDialog
        workspaceId="w1"
        documentId="d1"
        clauseId="c1"
        number="B-01"
        onReopened={onReopened}
        onClose={vi.fn()}
      />,
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Reden om te heropenen' }), {
      target: { value: 'X' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Afspraak heropenen' }));
    await settle();
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(onReopened).not.toHaveBeenCalled();
  });
});
