import type { PartyDto, PartyTurn } from '@akkoord/domain';

export interface ClauseViewSettingsValue {
  /** The workspace's parties, in their order, with colours. */
  parties: readonly PartyDto[];
  /** Observers, or a refusal from the server: every picker is disabled. */
  readOnly: boolean;
  /** Open comment threads per clause id (issue #5); a clause without any is not in the map. */
  threadCounts?: ReadonlyMap<string, number>;
  /** Opens the threads panel on one clause's threads (the badge on the card). */
  showThreads?: (clauseId: string) => void;
  /** Whose move it is per clause id (`clauseTurns`, issue #6); clauses nobody waits on are absent. */
  turns?: ReadonlyMap<string, readonly PartyTurn[]>;
  /**
   * Locked clause ids (issue #6). The clause card reads its own lock from its node; counterpart
   * cards inside it are not redrawn when only their clause changes, so they read it here.
   */
  lockedClauses?: ReadonlySet<string>;
}

type Listener = () => void;

/**
 * What every clause and counterpart card needs besides its node. The cards are plain DOM node
 * views (hundreds of React roots made a long agreement slow to open), so instead of React
 * context they read this object and redraw when it announces a change.
 */
export class ClauseViewSettings {
  private current: ClauseViewSettingsValue;
  private readonly listeners = new Set<Listener>();

  constructor(initial: ClauseViewSettingsValue = { parties: [], readOnly: true }) {
    this.current = initial;
  }

  get value(): ClauseViewSettingsValue {
    return this.current;
  }

  set(next: ClauseViewSettingsValue): void {
    const now = this.current;
    if (
      next.parties === now.parties &&
      next.readOnly === now.readOnly &&
      next.threadCounts === now.threadCounts &&
      next.showThreads === now.showThreads &&
      next.turns === now.turns &&
      next.lockedClauses === now.lockedClauses
    ) {
      return;
    }
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Returns the unsubscribe function; node views call it in `destroy`. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
