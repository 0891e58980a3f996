import type { ProcessGateDto } from '@akkoord/domain';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeServer } from '../testing';
import { GateBanner, gateBannerVisible, gateKeepsReadOnly } from './GateBanner';

const closed: ProcessGateDto = {
  open: false,
  processFirst: true,
  decisionId: null,
  via: null,
  at: null,
};
const opened: ProcessGateDto = {
  ...closed,
  open: true,
  decisionId: 'd1',
  via: 'consent',
  at: '2026-11-27T10:00:00Z',
};
const notProcessFirst: ProcessGateDto = { ...closed, processFirst: false };

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('gate rules (GATE-1)', () => {
  it('keeps only negotiators out of only the agreement, only while closed, only process-first', () => {
    expect(gateKeepsReadOnly(closed, 'agreement', 'negotiator')).toBe(true);
    expect(gateKeepsReadOnly(closed, 'agreement', 'facilitator')).toBe(false);
    expect(gateKeepsReadOnly(closed, 'agreement', 'observer')).toBe(false);
    expect(gateKeepsReadOnly(closed, 'process', 'negotiator')).toBe(false);
    expect(gateKeepsReadOnly(closed, 'party-notes', 'negotiator')).toBe(false);
    expect(gateKeepsReadOnly(opened, 'agreement', 'negotiator')).toBe(false);
    expect(gateKeepsReadOnly(notProcessFirst, 'agreement', 'negotiator')).toBe(false);
    // Not loaded yet: the server decides; the editor does not guess.
    expect(gateKeepsReadOnly(null, 'agreement', 'negotiator')).toBe(false);
  });

  it('the banner shows for negotiators and the facilitator, not observers', () => {
    expect(gateBannerVisible(closed, 'agreement', 'negotiator')).toBe(true);
    expect(gateBannerVisible(closed, 'agreement', 'facilitator')).toBe(true);
    expect(gateBannerVisible(closed, 'agreement', 'observer')).toBe(false);
    expect(gateBannerVisible(opened, 'agreement', 'facilitator')).toBe(false);
    expect(gateBannerVisible(closed, 'process', 'negotiator')).toBe(false);
    expect(gateBannerVisible(notProcessFirst, 'agreement', 'negotiator')).toBe(false);
  });
});

describe('GateBanner', () => {
  it('tells negotiators the agreement is read-only, without the override', () => {
    render(
      <GateBanner
        workspaceId="w1"
        gate={closed}
        kind="agreement"
        role="negotiator"
        onChanged={vi.fn()}
      />,
    );
    const banner = screen.getByRole('note', { name: 'Eerst de procesafspraken' });
    expect(banner.textContent).toContain(
      'Alleen-lezen tot alle partijen de procesafspraken hebben vastgesteld',
    );
    expect(screen.queryByRole('button', { name: 'Toch openen' })).toBeNull();
  });

  it('renders nothing once the gate is open, or for observers', () => {
    const { container, rerender } = render(
      <GateBanner
        workspaceId="w1"
        gate={opened}
        kind="agreement"
        role="negotiator"
        onChanged={vi.fn()}
      />,
    );
    expect(container.innerHTML).toBe('');
    rerender(
      <GateBanner
        workspaceId="w1"
        gate={closed}
        kind="agreement"
        role="observer"
        onChanged={vi.fn()}
      />,
    );
    expect(container.innerHTML).toBe('');
  });

  it('the facilitator opens it anyway, with a required reason', async () => {
    const requests = fakeServer(() => ({
      status: 200,
      body: { ...opened, via: 'override' },
    }));
    const onChanged = vi.fn();
    render(
      <GateBanner
        workspaceId="w1"
        gate={closed}
        kind="agreement"
        role="facilitator"
        onChanged={onChanged}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Toch openen' }));
    const dialog = screen.getByRole('dialog', { name: 'De prestatieafspraken toch openen' });
    const reason = screen.getByRole('textbox', { name: 'Reden' });
    expect(document.activeElement).toBe(reason);
    // Blank: refused here, as the server would.
    fireEvent.click(within(dialog).getByRole('button', { name: 'Prestatieafspraken openen' }));
    await settle();
    expect(requests).toHaveLength(0);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(reason, { target: { value: 'Tijdsdruk: 1 juli.' } });
    fireEvent.submit(reason.closest('form')!);
    await settle();
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/workspaces/w1/process-gate/override',
      body: { reason: 'Tijdsdruk: 1 juli.' },
    });
    expect(onChanged).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
