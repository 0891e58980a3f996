import type { ConsentRoundDto, MemberDto, PartyDto } from '@akkoord/domain';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer } from '../testing';
import { ConsentPanel, type ConsentPanelProps } from './ConsentPanel';
import { testPosition, testRound } from './testRounds';

const parties: PartyDto[] = [
  { id: 'corp', name: 'Woonstad', kind: 'corporation', color: '#1d4ed8' },
  { id: 'gem', name: 'Gemeente', kind: 'municipality', color: '#b45309' },
  { id: 'hurd', name: 'Huurders', kind: 'tenants', color: '#047857' },
];

const facilitator: MemberDto = { userId: 'u_f', name: 'Fem', role: 'facilitator', partyId: null };
const bram: MemberDto = { userId: 'u_b', name: 'Bram', role: 'negotiator', partyId: 'gem' };
const olga: MemberDto = { userId: 'u_o', name: 'Olga', role: 'observer', partyId: null };

const target = { kind: 'clause', documentId: 'd1', clauseId: 'c1' } as const;

const position = testPosition;
const round = (over: Partial<ConsentRoundDto> = {}) => testRound({ target, ...over });

function show(over: Partial<ConsentPanelProps> = {}) {
  const onChanged = vi.fn();
  render(
    <ConsentPanel
      workspaceId="w1"
      target={target}
      targetLabel="Afspraak B-01"
      parties={parties}
      member={bram}
      rounds={[]}
      onChanged={onChanged}
      {...over}
    />,
  );
  return onChanged;
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

describe('ConsentPanel', () => {
  it('the facilitator opens a round on the clause', async () => {
    const requests = fakeServer(() => ({ status: 201, body: { round: round() } }));
    const onChanged = show({ member: facilitator });
    fireEvent.click(screen.getByRole('button', { name: 'Instemmingsronde starten' }));
    await settle();
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/workspaces/w1/consent-rounds',
      body: { target },
    });
    expect(onChanged).toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe(
      'De instemmingsronde over Afspraak B-01 is gestart.',
    );
  });

  it('negotiators and observers get no "open round" button', () => {
    show({ member: bram });
    expect(screen.queryByRole('button', { name: 'Instemmingsronde starten' })).toBeNull();
    expect(screen.getByText('Er loopt geen instemmingsronde over Afspraak B-01.')).toBeTruthy();
  });

  it('shows the tally per party with positions and reasons, in the workspace order', () => {
    show({
      member: olga,
      rounds: [
        round({
          positions: [position('hurd', 'object', 'Te duur.'), position('corp', 'agree')],
        }),
      ],
    });
    const region = screen.getByRole('region', { name: 'Stand van de ronde' });
    const items = within(region).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-position'))).toEqual([
      'agree',
      'missing',
      'object',
    ]);
    expect(items[0]?.textContent).toContain('Woonstad: Akkoord');
    expect(items[1]?.textContent).toContain('Gemeente: Nog geen standpunt');
    expect(items[2]?.textContent).toContain('Huurders: Bezwaar');
    expect(items[2]?.textContent).toContain('Te duur.');
    expect(within(region).getByText('2 van 3 partijen hebben een standpunt gegeven.')).toBeTruthy();
    // Observers read along only.
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a negotiator states the position of their own party only', async () => {
    const requests = fakeServer(() => ({ status: 200, body: { round: round(), tally: {} } }));
    const onChanged = show({ rounds: [round()] });
    const group = screen.getByRole('group', { name: 'Standpunt van Gemeente' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.getAttribute('value'))).toEqual(['agree', 'reservation', 'object']);
    expect(within(group).getByRole('radio', { name: 'Akkoord' })).toBeTruthy();
    fireEvent.click(within(group).getByRole('radio', { name: 'Akkoord met voorbehoud' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Toelichting' }), {
      target: { value: 'Mits de planning haalbaar is.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt doorgeven' }));
    await settle();
    expect(requests[0]).toMatchObject({
      method: 'PUT',
      path: '/api/workspaces/w1/consent-rounds/r1/position',
      body: { position: 'reservation', reason: 'Mits de planning haalbaar is.' },
    });
    expect(onChanged).toHaveBeenCalled();
    expect(screen.getByText('Het standpunt van Gemeente is doorgegeven.')).toBeTruthy();
    // No controls for other parties, nor the facilitator's.
    expect(screen.queryByRole('group', { name: /Woonstad/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Sluiten: geen akkoord' })).toBeNull();
  });

  it('an objection without a reason is not sent: the error sits at the field, focus moves there', async () => {
    const requests = fakeServer(() => ({ status: 200, body: {} }));
    show({ rounds: [round()] });
    fireEvent.click(screen.getByRole('radio', { name: 'Bezwaar' }));
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt doorgeven' }));
    await settle();
    expect(requests).toHaveLength(0);
    const reason = screen.getByRole('textbox', { name: 'Toelichting' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(reason);
    const describedBy = reason.getAttribute('aria-describedby') ?? '';
    const error = document.getElementById(describedBy.split(' ')[0] ?? '');
    expect(error?.textContent).toBe(
      'Schrijf een toelichting: bij een voorbehoud of een bezwaar is die nodig.',
    );
  });

  it('the own party’s earlier position is the starting point; a refusal (409) is explained', async () => {
    fakeServer(() => apiError(409, 'conflict'));
    const onChanged = show({
      rounds: [round({ positions: [position('gem', 'object', 'Nee.')] })],
    });
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Bezwaar' }).checked).toBe(true);
    expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Toelichting' }).value).toBe(
      'Nee.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Standpunt doorgeven' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe(
      'Dat kan nu niet meer: de ronde is intussen veranderd. De stand is bijgewerkt.',
    );
    expect(onChanged).toHaveBeenCalled();
  });

  it('the facilitator closes as "geen akkoord" or cancels', async () => {
    const requests = fakeServer(() => ({ status: 200, body: { round: round() } }));
    show({ member: facilitator, rounds: [round()] });
    expect(screen.queryByRole('radio')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Sluiten: geen akkoord' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Ronde annuleren' }));
    await settle();
    expect(requests.map((r) => [r.path, r.body])).toEqual([
      ['/api/workspaces/w1/consent-rounds/r1/close', { outcome: 'not-agreed' }],
      ['/api/workspaces/w1/consent-rounds/r1/close', { outcome: 'cancelled' }],
    ]);
  });

  it('agreed and locked: "Vastgesteld", and no new round until reopened', () => {
    show({
      member: facilitator,
      locked: true,
      rounds: [
        round({
          status: 'closed',
          outcome: 'agreed',
          closedAt: '2026-11-27T11:00:00Z',
          positions: parties.map((p) => position(p.id, 'agree')),
        }),
      ],
    });
    expect(screen.getByText('Vastgesteld')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Instemmingsronde starten' })).toBeNull();
  });

  it('after a round without consent it says so, and the facilitator may start another', () => {
    show({
      member: facilitator,
      rounds: [
        round({ status: 'closed', outcome: 'not-agreed', closedAt: '2026-11-27T11:00:00Z' }),
      ],
    });
    expect(screen.getByText('Laatste ronde: Geen akkoord')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Instemmingsronde starten' })).toBeTruthy();
  });

  it('rounds of other targets are not shown', () => {
    show({
      member: olga,
      rounds: [round({ target: { kind: 'clause', documentId: 'd1', clauseId: 'other' } })],
    });
    expect(screen.queryByRole('region', { name: 'Stand van de ronde' })).toBeNull();
  });
});
