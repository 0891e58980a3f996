import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isEmptyUpdate, readSyncFrame, readSyncPayload, sameBytes } from './syncMessages';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

describe('syncMessages', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hallo');
  const update = Y.encodeStateAsUpdate(doc);

  it('reads step 1, step 2 and update frames', () => {
    expect(readSyncFrame(frame((e) => syncProtocol.writeSyncStep1(e, doc)))).toEqual({
      kind: 'step1',
    });
    const step2 = readSyncFrame(frame((e) => syncProtocol.writeSyncStep2(e, doc)));
    expect(step2.kind).toBe('step2');
    expect(step2.kind === 'step2' && sameBytes(step2.update, update)).toBe(true);
    const upd = readSyncFrame(frame((e) => syncProtocol.writeUpdate(e, update)));
    expect(upd.kind === 'update' && sameBytes(upd.update, update)).toBe(true);
  });

  it('reads a body without the top-level type', () => {
    const body = frame((e) => syncProtocol.writeUpdate(e, update)).subarray(1);
    const payload = readSyncPayload(body);
    expect(payload.kind === 'update' && sameBytes(payload.update, update)).toBe(true);
  });

  it('treats other and broken frames as unknown instead of throwing', () => {
    expect(readSyncFrame(Uint8Array.from([1, 0]))).toEqual({ kind: 'unknown' });
    expect(readSyncFrame(Uint8Array.from([0, 2, 50, 1]))).toEqual({ kind: 'unknown' });
    expect(readSyncPayload(Uint8Array.from([]))).toEqual({ kind: 'unknown' });
    expect(readSyncPayload(Uint8Array.from([9]))).toEqual({ kind: 'unknown' });
  });

  it('recognises the empty update', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(update)).toBe(false);
  });

  it('compares bytes', () => {
    expect(sameBytes(Uint8Array.from([1, 2]), Uint8Array.from([1, 2]))).toBe(true);
    expect(sameBytes(Uint8Array.from([1, 2]), Uint8Array.from([1, 3]))).toBe(false);
    expect(sameBytes(Uint8Array.from([1]), Uint8Array.from([1, 0]))).toBe(false);
  });
});
