import type { SpeakingStatus } from '@akkoord/domain';

export interface SpeakingRecord {
  id: string;
  meetingId: string;
  userId: string;
  /** The account's name now. */
  name: string;
  /** The speaker's party when they raised their hand (null: facilitator). */
  partyId: string | null;
  status: SpeakingStatus;
  raisedAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export type NewHand = Pick<SpeakingRecord, 'id' | 'meetingId' | 'userId' | 'partyId' | 'raisedAt'>;

/**
 * The speaking queue of meetings. Each change is one transaction that checks the queue's state
 * itself (one raised hand per person, one speaker per meeting), so concurrent requests cannot
 * break those invariants between a service's check and its write.
 */
export interface SpeakingStore {
  /** Every entry of the meeting, by the time the hand went up. */
  entries(meetingId: string): Promise<SpeakingRecord[]>;
  /** False (nothing stored) when the person is already waiting or speaking. */
  raise(hand: NewHand): Promise<boolean>;
  /** Withdraws a waiting hand or ends the person's own turn; false when they had neither. */
  lower(meetingId: string, userId: string, at: number): Promise<boolean>;
  /**
   * Ends the current turn and gives the floor to `entryId` (or the first waiting hand).
   * 'not-waiting' (nothing changed) when that entry is not a waiting hand of this meeting.
   */
  giveFloor(meetingId: string, entryId: string | null, at: number): Promise<'ok' | 'not-waiting'>;
  /** Ends the current turn, if any. */
  endTurn(meetingId: string, at: number): Promise<void>;
}
