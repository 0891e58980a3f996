import type { MeetingDto, SpeakingEntryDto } from '@akkoord/domain';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sampleWorkspace } from '../fixtures';
import { fakeServer } from '../testing';
import { AgendaBar } from './AgendaBar';
import { agendaItem, quietEvents, runningMeeting } from './meetingTesting';

const workspace = sampleWorkspace();
const member = (userId: string) => workspace.members.find((m) => m.userId === userId)!;
const minutesAgo = (serverNow: number, minutes: number) =>
  new Date(serverNow - minutes * 60_000).toISOString();

/** A server whose clock is an hour ahead of ours: the bar must time by the server's clock. */
function meetingServer(
  meeting: (serverNow: number) => Partial<MeetingDto> = () => ({}),
  entries: SpeakingEntryDto[] = [],
) {
  const requests = fakeServer((request) => {
    const serverNow = Date.now() + 3_600_000;
    const base = '/api/workspaces/w_1/meetings';
    if (request.method === 'GET' && request.path === base) {
      const m = runningMeeting({
        serverTime: new Date(serverNow).toISOString(),
        items: [agendaItem({ runningSince: minutesAgo(serverNow, 4) })],
        ...meeting(serverNow),
      });
      return { status: 200, body: { meetings: [m] } };
    }
    if (request.path === `${base}/m1/attend`) return { status: 204 };
    if (request.path === `${base}/m1/queue` && request.method === 'GET') {
      return { status: 200, body: { entries, balance: [] } };
    }
    if (request.path === `${base}/m1/queue` && request.method === 'POST') {
      const entry: SpeakingEntryDto = {
        id: 'q1',
        userId: 'u_bram',
        name: 'Bram Bakker',
        partyId: 'p_gem',
        status: 'waiting',
        raisedAt: new Date().toISOString(),
        startedAt: null,
        endedAt: null,
      };
      entries.push(entry);
      return { status: 201, body: { entry } };
    }
    if (request.path === `${base}/m1/queue/mine` && request.method === 'DELETE') {
      entries.splice(0, entries.length);
      return { status: 204 };
    }
    return { status: 404 };
  });
  return requests;
}

/** An event stream a test can play `facilitation` events into (the bar's live queue). */
class PlayableEventSource {
  static opened: PlayableEventSource[] = [];
  private readonly handlers = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  constructor() {
    PlayableEventSource.opened.push(this);
  }
  addEventListener(type: string, handler: (e: MessageEvent<string>) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  close() {}
  emit(type: string, data: unknown) {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const h of this.handlers.get(type) ?? []) h(event);
  }
}

function turn(over: Partial<SpeakingEntryDto>): SpeakingEntryDto {
  return {
    id: 'q1',
    userId: 'u_wim',
    name: 'Wim Wouters',
    partyId: 'p_gem',
    status: 'speaking',
    raisedAt: '2026-12-01T18:31:00.000Z',
    startedAt: '2026-12-01T18:32:00.000Z',
    endedAt: null,
    ...over,
  };
}

describe('AgendaBar', () => {
  beforeEach(quietEvents);

  it('shows the meeting, the current item and the time left by the server clock', async () => {
    const requests = meetingServer();
    render(<AgendaBar workspace={workspace} member={member('u_bram')} />);
    const bar = await screen.findByRole('region', { name: 'Lopende vergadering' });
    expect(bar.textContent).toContain('Overleg december');
    expect(within(bar).getByText('Nu aan de orde: Huurverhoging 2027')).toBeTruthy();
    const timer = within(bar).getByRole('timer');
    // 10 minutes, 4 used by the server's clock (ours is an hour behind): about 6:00 left.
    const left = Number(timer.getAttribute('data-seconds-left'));
    expect(left).toBeGreaterThanOrEqual(358);
    expect(left).toBeLessThanOrEqual(360);
    expect(timer.textContent).toMatch(/^0[56]:\d\d$/);
    expect(within(bar).queryByText('Over tijd')).toBeNull();
    // Attendance is recorded once.
    await waitFor(() =>
      expect(requests.filter((r) => r.path.endsWith('/m1/attend'))).toHaveLength(1),
    );
  });

  it('turns red and says "over time" when the timebox is used up', async () => {
    meetingServer((serverNow) => ({
      items: [agendaItem({ timeboxMinutes: 10, runningSince: minutesAgo(serverNow, 11) })],
    }));
    render(<AgendaBar workspace={workspace} member={member('u_bram')} />);
    const timer = await screen.findByRole('timer');
    expect(timer.textContent).toMatch(/^-01:0\d$/);
    expect(screen.getByText('Over tijd')).toBeTruthy();
  });

  it('shows nothing when no meeting runs', async () => {
    const requests = fakeServer(() => ({ status: 200, body: { meetings: [] } }));
    const { container } = render(<AgendaBar workspace={workspace} member={member('u_bram')} />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(container.textContent).toBe('');
  });

  it('raises and lowers the hand with the queue routes (a toggle button)', async () => {
    const requests = meetingServer();
    render(<AgendaBar workspace={workspace} member={member('u_bram')} />);
    const hand = await screen.findByRole('button', { name: 'Hand opsteken' });
    await waitFor(() => expect(hand.getAttribute('aria-disabled')).toBe('false'));
    expect(hand.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(hand);
    await waitFor(() => expect(hand.getAttribute('aria-pressed')).toBe('true'));
    expect(
      requests.some(
        (r) => r.method === 'POST' && r.path === '/api/workspaces/w_1/meetings/m1/queue',
      ),
    ).toBe(true);
    expect(screen.getByText('Uw hand is opgestoken (plek 1).')).toBeTruthy();
    fireEvent.click(hand);
    await waitFor(() => expect(hand.getAttribute('aria-pressed')).toBe('false'));
    expect(
      requests.some(
        (r) => r.method === 'DELETE' && r.path === '/api/workspaces/w_1/meetings/m1/queue/mine',
      ),
    ).toBe(true);
  });

  it('offers no raise hand to observers and the facilitator', async () => {
    meetingServer();
    const { unmount } = render(<AgendaBar workspace={workspace} member={member('u_olga')} />);
    await screen.findByRole('region', { name: 'Lopende vergadering' });
    expect(screen.queryByRole('button', { name: 'Hand opsteken' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Volg de procesbegeleider' })).toBeTruthy();
    unmount();
    render(<AgendaBar workspace={workspace} member={member('u_anna')} documentId="d_agr" />);
    await screen.findByRole('region', { name: 'Lopende vergadering' });
    expect(screen.queryByRole('button', { name: 'Hand opsteken' })).toBeNull();
    const share = screen.getByRole('button', { name: 'Laat iedereen meekijken' });
    expect(share.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('link', { name: 'Vergadering leiden' }).getAttribute('href')).toBe(
      '/w/w_1/vergaderingen/m1',
    );
  });

  it('follows by default; the toggle stops following and hides the link to the focus', async () => {
    meetingServer(() => ({ focus: { documentId: 'd_agr', clauseId: 'c_7', seq: 3 } }));
    render(<AgendaBar workspace={workspace} member={member('u_bram')} documentId="d_proc" />);
    const follow = await screen.findByRole('button', { name: 'Volg de procesbegeleider' });
    expect(follow.getAttribute('aria-pressed')).toBe('true');
    const goTo = screen.getByRole('link', {
      name: 'De procesbegeleider is in Prestatieafspraken: ga erheen',
    });
    expect(goTo.getAttribute('href')).toBe('/w/w_1/d/d_agr?clause=c_7');
    fireEvent.click(follow);
    expect(follow.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('link', { name: /ga erheen/ })).toBeNull();
  });

  it('offers no link when the focus is on the document being shown', async () => {
    meetingServer(() => ({ focus: { documentId: 'd_agr', clauseId: 'c_7', seq: 3 } }));
    render(<AgendaBar workspace={workspace} member={member('u_bram')} documentId="d_agr" />);
    await screen.findByRole('button', { name: 'Volg de procesbegeleider' });
    expect(screen.queryByRole('link', { name: /ga erheen/ })).toBeNull();
  });

  it('shows who has the floor and announces a new speaker once, not the one already speaking', async () => {
    PlayableEventSource.opened = [];
    vi.stubGlobal('EventSource', PlayableEventSource);
    const entries = [turn({})];
    const requests = meetingServer(() => ({}), entries);
    render(<AgendaBar workspace={workspace} member={member('u_bram')} />);
    const bar = await screen.findByRole('region', { name: 'Lopende vergadering' });
    expect(await within(bar).findByText('Aan het woord: Wim Wouters (Gemeente)')).toBeTruthy();
    // The bar and its raise-hand button share one loaded queue.
    const queueLoads = () =>
      requests.filter((r) => r.method === 'GET' && r.path.endsWith('/m1/queue')).length;
    expect(queueLoads()).toBe(1);
    // Whoever already spoke when the page opened is shown, not announced.
    const status = within(bar).getByRole('status');
    expect(status.textContent).toBe('');

    // The facilitator gives the floor to someone of another party: said once, politely.
    entries.splice(0, 1, turn({ status: 'done', endedAt: '2026-12-01T18:34:00.000Z' }));
    entries.push(turn({ id: 'q2', userId: 'u_kees', name: 'Kees Kramer', partyId: 'p_corp' }));
    const source = PlayableEventSource.opened[0]!;
    act(() => source.emit('facilitation', { topic: 'queue', meetingId: 'm1' }));
    expect(await within(bar).findByText('Aan het woord: Kees Kramer (Woonstede)')).toBeTruthy();
    // The live region is set by an effect after the line renders; a busy machine can see between.
    await waitFor(() => expect(status.textContent).toBe('Aan het woord: Kees Kramer (Woonstede)'));
    expect(queueLoads()).toBe(2);

    // The turn ends: the line goes, and the live region says nothing new.
    entries.splice(1, 1, { ...entries[1]!, status: 'done', endedAt: '2026-12-01T18:36:00.000Z' });
    act(() => source.emit('facilitation', { topic: 'queue', meetingId: 'm1' }));
    await waitFor(() => expect(within(bar).queryByTestId('agenda-bar-speaker')).toBeNull());
    expect(status.textContent).toBe('Aan het woord: Kees Kramer (Woonstede)');
  });

  it('says "geen partij" for a speaker without a party (the facilitator, say)', async () => {
    meetingServer(() => ({}), [turn({ userId: 'u_anna', name: 'Anna de Vries', partyId: null })]);
    render(<AgendaBar workspace={workspace} member={member('u_olga')} />);
    const line = await screen.findByTestId('agenda-bar-speaker');
    expect(line.textContent).toBe('Aan het woord: Anna de Vries (geen partij)');
  });

  it('shows no speaker line while nobody has the floor', async () => {
    meetingServer();
    render(<AgendaBar workspace={workspace} member={member('u_bram')} />);
    // The raise-hand button is usable once the (shared) queue has loaded.
    const hand = await screen.findByRole('button', { name: 'Hand opsteken' });
    await waitFor(() => expect(hand.getAttribute('aria-disabled')).toBe('false'));
    expect(screen.queryByTestId('agenda-bar-speaker')).toBeNull();
    expect(screen.queryByText(/Aan het woord/)).toBeNull();
  });
});
