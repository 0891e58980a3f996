import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { hasTemplate, type DocumentDto, type PartyDto } from '@akkoord/domain';
import { templateUpdate } from '@akkoord/domain/tiptap';
import { CloseCode } from '@akkoord/protocol';
import { AccountService } from './accounts/AccountService';
import type { AccountStore } from './accounts/AccountStore';
import { LoginThrottle } from './accounts/LoginThrottle';
import { RegistrationThrottle } from './accounts/RegistrationThrottle';
import { SqliteAccountStore } from './accounts/SqliteAccountStore';
import { createApp } from './app';
import { CommentService } from './comments/CommentService';
import type { CommentStore } from './comments/CommentStore';
import { SqliteCommentStore } from './comments/SqliteCommentStore';
import { LocalEventHub, type EventHub } from './events/EventHub';
import { EventStreams } from './events/EventStreams';
import type { Notifier } from './notifications/Notifier';
import { documentReader } from './http/routes/exportRoutes';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { Metrics } from './Metrics';
import { DigestJob } from './notifications/DigestJob';
import { smtpMailer, type Mailer } from './notifications/Mailer';
import { NotificationService } from './notifications/NotificationService';
import type { NotificationStore } from './notifications/NotificationStore';
import { SqliteNotificationStore } from './notifications/SqliteNotificationStore';
import type { DocumentStore } from './persistence/DocumentStore';
import { openDatabase, type Db } from './persistence/openDatabase';
import { SqliteDocumentStore } from './persistence/SqliteDocumentStore';
import { WriteBatcher } from './persistence/WriteBatcher';
import type { Authorizer } from './sync/Authorizer';
import { attachSync, type SyncHandle } from './sync/attachSync';
import { WorkspaceAuthorizer } from './sync/WorkspaceAuthorizer';
import { SqliteThreadDigests } from './visits/threadDigests';
import { SqliteVisitStore } from './visits/VisitStore';
import { MeetingService, type MinutesDrafter } from './meetings/MeetingService';
import { ParkingService } from './meetings/ParkingService';
import { SpeakingQueueService } from './meetings/SpeakingQueueService';
import { SqliteMeetingStore } from './meetings/SqliteMeetingStore';
import { MinutesService } from './minutes/MinutesService';
import { SqliteMinutesStore } from './minutes/SqliteMinutesStore';
import { SqliteParkingStore } from './meetings/SqliteParkingStore';
import { SqliteSpeakingStore } from './meetings/SqliteSpeakingStore';
import { ConsentService } from './consent/ConsentService';
import { LockService } from './consent/LockService';
import { ClauseLocker } from './locks/ClauseLocker';
import { SqliteClauseLockStore } from './locks/SqliteClauseLockStore';
import { ProcessGate } from './consent/ProcessGate';
import { SqliteConsentStore } from './consent/SqliteConsentStore';
import { SqliteWorkspaceStore } from './workspaces/SqliteWorkspaceStore';
import type { WorkspaceStore } from './workspaces/WorkspaceStore';
import { WorkspaceService } from './workspaces/WorkspaceService';

export interface ServerOverrides {
  store?: DocumentStore;
  accountStore?: AccountStore;
  workspaceStore?: WorkspaceStore;
  commentStore?: CommentStore;
  /** Told about mentions and replies on comment threads (default: the NotificationService). */
  notifier?: Notifier;
  /** Fan-out of live workspace events (default: in this process). */
  eventHub?: EventHub;
  /** Heartbeat of the event streams (default 25 s). */
  eventHeartbeatMs?: number;
  notificationStore?: NotificationStore;
  /** Drafts the minutes when a meeting ends (default: the minutes service). */
  minutesDrafter?: MinutesDrafter;
  /** Replaces the SMTP mailer (SMTP_URL) for notification e-mail. */
  mailer?: Mailer;
  authorizer?: Authorizer;
  log?: Logger;
}

export interface AkkoordServer {
  readonly http: http.Server;
  readonly sync: SyncHandle;
  readonly metrics: Metrics;
  readonly store: DocumentStore;
  readonly log: Logger;
  readonly accounts: AccountService;
  readonly workspaces: WorkspaceService;
  readonly comments: CommentService;
  /** Meetings (issue #6): `current`, `meetingsOf`, `get`, `clausesAtStart` for other modules. */
  readonly meetings: MeetingService;
  /** Clause locks (LOCK-1/2/4): lock, unlock, list, isLocked; enforced on every sync update. */
  readonly locks: ClauseLocker;
  /** Minutes and action items (MIN-1..3); `draftFor` writes a meeting's draft. */
  readonly minutes: MinutesService;
  /** Open event streams (`GET /api/workspaces/:id/events`). */
  readonly events: EventStreams;
  readonly notifications: NotificationService;
  /** Notification e-mail (immediate and daily digest); null when e-mail is off. */
  readonly digest: DigestJob | null;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stop accepting, store everything pending, close sockets with 1012, free every document. */
  shutdown(): Promise<void>;
}

/** Composes the server from its parts; the defaults are the embedded SQLite setup. */
export function buildServer(config: Config, overrides: ServerOverrides = {}): AkkoordServer {
  const log = overrides.log ?? createLogger(config.logLevel);
  const metrics = new Metrics();
  let db: Db | null = null;
  const sqlite = () => (db ??= openDatabase(config.dataDir, config.durability));
  const store = overrides.store ?? new SqliteDocumentStore(sqlite());
  const accountStore = overrides.accountStore ?? new SqliteAccountStore(sqlite());
  const workspaceStore = overrides.workspaceStore ?? new SqliteWorkspaceStore(sqlite());
  const batcher = new WriteBatcher(store, metrics, log, config.limits.commitIntervalMs);
  const throttle = new LoginThrottle(config.auth.login);
  const accounts = new AccountService(
    accountStore,
    throttle,
    new RegistrationThrottle(config.auth.register),
    config.auth.sessionTtlMs,
  );
  // Filled in below: the service tells sync about rights changes, sync needs the service's store.
  let onAccessChanged = (_workspaceId: string, _userId: string): void => {};
  const workspaces = new WorkspaceService(
    workspaceStore,
    (w, u) => onAccessChanged(w, u),
    Date.now,
    (docs, parties) => seedTemplates(store, docs, parties),
  );
  // `sync` is created below; the reader only uses it per request.
  const documents = documentReader(() => sync.registry, store);
  const eventHub = overrides.eventHub ?? new LocalEventHub();
  const comments = new CommentService({
    store: overrides.commentStore ?? new SqliteCommentStore(sqlite()),
    workspaces: workspaceStore,
    documents,
    hub: eventHub,
    // `notifications` is created below; it is only called once requests flow.
    notifier: overrides.notifier ?? { notify: (events) => notifications.notify(events) },
    log,
  });
  const events = new EventStreams({
    hub: eventHub,
    // Facilitation events carry no content: the stream's own membership check is enough.
    mayReceive: async (o, e) =>
      e.type === 'facilitation' ||
      comments.mayReceive(o.workspaceId, o.userId, e.document, e.thread),
    stillAllowed: async (o) =>
      (await accounts.isSessionLive(o.sessionId)) &&
      (await workspaceStore.membership(o.workspaceId, o.userId)) !== null,
    heartbeatMs: overrides.eventHeartbeatMs ?? 25_000,
    maxPerUser: 20,
    maxBufferedBytes: 4 * 1024 * 1024,
    log,
  });
  const notificationStore = overrides.notificationStore ?? new SqliteNotificationStore(sqlite());
  const mailer =
    overrides.mailer ??
    (config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, config.mail.from) : null);
  const digest = mailer
    ? new DigestJob({
        store: notificationStore,
        mailer,
        log,
        publicUrl: config.mail.publicUrl,
        digestHour: config.mail.digestHour,
        timeZone: config.mail.timeZone,
        intervalMs: config.mail.intervalMs,
      })
    : null;
  const notifications = new NotificationService({
    store: notificationStore,
    log,
    emailEnabled: digest !== null,
    onAdded: () => digest?.kick(),
  });
  digest?.start();
  // Minutes and action items (issue #6): drafted when a meeting ends (MIN-1).
  const minutes = new MinutesService({
    store: new SqliteMinutesStore(sqlite()),
    workspaces: workspaceStore,
    documents,
    hub: eventHub,
    log,
  });
  const meetingStore = new SqliteMeetingStore(sqlite());
  const meetings = new MeetingService({
    store: meetingStore,
    workspaces: workspaceStore,
    documents,
    hub: eventHub,
    minutes: overrides.minutesDrafter ?? minutes,
    log,
  });
  const speakingQueue = new SpeakingQueueService({
    store: new SqliteSpeakingStore(sqlite()),
    meetings: meetingStore,
    workspaces: workspaceStore,
    hub: eventHub,
    log,
  });
  const parking = new ParkingService({
    store: new SqliteParkingStore(sqlite()),
    meetings: meetingStore,
    workspaces: workspaceStore,
    comments,
    hub: eventHub,
    log,
  });
  // Clause locks (LOCK-1/2/4): SQL rows + the clause's attributes + the room's guard.
  const lockStore = new SqliteClauseLockStore(sqlite());
  const consentStore = new SqliteConsentStore(sqlite());
  // `sync` is created below; the locker only uses it per call.
  const locks = new ClauseLocker({ store: lockStore, rooms: () => sync.registry });
  // Consent rounds, decisions, the process gate and clause locks (issue #6).
  const consentDeps = {
    store: consentStore,
    workspaces: workspaceStore,
    documents,
    locks,
    hub: eventHub,
    log,
    currentMeeting: (workspaceId: string) => meetings.current(workspaceId),
    // `sync` is created below. Not onAccessChanged: that also ends the member's event streams,
    // which would drop the very `gate` event that tells screens the gate opened.
    recheckSockets: (_workspaceId: string, userId: string) =>
      void sync.recheckUser(userId).catch((err: unknown) => log.error({ err }, 'recheck failed')),
  };
  const gate = new ProcessGate(consentDeps);
  const consent = {
    consent: new ConsentService(consentDeps, gate),
    gate,
    locks: new LockService(consentDeps),
  };
  let ready = false;
  const app = createApp({
    metrics,
    log,
    webDist: config.webDist,
    isReady: () => ready,
    accounts,
    workspaces,
    notifications,
    documents,
    comments,
    meetings,
    minutes,
    speakingQueue,
    parking,
    consent,
    events,
    visits: { store: new SqliteVisitStore(sqlite()), threads: new SqliteThreadDigests(sqlite()) },
    auth: config.auth,
  });
  const server = http.createServer(app);
  const sync = attachSync(server, {
    store,
    batcher,
    authorizer:
      overrides.authorizer ??
      new WorkspaceAuthorizer(accounts, workspaceStore, config.auth, (w) => gate.closedFor(w)),
    limits: config.limits,
    metrics,
    log,
    // Guarded: locked clauses (LOCK-4) and clauses held for an open round (CONS-5).
    lockedClauses: async (room) => [
      ...(await lockStore.clauseIdsByRoom(room)),
      ...(await consentStore.heldClauseIdsByRoom(room)),
    ],
  });
  accounts.onSessionEnded = (sessionId) => {
    sync.endSession(sessionId);
    events.sessionEnded(sessionId);
  };
  onAccessChanged = (workspaceId, userId) => {
    sync.recheckUser(userId).catch((err: unknown) => log.error({ err }, 'access recheck failed'));
    events.accessChanged(workspaceId, userId);
  };
  // Notifications follow rights changes too: what someone may no longer see leaves their inbox.
  const syncAccessChanged = onAccessChanged;
  onAccessChanged = (workspaceId, userId) => {
    syncAccessChanged(workspaceId, userId);
    notifications.accessChanged(workspaceId, userId);
  };
  let shuttingDown: Promise<void> | null = null;

  return {
    http: server,
    sync,
    metrics,
    store,
    log,
    accounts,
    workspaces,
    comments,
    meetings,
    locks,
    minutes,
    events,
    notifications,
    digest,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          ready = true;
          resolve(server.address() as AddressInfo);
        });
      }),
    shutdown: () => {
      shuttingDown ??= (async () => {
        ready = false;
        sync.stopAccepting();
        events.closeAll();
        server.close();
        server.closeIdleConnections();
        await batcher.drain();
        sync.closeAll(CloseCode.serverRestarting, 'server restarting');
        await sync.registry.unloadAll();
        await batcher.drain();
        await Promise.all([digest?.stop(), notifications.idle()]);
        sync.dispose();
        await store.close();
        if (db?.open) db.close();
        server.closeAllConnections();
      })();
      return shuttingDown;
    },
  };
}

/** New process and agreement documents open with their template: the first entry of their log. */
async function seedTemplates(
  store: DocumentStore,
  documents: readonly DocumentDto[],
  parties: readonly PartyDto[],
): Promise<void> {
  const entries = documents.flatMap((d) =>
    hasTemplate(d.kind) ? [{ room: d.room, update: templateUpdate(d.kind, parties) }] : [],
  );
  if (entries.length > 0) await store.append(entries);
}
