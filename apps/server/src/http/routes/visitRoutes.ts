import {
  diffClauses,
  MarkSeenBody,
  readClauses,
  threadCountsSince,
  waitingOn,
  type ChangesResponse,
  type DocumentDto,
  type ThreadDigest,
  type WaitingOnResponse,
  type WorkspaceDto,
} from '@akkoord/domain';
import { Router, type Request } from 'express';
import { threadAccess } from '../../comments/visibility';
import { AppError } from '../../errors';
import { decodeSnapshot, encodeSnapshot, MAX_SNAPSHOT_BYTES } from '../../visits/snapshot';
import type { ThreadDigestSource } from '../../visits/threadDigests';
import type { VisitStore } from '../../visits/VisitStore';
import { documentAccess } from '../../workspaces/access';
import type { Membership } from '../../workspaces/WorkspaceStore';
import type { WorkspaceService } from '../../workspaces/WorkspaceService';
import { requireUser } from '../session';
import { validate } from '../validate';
import type { DocumentReader } from './exportRoutes';

export interface VisitDeps {
  store: VisitStore;
  threads: ThreadDigestSource;
  /** Largest snapshot stored per person and document (bytes of JSON). */
  maxSnapshotBytes?: number;
}

const param = (req: Request, name: string): string => String(req.params[name]);

function membershipOf(workspace: WorkspaceDto, userId: string): Membership | null {
  const m = workspace.members.find((x) => x.userId === userId);
  return m ? { role: m.role, partyId: m.partyId } : null;
}

/** The comments' one visibility rule (SPEC CMT-1, CMT-2): shared, or internal to the caller's party. */
function canSeeThread(me: Membership, doc: DocumentDto | undefined, t: ThreadDigest): boolean {
  return doc !== undefined && threadAccess(me, doc, t) !== null;
}

/**
 * Issue #5, between meetings (SPEC.md SEEN-*, WAIT-*):
 * - `GET  /workspaces/:id/documents/:docId/changes` — what changed since the caller last marked
 *   the document as seen;
 * - `POST /workspaces/:id/documents/:docId/seen` — 204, remembers the document's clauses now;
 * - `GET  /workspaces/:id/waiting-on` — per party, what is waiting on it.
 * Same access as the document (non-members and other parties' notes: 404).
 */
export function visitRoutes(
  workspaces: WorkspaceService,
  documents: DocumentReader,
  deps: VisitDeps,
): Router {
  const r = Router();
  const maxBytes = deps.maxSnapshotBytes ?? MAX_SNAPSHOT_BYTES;

  async function openDocument(req: Request) {
    const user = requireUser(req);
    const workspace = await workspaces.get(user.id, param(req, 'id'));
    const me = membershipOf(workspace, user.id);
    const doc = workspace.documents.find((d) => d.id === param(req, 'docId'));
    if (!me || !doc || documentAccess(me, doc) === null)
      throw new AppError('not_found', 'Document not found');
    return { user, workspace, me, doc };
  }

  r.get('/workspaces/:id/documents/:docId/changes', async (req, res) => {
    const { user, workspace, me, doc } = await openDocument(req);
    const [clauses, visit] = await Promise.all([
      documents.read(doc.room, (ydoc) => readClauses(ydoc)),
      deps.store.visit(user.id, doc.id),
    ]);
    const { version } = encodeSnapshot(clauses, maxBytes);
    const threads = await deps.threads.threads(workspace.id, doc.id);
    const visible = threads?.filter((t) => canSeeThread(me, doc, t)) ?? null;

    let body: ChangesResponse;
    if (!visit) {
      body = {
        since: null,
        baseline: 'first-visit',
        changes: [],
        threads: visible ? { opened: 0, resolved: 0 } : null,
        version,
      };
    } else {
      const before = decodeSnapshot(visit.clauses);
      body = {
        since: new Date(visit.seenAt).toISOString(),
        baseline: before ? 'snapshot' : 'unavailable',
        changes: before ? diffClauses(before, clauses) : [],
        threads: visible ? threadCountsSince(visible, doc.id, visit.seenAt) : null,
        version,
      };
    }
    res.json(body);
  });

  r.post('/workspaces/:id/documents/:docId/seen', async (req, res) => {
    const { user, doc } = await openDocument(req);
    const { version: expected } = validate(MarkSeenBody, req.body);
    const clauses = await documents.read(doc.room, (ydoc) => readClauses(ydoc));
    const { json, version } = encodeSnapshot(clauses, maxBytes);
    if (expected !== undefined && expected !== version) {
      throw new AppError(
        'conflict',
        'The document changed after these changes were loaded; load them again',
        { version },
      );
    }
    await deps.store.markSeen(user.id, doc.id, { seenAt: Date.now(), clauses: json });
    res.status(204).end();
  });

  r.get('/workspaces/:id/waiting-on', async (req, res) => {
    const user = requireUser(req);
    const workspace = await workspaces.get(user.id, param(req, 'id'));
    const me = membershipOf(workspace, user.id);
    if (!me) throw new AppError('not_found', 'Workspace not found');
    const shared = workspace.documents.filter(
      (d) => d.kind === 'process' || d.kind === 'agreement',
    );
    const read = await Promise.all(
      shared.map(async (d) => ({
        documentId: d.id,
        kind: d.kind,
        clauses: await documents.read(d.room, (ydoc) => readClauses(ydoc)),
      })),
    );
    const threads = await deps.threads.threads(workspace.id);
    const docById = new Map(workspace.documents.map((d) => [d.id, d]));
    const visible = threads?.filter((t) => canSeeThread(me, docById.get(t.documentId), t)) ?? null;
    const body: WaitingOnResponse = {
      viewerPartyId: me.partyId,
      threadsIncluded: visible !== null,
      parties: waitingOn({
        parties: workspace.parties,
        documents: read,
        threads: visible ?? [],
        members: workspace.members,
        firstPartyId: me.partyId,
      }),
    };
    res.json(body);
  });

  return r;
}
