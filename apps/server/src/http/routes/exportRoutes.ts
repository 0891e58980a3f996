import { ExportFormat, readOutline, toDocumentExport, toMarkdown } from '@akkoord/domain';
import { Router, type Request } from 'express';
import * as Y from 'yjs';
import { z } from 'zod';
import type { DocumentStore } from '../../persistence/DocumentStore';
import { AppError } from '../../errors';
import { documentAccess } from '../../workspaces/access';
import type { WorkspaceService } from '../../workspaces/WorkspaceService';
import { requireUser } from '../session';
import { validate } from '../validate';

/** Gives read access to a document's current state, wherever it lives. */
export interface DocumentReader {
  /** Runs `read` on the document's current state; the Y.Doc is only valid during the call. */
  read<T>(room: string, read: (doc: Y.Doc) => T): Promise<T>;
}

/** The part of the sync layer's room registry the reader needs. */
export interface LiveRooms {
  get(room: string): { readonly doc: Y.Doc; readonly state: string } | undefined;
}

/**
 * Reads the in-memory document when its room is active (it holds every stored update, and only
 * stored ones), else loads snapshot + log from storage into a temporary Y.Doc, freed after.
 */
export function documentReader(rooms: () => LiveRooms, store: DocumentStore): DocumentReader {
  return {
    async read(room, read) {
      const live = rooms().get(room);
      if (live?.state === 'active') return read(live.doc);
      const stored = await store.load(room);
      const doc = new Y.Doc();
      try {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
        for (const u of stored.updates) {
          try {
            Y.applyUpdate(doc, u.data);
          } catch {
            // As when a room loads: one unreadable entry must not hide the rest.
          }
        }
        return read(doc);
      } finally {
        doc.destroy();
      }
    },
  };
}

const ExportQuery = z.object({
  format: ExportFormat.default('json'),
  lang: z.enum(['nl', 'en']).default('nl'),
});

const param = (req: Request, name: string): string => String(req.params[name]);

/** A file name without path or quoting trouble. */
function fileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .toLowerCase();
  return `${base || 'document'}.md`;
}

/**
 * `GET /workspaces/:id/documents/:docId/export?format=json|markdown[&lang=nl|en]`: the
 * document's clauses as the contract's JSON, or as Markdown. Anyone who may open the document
 * may export it; everyone else gets 404 (non-members, other parties' notes).
 */
export function exportRoutes(workspaces: WorkspaceService, documents: DocumentReader): Router {
  const r = Router();

  r.get('/workspaces/:id/documents/:docId/export', async (req, res) => {
    const user = requireUser(req);
    const workspace = await workspaces.get(user.id, param(req, 'id'));
    const me = workspace.members.find((m) => m.userId === user.id) ?? null;
    const doc = workspace.documents.find((d) => d.id === param(req, 'docId'));
    if (!doc || documentAccess(me, doc) === null)
      throw new AppError('not_found', 'Document not found');
    const query = validate(ExportQuery, { format: req.query.format, lang: req.query.lang });

    const outline = await documents.read(doc.room, (ydoc) => readOutline(ydoc));
    if (query.format === 'json') {
      res.json(toDocumentExport(doc, outline.clauses));
      return;
    }
    res
      .type('text/markdown; charset=utf-8')
      .set('Content-Disposition', `inline; filename="${fileName(doc.title)}"`)
      .send(toMarkdown(doc.title, outline, { parties: workspace.parties, lang: query.lang }));
  });

  return r;
}
