import fs from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import type { AccountService } from './accounts/AccountService';
import type { AuthConfig } from './config';
import { AppError, toHttpError } from './errors';
import type { CommentService } from './comments/CommentService';
import type { EventStreams } from './events/EventStreams';
import { authRoutes } from './http/routes/authRoutes';
import { commentRoutes } from './http/routes/commentRoutes';
import { consentRoutes, type ConsentRouteDeps } from './http/routes/consentRoutes';
import { eventRoutes } from './http/routes/eventRoutes';
import { exportRoutes, type DocumentReader } from './http/routes/exportRoutes';
import { notificationRoutes } from './http/routes/notificationRoutes';
import { visitRoutes, type VisitDeps } from './http/routes/visitRoutes';
import { meetingRoutes } from './http/routes/meetingRoutes';
import { minutesRoutes } from './http/routes/minutesRoutes';
import { parkingRoutes } from './http/routes/parkingRoutes';
import type { MeetingService } from './meetings/MeetingService';
import type { ParkingService } from './meetings/ParkingService';
import type { SpeakingQueueService } from './meetings/SpeakingQueueService';
import type { MinutesService } from './minutes/MinutesService';
import { workspaceRoutes } from './http/routes/workspaceRoutes';
import { sessionMiddleware } from './http/session';
import type { Logger } from './logger';
import type { Metrics } from './Metrics';
import type { NotificationService } from './notifications/NotificationService';
import type { WorkspaceService } from './workspaces/WorkspaceService';

export interface AppDeps {
  metrics: Metrics;
  log: Logger;
  webDist: string;
  /** False while starting or shutting down; `/readyz` reports it. */
  isReady: () => boolean;
  accounts: AccountService;
  workspaces: WorkspaceService;
  /** Current state of documents, for exports. */
  documents: DocumentReader;
  /** Comment threads (issue #5). */
  comments: CommentService;
  /** Live workspace events (Server-Sent Events). */
  events: EventStreams;
  /** The caller's inbox and e-mail preferences. */
  notifications: NotificationService;
  /** "Since your last visit" and "waiting on you" (issue #5). */
  visits: VisitDeps;
  /** Facilitator mode (issue #6): meetings, agenda timer, focus, attendance. */
  meetings: MeetingService;
  speakingQueue: SpeakingQueueService;
  parking: ParkingService;
  /** Minutes and action items (issue #6, MIN-1..3). */
  minutes: MinutesService;
  /** Consent rounds, decisions, the process gate and clause locks (issue #6). */
  consent: ConsentRouteDeps;
  auth: AuthConfig;
}

/** Builds the HTTP side: health, metrics, the API and the web app. Never listens. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.auth.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'connect-src': ["'self'", 'ws:', 'wss:'],
          // Tiptap injects its base styles at runtime.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': null,
        },
      },
      // Plain-HTTP local installs must keep working; HSTS belongs to the TLS terminator.
      strictTransportSecurity: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = deps.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  app.use('/api', express.json({ limit: '1mb' }));
  app.use('/api', sessionMiddleware(deps.accounts, deps.auth));
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.use('/api', authRoutes(deps.accounts, deps.auth));
  app.use('/api', workspaceRoutes(deps.workspaces, deps.auth));
  app.use('/api', exportRoutes(deps.workspaces, deps.documents));
  app.use('/api', commentRoutes(deps.comments));
  app.use('/api', eventRoutes(deps.workspaces, deps.events));
  app.use('/api', notificationRoutes(deps.notifications));
  app.use('/api', visitRoutes(deps.workspaces, deps.documents, deps.visits));
  app.use('/api', meetingRoutes(deps.meetings, deps.speakingQueue));
  app.use('/api', parkingRoutes(deps.parking));
  app.use('/api', consentRoutes(deps.consent));
  app.use('/api', minutesRoutes(deps.minutes));
  app.use('/api', (_req, _res, next) => {
    next(new AppError('not_found', 'No such API route'));
  });

  mountWeb(app, deps.webDist, deps.log);

  const onError: ErrorRequestHandler = (err: unknown, _req, res, _next) => {
    const { status, body } = toHttpError(fromExpressError(err));
    if (status >= 500) deps.log.error({ err }, 'request failed');
    const retry = (body.error.details as { retryAfterSeconds?: number } | undefined)
      ?.retryAfterSeconds;
    if (status === 429 && retry !== undefined) res.setHeader('Retry-After', String(retry));
    res.status(status).json(body);
  };
  app.use(onError);
  return app;
}

/** body-parser signals its own problems with `type`; turn them into our codes. */
function fromExpressError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large')
    return new AppError('payload_too_large', 'Request body too large');
  if (type === 'entity.parse.failed')
    return new AppError('bad_request', 'Request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new AppError('bad_request', 'Unsupported request encoding');
  }
  return err;
}

/** Serves the built single-page app, with a fallback to index.html for client-side routes. */
function mountWeb(app: Express, webDist: string, log: Logger): void {
  const index = path.join(webDist, 'index.html');
  if (!fs.existsSync(index)) {
    log.warn({ webDist }, 'web app not built; run `pnpm build` to serve it');
    return;
  }
  app.use(express.static(webDist, { index: false, maxAge: '1h' }));
  app.get('/{*splat}', (req, res, next) => {
    if (req.path.startsWith('/sync/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
