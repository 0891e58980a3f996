import { DenialReason, MessageType, SyncMessageType } from '@akkoord/protocol';
import * as decoding from 'lib0/decoding';

/** What the save tracker needs to know about one y-protocols sync message. */
export type SyncPayload =
  | { kind: 'step1' }
  | { kind: 'step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'unknown' };

/**
 * Reads the body of a sync message, i.e. the bytes after the top-level message type.
 * Never throws: a frame we cannot read must not break the editor, it just is not counted.
 */
export function readSyncPayload(body: Uint8Array): SyncPayload {
  try {
    const decoder = decoding.createDecoder(body);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case SyncMessageType.step1:
        return { kind: 'step1' };
      case SyncMessageType.step2:
        return { kind: 'step2', update: decoding.readVarUint8Array(decoder) };
      case SyncMessageType.update:
        return { kind: 'update', update: decoding.readVarUint8Array(decoder) };
      default:
        return { kind: 'unknown' };
    }
  } catch {
    return { kind: 'unknown' };
  }
}

/**
 * Reads a complete outgoing frame (top-level type included), as y-websocket's handlers
 * write it into their reply encoder. Anything that is not a sync frame is `unknown`.
 */
export function readSyncFrame(frame: Uint8Array): SyncPayload {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return { kind: 'unknown' };
    return readSyncPayload(frame.subarray(decoder.pos));
  } catch {
    return { kind: 'unknown' };
  }
}

/**
 * A Yjs v1 update without structs and without deletions is exactly [0, 0]. The server does not
 * store (and so never echoes) such a no-op, so waiting for its echo would hang forever.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

/**
 * y-protocols/auth: the only auth message is permission-denied (sub-type 0) with a reason.
 * Returns the reason ('' when it cannot be read), or null for anything else.
 */
export function permissionDeniedReason(body: Uint8Array): string | null {
  const d = decoding.createDecoder(body);
  try {
    if (decoding.readVarUint(d) !== 0) return null;
  } catch {
    return null;
  }
  try {
    return decoding.readVarString(d);
  } catch {
    return '';
  }
}

/**
 * Whether a refusal means the server stores nothing from this connection. A change to a locked
 * clause is not such a refusal: it was stored together with its undoing, and the connection
 * stays writable.
 */
export function refusesWrites(reason: string): boolean {
  return reason !== DenialReason.lockedClause;
}
