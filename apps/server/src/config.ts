import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const here = path.dirname(fileURLToPath(import.meta.url));

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** Every environment variable the server reads, parsed once. Nothing else reads process.env. */
const ConfigSchema = z.object({
  PORT: int(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Default: `data/` at the repository root, whichever directory the server is started from. */
  DATA_DIR: z.string().min(1).default(path.resolve(here, '../../../data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `wal`: survives kill -9 (WAL, synchronous=NORMAL). `fsync`: also survives power loss. */
  DURABILITY: z.enum(['wal', 'fsync']).default('wal'),
  WEB_DIST: z.string().default(path.resolve(here, '../../web/dist')),
  MAX_MESSAGE_BYTES: int(8 * 1024 * 1024, 1024),
  MAX_DOC_BYTES: int(64 * 1024 * 1024, 1024),
  RATE_LIMIT_PER_SEC: int(300, 1),
  RATE_LIMIT_BURST: int(1500, 1),
  SEND_BUFFER_LIMIT_BYTES: int(32 * 1024 * 1024, 1024),
  HEARTBEAT_MS: int(30_000, 10),
  UNLOAD_GRACE_MS: int(5_000),
  COMPACT_EVERY_UPDATES: int(500, 1),
  COMPACT_EVERY_BYTES: int(2 * 1024 * 1024, 1),
  MAX_CONNECTIONS: int(10_000, 1),
  /** Minimum spacing of commits under sustained load (group commit window). */
  COMMIT_INTERVAL_MS: int(20, 0),
  SHUTDOWN_TIMEOUT_MS: int(8_000, 100),
  SESSION_TTL_HOURS: int(24 * 30, 1),
  /** Extra origins allowed to use cookies and open sockets (comma-separated); the server's own host always is. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Mark the session cookie Secure; turn on behind HTTPS. */
  COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
  /** Base of links the server hands out (invitations); defaults to the request's own origin. */
  PUBLIC_URL: z.string().url().optional(),
  LOGIN_MAX_PER_ADDRESS: int(30, 1),
  LOGIN_MAX_PER_ACCOUNT: int(10, 1),
  LOGIN_WINDOW_MS: int(15 * 60_000, 1),
  REGISTER_MAX_PER_ADDRESS: int(50, 1),
  REGISTER_WINDOW_MS: int(60 * 60_000, 1),
  /** Express trust-proxy setting, so rate limits see the client's address behind a proxy. */
  TRUST_PROXY: z.string().default('loopback'),
  /** Where notification e-mail goes out (`smtp://host:port`, `smtps://user:pass@host`); unset = no e-mail. */
  SMTP_URL: z
    .string()
    .refine(isSmtpUrl, { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  /** Sender of notification e-mail. */
  MAIL_FROM: z.string().trim().min(3).max(200).default('Akkoord <akkoord@localhost>'),
  /** Local hour (0–23, in DIGEST_TIMEZONE) from which the daily digest goes out. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(8),
  DIGEST_TIMEZONE: z
    .string()
    .refine(isTimeZone, { message: 'not a known IANA time zone' })
    .default('Europe/Amsterdam'),
  /** How often pending e-mail is sent (and failed sends retried) and the digest hour checked. */
  MAIL_INTERVAL_MS: int(60_000, 100),
});

function isSmtpUrl(u: string): boolean {
  try {
    const url = new URL(u);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type EnvConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: EnvConfig['LOG_LEVEL'];
  durability: EnvConfig['DURABILITY'];
  webDist: string;
  shutdownTimeoutMs: number;
  limits: SyncLimits;
  auth: AuthConfig;
  mail: MailConfig;
}

export interface MailConfig {
  /** Undefined: e-mail is off (preferences are still stored). */
  smtpUrl: string | undefined;
  from: string;
  digestHour: number;
  timeZone: string;
  intervalMs: number;
  /** Base of links in e-mail: PUBLIC_URL, else the server's own address. */
  publicUrl: string;
}

export interface AuthConfig {
  sessionTtlMs: number;
  allowedOrigins: string[];
  cookieSecure: boolean;
  publicUrl: string | undefined;
  trustProxy: string;
  login: { perAddress: number; perAccount: number; windowMs: number };
  register: { perAddress: number; windowMs: number };
}

export interface SyncLimits {
  maxMessageBytes: number;
  maxDocBytes: number;
  ratePerSec: number;
  rateBurst: number;
  sendBufferLimitBytes: number;
  heartbeatMs: number;
  unloadGraceMs: number;
  compactEveryUpdates: number;
  compactEveryBytes: number;
  maxConnections: number;
  commitIntervalMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (`PORT=`) means "not set", as in most shells' config conventions.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ConfigSchema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    durability: e.DURABILITY,
    webDist: path.resolve(e.WEB_DIST),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    auth: {
      sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
      allowedOrigins: e.ALLOWED_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      cookieSecure: e.COOKIE_SECURE === 'true',
      publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
      trustProxy: e.TRUST_PROXY,
      login: {
        perAddress: e.LOGIN_MAX_PER_ADDRESS,
        perAccount: e.LOGIN_MAX_PER_ACCOUNT,
        windowMs: e.LOGIN_WINDOW_MS,
      },
      register: { perAddress: e.REGISTER_MAX_PER_ADDRESS, windowMs: e.REGISTER_WINDOW_MS },
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      digestHour: e.DIGEST_HOUR,
      timeZone: e.DIGEST_TIMEZONE,
      intervalMs: e.MAIL_INTERVAL_MS,
      publicUrl: e.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${e.HOST}:${e.PORT}`,
    },
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocBytes: e.MAX_DOC_BYTES,
      ratePerSec: e.RATE_LIMIT_PER_SEC,
      rateBurst: e.RATE_LIMIT_BURST,
      sendBufferLimitBytes: e.SEND_BUFFER_LIMIT_BYTES,
      heartbeatMs: e.HEARTBEAT_MS,
      unloadGraceMs: e.UNLOAD_GRACE_MS,
      compactEveryUpdates: e.COMPACT_EVERY_UPDATES,
      compactEveryBytes: e.COMPACT_EVERY_BYTES,
      maxConnections: e.MAX_CONNECTIONS,
      commitIntervalMs: e.COMMIT_INTERVAL_MS,
    },
  };
}

/** Config for tests and embedders: defaults plus overrides, without touching process.env. */
export function configFrom(overrides: Record<string, string | number>): Config {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides)) env[k] = String(v);
  return loadConfig(env);
}
