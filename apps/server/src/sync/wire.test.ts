import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AppError } from '../errors';
import {
  encodePermissionDenied,
  encodeSyncStep1,
  encodeUpdate,
  isEmptyUpdate,
  parseClientMessage,
} from './wire';

describe('wire', () => {
  it('round-trips sync messages byte for byte', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'a');
    const update = Y.encodeStateAsUpdate(doc);
    const parsed = parseClientMessage(encodeUpdate(update));
    expect(parsed.kind).toBe('sync-update');
    expect(
      parsed.kind === 'sync-update' && Buffer.from(parsed.update).equals(Buffer.from(update)),
    ).toBe(true);
    expect(parseClientMessage(encodeSyncStep1(Y.encodeStateVector(doc))).kind).toBe('sync-step1');
  });

  it('reports truncated and unknown sync frames as bad_request, unknown types as unknown', () => {
    const full = encodeUpdate(new Uint8Array([1, 2, 3, 4]));
    expect(() => parseClientMessage(full.subarray(0, 3))).toThrow(AppError);
    expect(() => parseClientMessage(new Uint8Array([0, 9, 0]))).toThrow(
      /unknown sync message type/,
    );
    expect(() => parseClientMessage(new Uint8Array([]))).toThrow(AppError);
    expect(parseClientMessage(new Uint8Array([42]))).toEqual({ kind: 'unknown', type: 42 });
  });

  it('encodes permission-denied as y-protocols/auth does', () => {
    const msg = encodePermissionDenied('nee');
    expect([...msg.subarray(0, 3)]).toEqual([2, 0, 3]);
    expect(new TextDecoder().decode(msg.subarray(3))).toBe('nee');
  });

  it('recognises the empty update', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(doc))).toBe(false);
  });
});
