import type { ThreadDto } from '@akkoord/domain';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../testing';
import { ParkThreadButton, parkingTitleOf } from './ParkThreadButton';

const thread = (over: Partial<ThreadDto> = {}): ThreadDto => ({
  id: 't1',
  workspaceId: 'w_1',
  documentId: 'd_agr',
  visibility: 'shared',
  partyId: null,
  clauseId: 'c1',
  anchor: null,
  quote: 'zestig woningen',
  status: 'open',
  createdBy: 'u_bram',
  createdAt: 1,
  resolvedBy: null,
  resolvedAt: null,
  detached: false,
  comments: [
    {
      id: 'k1',
      threadId: 't1',
      authorId: 'u_bram',
      authorName: 'Bram Bakker',
      body: 'Kunnen we   dit na de zomer\nbespreken?',
      mentions: [],
      createdAt: 1,
      editedAt: null,
      deletedAt: null,
    },
  ],
  ...over,
});

describe('ParkThreadButton', () => {
  it('parks a shared thread with its opening words as the title', async () => {
    const requests = fakeServer(() => ({ status: 201, body: { item: {} } }));
    render(<ParkThreadButton workspaceId="w_1" thread={thread()} fallbackTitle="Discussie" />);
    fireEvent.click(screen.getByRole('button', { name: 'Naar parkeerplaats' }));
    await screen.findByText('De discussie staat op de parkeerplaats.');
    expect(requests[0]?.path).toBe('/api/workspaces/w_1/parking');
    expect(requests[0]?.body).toEqual({
      title: 'Kunnen we dit na de zomer bespreken?',
      scope: 'unclear',
      threadId: 't1',
    });
  });

  it("is not offered on a party's internal thread (the parking lot is read by everyone)", () => {
    render(
      <ParkThreadButton
        workspaceId="w_1"
        thread={thread({ visibility: 'party', partyId: 'p_gem' })}
        fallbackTitle="Discussie"
      />,
    );
    expect(screen.queryByRole('button', { name: 'Naar parkeerplaats' })).toBeNull();
  });

  it('falls back to the quote, then to the given title, and stays within 200 characters', () => {
    expect(parkingTitleOf(thread({ comments: [] }), 'x')).toBe('zestig woningen');
    expect(parkingTitleOf(thread({ comments: [], quote: '' }), 'Discussie')).toBe('Discussie');
    const long = thread({ quote: 'a'.repeat(300), comments: [] });
    expect(parkingTitleOf(long, 'x')).toHaveLength(200);
  });
});
