import { readClauses, type ConsentTarget, type DocumentDto } from '@akkoord/domain';
import type { ConsentDeps } from './deps';

type HoldDeps = Pick<ConsentDeps, 'locks' | 'documents' | 'log'>;

/**
 * What an open round holds (CONS-5): its clause, or for a process round every clause of the
 * process document that is not locked already; and, on consent to the process, the locks that
 * replace those holds (CONS-6). One clause at a time through ClauseLocks, so each step is the
 * same guarded change a clause round makes.
 */
export class RoundHolds {
  constructor(private readonly d: HoldDeps) {}

  /** Holds the round's clauses; if one cannot be held, those already held are released. */
  async hold(
    workspaceId: string,
    doc: DocumentDto,
    roundId: string,
    target: ConsentTarget,
  ): Promise<void> {
    const held: string[] = [];
    try {
      for (const clauseId of await this.holdable(doc, target)) {
        await this.d.locks.hold(this.ref(workspaceId, doc, clauseId, roundId));
        held.push(clauseId);
      }
    } catch (err) {
      await this.releaseEach(workspaceId, doc, roundId, held);
      throw err;
    }
  }

  /** Ends the round's holds; failures are logged, the room heals them when it reloads. */
  async release(
    workspaceId: string,
    doc: DocumentDto,
    roundId: string,
    target: ConsentTarget,
  ): Promise<void> {
    const ids =
      target.kind === 'clause'
        ? [target.clauseId]
        : await this.d.locks.heldBy({ documentId: doc.id, room: doc.room }, roundId);
    await this.releaseEach(workspaceId, doc, roundId, ids);
  }

  /**
   * Process consent (CONS-6): every clause the round held is locked by the decision. A clause
   * that cannot be locked is logged and released, so nothing stays held by a closed round.
   */
  async lockProcess(
    workspaceId: string,
    doc: DocumentDto,
    roundId: string,
    decisionId: string,
  ): Promise<void> {
    const ids = await this.d.locks.heldBy({ documentId: doc.id, room: doc.room }, roundId);
    for (const clauseId of ids) {
      const ref = this.ref(workspaceId, doc, clauseId, roundId);
      await this.d.locks.lock({ ...ref, decisionId }).catch(async (err: unknown) => {
        this.d.log.error({ err, roundId, clauseId }, 'locking a process clause failed');
        await this.releaseEach(workspaceId, doc, roundId, [clauseId]);
      });
    }
  }

  private async holdable(doc: DocumentDto, target: ConsentTarget): Promise<string[]> {
    if (target.kind === 'clause') return [target.clauseId];
    const ids = await this.d.documents.read(doc.room, (y) => readClauses(y).map((c) => c.id));
    const open: string[] = [];
    for (const id of ids) if (!(await this.d.locks.isLocked(doc.id, id))) open.push(id);
    return open;
  }

  private async releaseEach(
    workspaceId: string,
    doc: DocumentDto,
    roundId: string,
    clauseIds: readonly string[],
  ): Promise<void> {
    for (const clauseId of clauseIds)
      await this.d.locks
        .release(this.ref(workspaceId, doc, clauseId, roundId))
        .catch((err: unknown) =>
          this.d.log.error({ err, roundId, clauseId }, 'releasing a clause failed'),
        );
  }

  private ref(workspaceId: string, doc: DocumentDto, clauseId: string, roundId: string) {
    return { workspaceId, documentId: doc.id, room: doc.room, clauseId, roundId };
  }
}
