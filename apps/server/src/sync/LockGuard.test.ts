import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  clauseElement,
  counterpartElement,
  findClauseElement,
  paragraphElement,
} from '../../test/helpers/yElements';
import { LockGuard } from './LockGuard';

/** Stands for the server's Connection: the origin client updates are applied with. */
class Client {}

/** A server doc and a client doc in sync, one section with clauses a (locked) and b. */
function setup(locked: string[] = ['a']) {
  const server = new Y.Doc();
  const section = new Y.XmlElement('themeSection');
  section.setAttribute('theme', 'finance');
  server.getXmlFragment('default').insert(0, [section]);
  section.insert(0, [
    paragraphElement('Financiën'),
    clauseElement({
      id: 'a',
      status: 'agreed',
      text: 'Agreed text',
      counterparts: [['p1', 'Pay']],
    }),
    clauseElement({ id: 'b', text: 'Open text' }),
  ]);
  findClauseElement(server, 'a').el.setAttribute('locked', 'dec-1');
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const guard = new LockGuard(server, new Set(locked), [Client]);
  const agreed = findClauseElement(server, 'a').el.toJSON();
  /** Sends what `change` does on the client to the server; returns the compensation. */
  const send = (change: (doc: Y.Doc) => void): Uint8Array | null => {
    const before = Y.encodeStateVector(client);
    client.transact(() => change(client));
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before), new Client());
    const fix = guard.compensate();
    if (fix) Y.applyUpdate(client, fix);
    return fix;
  };
  const clause = (doc: Y.Doc, id: string) => findClauseElement(doc, id).el.toJSON();
  const textOf = (doc: Y.Doc, id: string) =>
    ((findClauseElement(doc, id).el.get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText;
  return { server, client, guard, agreed, send, clause, textOf };
}

describe('LockGuard', () => {
  it('LOCK-2 undoes a text change inside a locked clause and keeps one elsewhere', () => {
    const t = setup();
    const fix = t.send((d) => {
      t.textOf(d, 'a').insert(0, 'Not ');
      t.textOf(d, 'b').insert(0, 'Still ');
    });
    expect(fix).not.toBeNull();
    for (const d of [t.server, t.client]) {
      expect(t.clause(d, 'a')).toBe(t.agreed);
      expect(t.textOf(d, 'b').toString()).toBe('Still Open text');
    }
  });

  it('LOCK-2 undoes deleted text, attribute changes and counterpart edits', () => {
    const t = setup();
    t.send((d) => t.textOf(d, 'a').delete(0, 7));
    t.send((d) => {
      const el = findClauseElement(d, 'a').el;
      el.setAttribute('status', 'draft');
      el.setAttribute('owner', 'p2');
      el.removeAttribute('locked');
    });
    t.send((d) => {
      const el = findClauseElement(d, 'a').el;
      el.insert(el.length, [counterpartElement('p2', 'Extra')]);
      el.delete(1, 1);
    });
    for (const d of [t.server, t.client]) expect(t.clause(d, 'a')).toBe(t.agreed);
  });

  it('LOCK-2 restores a deleted locked clause, and keeps guarding the restored one', () => {
    const t = setup();
    t.send((d) => {
      const { parent, index } = findClauseElement(d, 'a');
      parent.delete(index, 1);
    });
    for (const d of [t.server, t.client]) expect(t.clause(d, 'a')).toBe(t.agreed);
    t.send((d) => t.textOf(d, 'a').insert(0, 'Again '));
    for (const d of [t.server, t.client]) expect(t.clause(d, 'a')).toBe(t.agreed);
  });

  it('LOCK-2 restores the section deleted around a locked clause, not other deletions', () => {
    const t = setup();
    const other = clauseElement({ id: 'c', text: 'Elsewhere' });
    t.client.getXmlFragment('default').insert(1, [other]);
    Y.applyUpdate(t.server, Y.encodeStateAsUpdate(t.client), new Client());
    expect(t.guard.compensate()).toBeNull();
    t.send((d) => d.getXmlFragment('default').delete(0, 2));
    for (const d of [t.server, t.client]) {
      expect(t.clause(d, 'a')).toBe(t.agreed);
      expect(t.clause(d, 'b')).toContain('Open text');
      expect(() => findClauseElement(d, 'c')).toThrow();
    }
  });

  it('LOCK-2 deletes a copy of a locked clause', () => {
    const t = setup();
    t.send((d) => {
      const { parent } = findClauseElement(d, 'b');
      parent.insert(parent.length, [clauseElement({ id: 'a', status: 'draft', text: 'Mine' })]);
    });
    for (const d of [t.server, t.client]) {
      const ids = d
        .getXmlFragment('default')
        .toArray()
        .flatMap((s) => (s as Y.XmlElement).toArray())
        .filter((n) => n instanceof Y.XmlElement && n.nodeName === 'clause')
        .map((n) => (n as Y.XmlElement).getAttribute('id'));
      expect(ids).toEqual(['a', 'b']);
      expect(t.clause(d, 'a')).toBe(t.agreed);
    }
  });

  it('LOCK-2 leaves server changes and unlocked clauses alone', () => {
    const t = setup([]);
    expect(t.send((d) => t.textOf(d, 'a').insert(0, 'Free '))).toBeNull();
    expect(t.textOf(t.server, 'a').toString()).toBe('Free Agreed text');
    const g = new LockGuard(t.server, new Set(['a']), [Client]);
    t.server.transact(() => findClauseElement(t.server, 'a').el.setAttribute('status', 'x'), 'srv');
    expect(g.compensate()).toBeNull();
    expect(findClauseElement(t.server, 'a').el.getAttribute('status')).toBe('x');
  });

  it('LOCK-2 keeps no undo history between updates', () => {
    const t = setup();
    for (let i = 0; i < 5; i++) t.send((d) => t.textOf(d, 'a').insert(0, `${i}`));
    const managers = t.guard as unknown as Record<string, Y.UndoManager>;
    expect(managers.edits!.undoStack.length + managers.edits!.redoStack.length).toBe(0);
    expect(t.clause(t.server, 'a')).toBe(t.agreed);
  });
});
