import type { DecisionDto } from '@akkoord/domain';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import '../testing';
import { DecisionLogView } from './DecisionLogPage';

const decisions: DecisionDto[] = [
  {
    id: 'd1',
    workspaceId: 'w_1',
    meetingId: null,
    kind: 'consent',
    roundId: 'r1',
    target: { kind: 'clause', documentId: 'd_agr', clauseId: 'c1' },
    clauseNumber: 'B-03',
    outcome: 'agreed',
    reason: '',
    positions: [
      {
        partyId: 'p_gem',
        position: 'reservation',
        reason: 'Mits de grond er is.',
        userId: 'u_bram',
        name: 'Bram Bakker',
        at: '2026-11-27T10:00:00Z',
      },
    ],
    actor: { userId: 'u_bram', name: 'Bram Bakker' },
    at: '2026-11-27T10:00:00Z',
  },
  {
    id: 'd2',
    workspaceId: 'w_1',
    meetingId: null,
    kind: 'reopen',
    roundId: null,
    target: { kind: 'clause', documentId: 'd_agr', clauseId: 'c1' },
    clauseNumber: 'B-03',
    outcome: 'reopened',
    reason: 'Nieuwe cijfers.',
    positions: [],
    actor: { userId: 'u_anna', name: 'Anna de Vries' },
    at: '2026-11-27T11:00:00Z',
  },
];

describe('DecisionLogView', () => {
  it('lists every decision with its target, outcome, reason and positions', () => {
    render(<DecisionLogView workspace={sampleWorkspace()} decisions={decisions} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Besluitenlog' })).toBeTruthy();
    const entries = screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-kind'));
    expect(entries).toHaveLength(2);
    const first = entries[0]!;
    expect(
      within(first).getByRole('heading', { name: 'Instemmingsronde: Afspraak B-03' }),
    ).toBeTruthy();
    expect(first.textContent).toContain('Vastgesteld');
    expect(first.textContent).toContain(
      'Gemeente: Akkoord met voorbehoud, door Bram Bakker — Mits de grond er is.',
    );
    const second = entries[1]!;
    expect(
      within(second).getByRole('heading', { name: 'Afspraak heropend: Afspraak B-03' }),
    ).toBeTruthy();
    expect(second.textContent).toContain('Nieuwe cijfers.');
    expect(second.textContent).toContain('Anna de Vries');
  });

  it('says when there are no decisions yet', () => {
    render(<DecisionLogView workspace={sampleWorkspace()} decisions={[]} />);
    expect(screen.getByText('Er zijn nog geen besluiten.')).toBeTruthy();
  });
});
