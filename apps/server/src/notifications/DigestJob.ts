import { notificationPath } from '@akkoord/domain';
import type { Logger } from '../logger';
import { digestSlot } from './clock';
import type { Mailer } from './Mailer';
import {
  digestMail,
  immediateMail,
  type MailContent,
  type MailItem,
  type MailLanguage,
} from './mailText';
import type { MailRecord, NotificationStore } from './NotificationStore';

/** Notifications older than this are never e-mailed (they stay in the inbox). */
export const MAIL_MAX_AGE_MS = 7 * 24 * 3600_000;
/** At most this many notifications are written out in one mail; the rest are counted. */
export const MAX_ITEMS_PER_MAIL = 20;
/** How long shutdown waits for a send in progress before closing the mailer. */
const STOP_GRACE_MS = 2_000;

export interface DigestJobDeps {
  store: NotificationStore;
  mailer: Mailer;
  log: Logger;
  /** Base of links, without a trailing slash. */
  publicUrl: string;
  digestHour: number;
  timeZone: string;
  intervalMs: number;
  language?: MailLanguage;
  now?: () => number;
}

export interface RunResult {
  immediate: number;
  digests: number;
}

/**
 * Sends notification e-mail: right after new notifications for people who chose `immediate`,
 * and once a day from DIGEST_HOUR for people who chose `daily` (the default). Every interval it
 * also retries whatever failed: a row is marked e-mailed only after its mail was accepted. Runs
 * never overlap, so nothing is sent twice by two runs at once.
 */
export class DigestJob {
  private chain: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private immediateQueued = false;
  private readonly now: () => number;
  private readonly language: MailLanguage;

  constructor(private readonly deps: DigestJobDeps) {
    this.now = deps.now ?? Date.now;
    this.language = deps.language ?? 'nl';
  }

  /** Starts the interval (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => {
      this.run(this.now()).catch((err: unknown) =>
        this.deps.log.error({ err }, 'notification mail run failed'),
      );
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  /** New notifications were stored: send immediate mail soon, once for a burst. */
  kick(): void {
    if (this.stopped || this.immediateQueued) return;
    this.immediateQueued = true;
    this.enqueue(() => {
      this.immediateQueued = false;
      return this.immediateNow(this.now());
    }).catch((err: unknown) => this.deps.log.error({ err }, 'immediate notification mail failed'));
  }

  /** One scheduled run: pending immediate mail (with retries) and the daily digest if due. */
  run(now: number): Promise<RunResult> {
    return this.enqueue(async () => ({
      immediate: await this.immediateNow(now),
      digests: await this.digestNow(now),
    }));
  }

  /** Sends immediate mail that is pending at `now`; resolves to the number of mails sent. */
  sendImmediate(now: number): Promise<number> {
    return this.enqueue(() => this.immediateNow(now));
  }

  /**
   * The daily digest as of `now`: if the digest hour has come (in DIGEST_TIMEZONE), each `daily`
   * user who has not had today's digest gets one mail with their unread, un-mailed notifications
   * made before today's digest hour. Resolves to the number of digests sent.
   */
  runDigest(now: number): Promise<number> {
    return this.enqueue(() => this.digestNow(now));
  }

  /** Resolves when every run queued so far has finished. */
  async idle(): Promise<void> {
    let seen: Promise<unknown> | null = null;
    while (seen !== this.chain) {
      seen = this.chain;
      await seen;
    }
  }

  /** Stops the interval, lets a send in progress finish (briefly), closes the mailer. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      this.chain,
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, STOP_GRACE_MS);
        grace.unref();
      }),
    ]);
    clearTimeout(grace);
    this.deps.mailer.close();
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const p = this.chain.then(work);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private async immediateNow(now: number): Promise<number> {
    if (this.stopped) return 0;
    const rows = await this.deps.store.pendingMail('immediate', now - MAIL_MAX_AGE_MS, now + 1);
    let sent = 0;
    for (const userRows of byUser(rows)) {
      if (this.stopped) break;
      const { items, more } = this.items(userRows);
      const mail = immediateMail(this.language, userRows[0]!.userName, items, more);
      if (await this.send(userRows[0]!, mail, 'immediate')) {
        await this.deps.store.markEmailed(
          userRows.map((r) => r.id),
          now,
        );
        sent++;
      }
    }
    return sent;
  }

  private async digestNow(now: number): Promise<number> {
    if (this.stopped) return 0;
    const slot = digestSlot(now, this.deps.digestHour, this.deps.timeZone);
    if (!slot) return 0;
    const rows = await this.deps.store.pendingMail(
      'daily',
      slot.cutoff - MAIL_MAX_AGE_MS,
      slot.cutoff,
      slot.day,
    );
    let sent = 0;
    for (const userRows of byUser(rows)) {
      if (this.stopped) break;
      const { items, more } = this.items(userRows);
      const mail = digestMail(this.language, userRows[0]!.userName, items, more);
      if (await this.send(userRows[0]!, mail, 'digest')) {
        await this.deps.store.markEmailed(
          userRows.map((r) => r.id),
          now,
        );
        await this.deps.store.recordDigest(userRows[0]!.userId, slot.day, now);
        sent++;
      }
    }
    return sent;
  }

  /** False (logged) when the mail was not accepted; it is tried again on the next run. */
  private async send(to: MailRecord, mail: MailContent, what: string): Promise<boolean> {
    try {
      await this.deps.mailer.send({ to: { name: to.userName, address: to.userEmail }, ...mail });
      return true;
    } catch (err) {
      this.deps.log.warn(
        { err, userId: to.userId, what },
        'notification e-mail not sent; it is retried on the next run',
      );
      return false;
    }
  }

  private items(rows: readonly MailRecord[]): { items: MailItem[]; more: number } {
    // Newest first in the mail, like the inbox.
    const newest = [...rows].reverse();
    return {
      items: newest.slice(0, MAX_ITEMS_PER_MAIL).map((r) => ({
        kind: r.kind,
        actorName: r.actorName,
        workspaceTitle: r.workspaceTitle,
        documentTitle: r.documentTitle,
        excerpt: r.excerpt,
        url: this.deps.publicUrl + notificationPath(r),
      })),
      more: Math.max(0, rows.length - MAX_ITEMS_PER_MAIL),
    };
  }
}

function byUser(rows: readonly MailRecord[]): MailRecord[][] {
  const groups = new Map<string, MailRecord[]>();
  for (const r of rows) {
    const g = groups.get(r.userId);
    if (g) g.push(r);
    else groups.set(r.userId, [r]);
  }
  return [...groups.values()];
}
