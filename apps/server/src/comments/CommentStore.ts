import type { ThreadDto, ThreadStatus } from '@akkoord/domain';

/** A thread as stored: the shared DTO without what is worked out per answer. */
export type ThreadRecord = Omit<ThreadDto, 'detached' | 'comments'>;

export interface CommentRecord {
  id: string;
  threadId: string;
  authorId: string;
  /** The author's account name now. */
  authorName: string;
  /** Empty once deleted. */
  body: string;
  mentions: string[];
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
}

export type NewComment = Omit<CommentRecord, 'authorName' | 'editedAt' | 'deletedAt'>;

/** Comment threads and their comments. Rules (who sees what) are the service's, not the store's. */
export interface CommentStore {
  /** The thread and its first comment, atomically. */
  createThread(thread: ThreadRecord, first: NewComment): Promise<void>;
  thread(workspaceId: string, threadId: string): Promise<ThreadRecord | null>;
  /** Every thread of a document, oldest first. */
  threadsOfDocument(workspaceId: string, documentId: string): Promise<ThreadRecord[]>;
  /** The comments of these threads, oldest first (deleted ones included). */
  comments(threadIds: readonly string[]): Promise<CommentRecord[]>;
  addComment(comment: NewComment): Promise<void>;
  /** False when there is no such (undeleted) comment in the thread. */
  editComment(
    threadId: string,
    commentId: string,
    body: string,
    mentions: readonly string[],
    at: number,
  ): Promise<boolean>;
  /** Removes the body and mentions, keeps the row; false when there is no such undeleted comment. */
  deleteComment(threadId: string, commentId: string, at: number): Promise<boolean>;
  setStatus(
    threadId: string,
    status: ThreadStatus,
    by: string | null,
    at: number | null,
  ): Promise<void>;
}
