import type {
  ConsentRoundDto,
  ConsentTarget,
  DecisionDto,
  DecisionKind,
  Position,
  RoundOutcome,
} from '@akkoord/domain';

export interface NewRound {
  id: string;
  workspaceId: string;
  meetingId: string | null;
  target: ConsentTarget;
  clauseNumber: string | null;
  text: string;
  openedBy: string;
  at: number;
}

export interface NewPosition {
  roundId: string;
  partyId: string;
  position: Position;
  reason: string;
  userId: string;
  at: number;
}

/** A decision as written; its positions are a copy, so later changes cannot rewrite it. */
export type NewDecision = Omit<DecisionDto, 'at'> & { actorId: string; at: number };

/** How the process gate was opened, as stored (absent: closed). */
export interface GateRecord {
  decisionId: string;
  via: 'consent' | 'override';
  at: number;
}

/**
 * Consent rounds with their positions, the decision log and the process gate. The rules (who
 * may do what, when consent is reached) are the services'; the store only keeps writes that
 * belong together atomic and refuses changes to rounds that are no longer open.
 */
export interface ConsentStore {
  /** False when a round is already open on the same target (one open round per target). */
  openRound(round: NewRound): Promise<boolean>;
  /** The text the round asks consent on, once the clause is held (CONS-5); open rounds only. */
  setRoundText(roundId: string, text: string, clauseNumber: string | null): Promise<void>;
  /** Removes an open round that never got going (its clause could not be held). */
  discardRound(roundId: string): Promise<void>;
  /** Clause ids with an open round in the document synced in `room`: held while it loads. */
  heldClauseIdsByRoom(room: string): Promise<string[]>;
  round(workspaceId: string, roundId: string): Promise<ConsentRoundDto | null>;
  /** Newest first; `closedLimit` caps the closed rounds returned (open ones always come). */
  rounds(workspaceId: string, closedLimit?: number): Promise<ConsentRoundDto[]>;
  /** The party's position, replacing its earlier one; false when the round is not open. */
  setPosition(p: NewPosition): Promise<boolean>;
  /**
   * Closes an open round and writes its decision (with the round's positions copied) in one
   * transaction; with `openGate`, also opens the workspace's process gate by that decision if
   * it is still closed. False (and nothing written) when the round was no longer open.
   */
  closeRound(
    roundId: string,
    outcome: RoundOutcome,
    decision: Omit<NewDecision, 'positions' | 'kind' | 'outcome'>,
    openGate: boolean,
  ): Promise<boolean>;
  /**
   * Writes a decision that closes no round (gate override, reopening). With `openGate`, opens
   * the gate by it in the same transaction; false (nothing written) when the gate was open.
   */
  addDecision(
    decision: NewDecision & { kind: Exclude<DecisionKind, 'consent'> },
    openGate: boolean,
  ): Promise<boolean>;
  /** Oldest first. */
  decisions(workspaceId: string): Promise<DecisionDto[]>;
  gate(workspaceId: string): Promise<GateRecord | null>;
  isMeetingOf(workspaceId: string, meetingId: string): Promise<boolean>;
}
