import type { MeetingDto, SpeakingQueueDto } from '@akkoord/domain';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { fakeServer } from '../testing';
import { resetSession } from '../useSession';
import { MeetingConsolePage } from './MeetingConsolePage';
import { agendaItem, quietEvents, runningMeeting } from './meetingTesting';

const workspace = sampleWorkspace();
const anna = { id: 'u_anna', email: 'anna@example.org', name: 'Anna de Vries' };
const bram = { id: 'u_bram', email: 'bram@example.org', name: 'Bram Bakker' };

const queue: SpeakingQueueDto = {
  entries: [
    {
      id: 'q1',
      userId: 'u_bram',
      name: 'Bram Bakker',
      partyId: 'p_gem',
      status: 'speaking',
      raisedAt: '2026-12-01T18:31:00.000Z',
      startedAt: '2026-12-01T18:32:00.000Z',
      endedAt: null,
    },
    {
      id: 'q2',
      userId: 'u_wim',
      name: 'Wim Wouters',
      partyId: 'p_gem',
      status: 'waiting',
      raisedAt: '2026-12-01T18:33:00.000Z',
      startedAt: null,
      endedAt: null,
    },
  ],
  balance: [{ partyId: 'p_gem', turns: 2, seconds: 150 }],
};

function server(meeting: MeetingDto = meetingWithTwoItems()) {
  let current = meeting;
  return fakeServer((request) => {
    const base = '/api/workspaces/w_1/meetings/m1';
    if (request.path === '/api/workspaces/w_1') return { status: 200, body: { workspace } };
    if (request.path === base) return { status: 200, body: { meeting: current } };
    if (request.path === `${base}/attend`) return { status: 204 };
    if (request.path === `${base}/queue`) return { status: 200, body: queue };
    if (request.path === `${base}/queue/next`) return { status: 200, body: queue };
    if (request.path === `${base}/current`) {
      const itemId = (request.body as { itemId: string }).itemId;
      current = { ...current, currentItemId: itemId };
      return { status: 200, body: { meeting: current } };
    }
    if (request.path === `${base}/end`) {
      current = { ...current, status: 'ended', currentItemId: null };
      return { status: 200, body: { meeting: current, minutes: {} } };
    }
    return { status: 404 };
  });
}

function meetingWithTwoItems(): MeetingDto {
  return runningMeeting({
    serverTime: new Date().toISOString(),
    items: [
      agendaItem({ runningSince: new Date(Date.now() - 60_000).toISOString() }),
      agendaItem({ id: 'i2', title: 'Duurzaamheid', timeboxMinutes: 20 }),
    ],
    attendees: [
      {
        userId: 'u_bram',
        name: 'Bram Bakker',
        partyId: 'p_gem',
        role: 'negotiator',
        firstSeenAt: '2026-12-01T18:30:00.000Z',
      },
    ],
  });
}

describe('MeetingConsolePage', () => {
  beforeEach(quietEvents);
  afterEach(() => resetSession());

  it('shows the current item with its timer, the queue with parties, balance and attendees', async () => {
    server();
    resetSession({ status: 'signed-in', user: anna });
    render(<MeetingConsolePage workspaceId="w_1" meetingId="m1" user={anna} />);
    expect((await screen.findByTestId('console-current-item')).textContent).toBe(
      'Huurverhoging 2027',
    );
    expect(screen.getByRole('timer').textContent).toMatch(/^0(9:\d\d|8:59)$/);
    const speaking = await screen.findByTestId('speaker-now');
    await waitFor(() => expect(speaking.textContent).toContain('Bram Bakker (Gemeente)'));
    const balance = screen.getByRole('table', { name: 'Verdeling van de spreektijd per partij' });
    expect(within(balance).getByRole('row', { name: /Gemeente 2 2.5/ })).toBeTruthy();
    expect(screen.getByTestId('attendees').textContent).toContain('Bram Bakker (Gemeente)');
    const current = screen.getByTestId('agenda-list').querySelector('[aria-current="step"]');
    expect(current?.textContent).toContain('Huurverhoging 2027');
  });

  it('gives the floor to a waiting person and moves to the next item', async () => {
    const requests = server();
    render(<MeetingConsolePage workspaceId="w_1" meetingId="m1" user={anna} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Het woord geven aan Wim Wouters' }));
    await waitFor(() =>
      expect(requests.find((r) => r.path.endsWith('/queue/next'))?.body).toEqual({
        entryId: 'q2',
      }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Volgend agendapunt' }));
    await waitFor(() =>
      expect(screen.getByTestId('console-current-item').textContent).toBe('Duurzaamheid'),
    );
    expect(requests.find((r) => r.path.endsWith('/current'))?.body).toEqual({ itemId: 'i2' });
    expect(screen.getByRole('status').textContent).toContain('Nu aan de orde: Duurzaamheid');
  });

  it('ends the meeting after confirmation and links to the minutes', async () => {
    server();
    render(<MeetingConsolePage workspaceId="w_1" meetingId="m1" user={anna} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Vergadering beëindigen' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Beëindigen' }));
    const minutes = await screen.findByRole('link', { name: 'Naar het verslag' });
    expect(minutes.getAttribute('href')).toBe('/w/w_1/vergaderingen/m1/verslag');
  });

  it('shows others the meeting without the controls', async () => {
    server();
    render(<MeetingConsolePage workspaceId="w_1" meetingId="m1" user={bram} />);
    await screen.findByTestId('console-current-item');
    expect(screen.queryByRole('button', { name: 'Volgend agendapunt' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Vergadering beëindigen' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Het woord geven/ })).toBeNull();
  });
});
