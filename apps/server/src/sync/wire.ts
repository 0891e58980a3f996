import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, SyncMessageType } from '@akkoord/protocol';
import { AppError } from '../errors';

/** A decoded client frame. Updates are kept as the exact bytes received, to forward unchanged. */
export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'sync-update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' }
  | { kind: 'unknown'; type: number };

/** Decodes one frame; throws AppError('bad_request') for anything that is not the protocol. */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const d = decoding.createDecoder(frame);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MessageType.sync: {
        const sub = decoding.readVarUint(d);
        const payload = decoding.readVarUint8Array(d);
        if (sub === SyncMessageType.step1) return { kind: 'sync-step1', stateVector: payload };
        if (sub === SyncMessageType.step2) return { kind: 'sync-step2', update: payload };
        if (sub === SyncMessageType.update) return { kind: 'sync-update', update: payload };
        throw new AppError('bad_request', `unknown sync message type ${sub}`);
      }
      case MessageType.awareness:
        return { kind: 'awareness', update: decoding.readVarUint8Array(d) };
      case MessageType.queryAwareness:
        return { kind: 'query-awareness' };
      case MessageType.auth:
        return { kind: 'auth' };
      default:
        return { kind: 'unknown', type };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_request', `malformed message: ${(err as Error).message}`);
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncMessageType.step1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncMessageType.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncMessageType.update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

/** y-protocols/auth permission-denied: `[2, 0, reason]`. */
export function encodePermissionDenied(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });
}

/** Yjs v1 encoding of an update with no structs and no deletions. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}
