import {
  CreateCommentBody,
  CreateThreadBody,
  EditCommentBody,
  ListThreadsQuery,
} from '@akkoord/domain';
import { Router, type Request } from 'express';
import type { CommentService } from '../../comments/CommentService';
import { requireUser } from '../session';
import { validate } from '../validate';

const param = (req: Request, name: string): string => String(req.params[name]);

/**
 * Comment threads (SPEC.md CMT-*). A thread the caller cannot see answers 404 like one that
 * does not exist; a thread they can only read (observers) answers 403 to writes.
 */
export function commentRoutes(comments: CommentService): Router {
  const r = Router();

  r.get('/workspaces/:id/documents/:docId/threads', async (req, res) => {
    const user = requireUser(req);
    const query = validate(ListThreadsQuery, { status: req.query.status });
    res.json({
      threads: await comments.listThreads(user.id, param(req, 'id'), param(req, 'docId'), query),
    });
  });

  r.post('/workspaces/:id/documents/:docId/threads', async (req, res) => {
    const user = requireUser(req);
    const body = validate(CreateThreadBody, req.body);
    const thread = await comments.createThread(
      user.id,
      param(req, 'id'),
      param(req, 'docId'),
      body,
    );
    res.status(201).json({ thread });
  });

  r.get('/workspaces/:id/threads/:threadId', async (req, res) => {
    const user = requireUser(req);
    res.json({
      thread: await comments.getThread(user.id, param(req, 'id'), param(req, 'threadId')),
    });
  });

  r.post('/workspaces/:id/threads/:threadId/comments', async (req, res) => {
    const user = requireUser(req);
    const body = validate(CreateCommentBody, req.body);
    const comment = await comments.addComment(
      user.id,
      param(req, 'id'),
      param(req, 'threadId'),
      body,
    );
    res.status(201).json({ comment });
  });

  r.patch('/workspaces/:id/threads/:threadId/comments/:commentId', async (req, res) => {
    const user = requireUser(req);
    const body = validate(EditCommentBody, req.body);
    const comment = await comments.editComment(
      user.id,
      param(req, 'id'),
      param(req, 'threadId'),
      param(req, 'commentId'),
      body,
    );
    res.json({ comment });
  });

  r.delete('/workspaces/:id/threads/:threadId/comments/:commentId', async (req, res) => {
    const user = requireUser(req);
    await comments.deleteComment(
      user.id,
      param(req, 'id'),
      param(req, 'threadId'),
      param(req, 'commentId'),
    );
    res.status(204).end();
  });

  for (const [action, status] of [
    ['resolve', 'resolved'],
    ['reopen', 'open'],
  ] as const) {
    r.post(`/workspaces/:id/threads/:threadId/${action}`, async (req, res) => {
      const user = requireUser(req);
      const thread = await comments.setStatus(
        user.id,
        param(req, 'id'),
        param(req, 'threadId'),
        status,
      );
      res.json({ thread });
    });
  }

  return r;
}
