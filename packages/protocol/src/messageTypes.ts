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
