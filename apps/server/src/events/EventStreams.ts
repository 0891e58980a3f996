import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import type { EventHub, WorkspaceEvent } from './EventHub';

/** Whose stream it is: a member of a workspace, through one session. */
export interface StreamOwner {
  workspaceId: string;
  userId: string;
  /** The session's id (its token hash): the stream ends when the session does. */
  sessionId: string;
}

export interface EventStreamsOptions {
  hub: EventHub;
  /** Whether this member may receive this event now; asked per event and per stream. */
  mayReceive(owner: StreamOwner, event: WorkspaceEvent): Promise<boolean>;
  /** Whether the stream may stay open (session live, still a member); asked at each heartbeat. */
  stillAllowed(owner: StreamOwner): Promise<boolean>;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** Open streams per user (all workspaces); more are refused with 429. */
  maxPerUser: number;
  /** A client that does not read is dropped once this much is waiting for it. */
  maxBufferedBytes: number;
  log: Logger;
}

interface Stream {
  owner: StreamOwner;
  res: ServerResponse;
  unsubscribe: () => void;
  timer: NodeJS.Timeout;
  /** Deliveries and heartbeats, in order, one at a time. */
  queue: Promise<void>;
  closed: boolean;
}

/**
 * Server-Sent Events streams of workspace events (`GET /api/workspaces/:id/events`). Each
 * stream filters for its own member: an event is written only after `mayReceive` said yes for
 * that member, at that moment (SPEC.md CMT-6). Streams end when the member's rights in the
 * workspace change (they reconnect and are checked again), when their session ends, at
 * shutdown, and when a heartbeat finds them no longer allowed.
 */
export class EventStreams {
  private readonly streams = new Set<Stream>();

  constructor(private readonly o: EventStreamsOptions) {}

  /** Open streams, of one user or of everyone. */
  count(userId?: string): number {
    if (userId === undefined) return this.streams.size;
    let n = 0;
    for (const s of this.streams) if (s.owner.userId === userId) n++;
    return n;
  }

  /** Takes over the response: headers, a `ready` event, then events and heartbeats until closed. */
  open(owner: StreamOwner, req: IncomingMessage, res: ServerResponse): void {
    if (this.count(owner.userId) >= this.o.maxPerUser) {
      throw new AppError('rate_limited', 'Too many open event streams; close a tab and retry', {
        retryAfterSeconds: 30,
      });
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const stream: Stream = {
      owner,
      res,
      unsubscribe: () => {},
      timer: setInterval(() => this.heartbeat(stream), this.o.heartbeatMs),
      queue: Promise.resolve(),
      closed: false,
    };
    stream.timer.unref();
    this.streams.add(stream);
    stream.unsubscribe = this.o.hub.subscribe(owner.workspaceId, (e) => this.deliver(stream, e));
    req.on('close', () => this.close(stream));
    res.on('close', () => this.close(stream));
    res.on('error', () => this.close(stream));
    // Reconnect after 5 s; `ready` tells the client to (re)load what it shows: events missed
    // while disconnected are not replayed.
    this.write(stream, 'retry: 5000\nevent: ready\ndata: {}\n\n');
  }

  /** The member's rights in the workspace changed: end their streams there (they reconnect). */
  accessChanged(workspaceId: string, userId: string): void {
    for (const s of [...this.streams]) {
      if (s.owner.workspaceId === workspaceId && s.owner.userId === userId) this.close(s);
    }
  }

  /** A session ended (logout): end its streams at once. */
  sessionEnded(sessionId: string): void {
    for (const s of [...this.streams]) if (s.owner.sessionId === sessionId) this.close(s);
  }

  closeAll(): void {
    for (const s of [...this.streams]) this.close(s);
  }

  private deliver(s: Stream, event: WorkspaceEvent): void {
    this.enqueue(s, async () => {
      if (!(await this.o.mayReceive(s.owner, event))) return;
      const data =
        event.type === 'thread'
          ? { thread: event.thread }
          : { topic: event.topic, meetingId: event.meetingId ?? null };
      this.write(s, `event: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`);
    });
  }

  private heartbeat(s: Stream): void {
    this.enqueue(s, async () => {
      if (!(await this.o.stillAllowed(s.owner))) {
        this.close(s);
        return;
      }
      this.write(s, ': heartbeat\n\n');
    });
  }

  private enqueue(s: Stream, task: () => Promise<void>): void {
    s.queue = s.queue
      .then(() => (s.closed ? undefined : task()))
      .catch((err: unknown) => {
        this.o.log.error({ err }, 'event stream delivery failed');
        this.close(s);
      });
  }

  /** JSON never holds a raw line break, so one `data:` line carries a whole event. */
  private write(s: Stream, chunk: string): void {
    if (s.closed) return;
    if (s.res.writableLength > this.o.maxBufferedBytes) {
      this.close(s);
      return;
    }
    s.res.write(chunk);
  }

  private close(s: Stream): void {
    if (s.closed) return;
    s.closed = true;
    this.streams.delete(s);
    clearInterval(s.timer);
    s.unsubscribe();
    if (!s.res.writableEnded) s.res.end();
  }
}
