/**
 * The y-websocket wire protocol's top-level message types (first varuint of every frame).
 * Values are fixed by y-websocket; they are declared here once so server and web agree.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Sub-types of a `sync` message (y-protocols/sync). */
export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType];

/** Path prefix of the sync endpoint: `ws://host:port/sync/<room>`. */
export const SYNC_PATH = '/sync';

/** Room names as they appear in the sync URL: `ws://host/sync/<room>`. */
export const ROOM_NAME_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * Reasons the server gives in an auth permission-denied message (y-protocols/auth). A client
 * must tell them apart: `readOnly` and `documentFull` mean nothing it writes is stored, while
 * `lockedClause` means its update was stored together with the undoing of what it did to a
 * locked clause — the connection stays writable.
 */
export const DenialReason = {
  readOnly: 'read-only: your changes are not saved',
  documentFull: 'document size limit reached: this change was not saved',
  lockedClause: 'locked clause: your change to it was undone',
  lockGuardFailed: 'locked clause: this change was not saved',
} as const;
export type DenialReason = (typeof DenialReason)[keyof typeof DenialReason];
