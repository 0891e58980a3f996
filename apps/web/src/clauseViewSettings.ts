import type { PartyDto } from '@akkoord/domain';

export interface ClauseViewSettingsValue {
  /** The workspace's parties, in their order, with colours. */
  parties: readonly PartyDto[];
  /** Observers, or a refusal from the server: every picker is disabled. */
  readOnly: boolean;
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
    if (next.parties === this.current.parties && next.readOnly === this.current.readOnly) return;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Returns the unsubscribe function; node views call it in `destroy`. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
