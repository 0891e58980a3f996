import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { EditorState, NodeSelection, TextSelection, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import { NODE } from '../schemaNames';
import { clauseJSON, templateFor, themeSectionJSON } from '../templates';
import { CORP, GEM, HURD, sampleAgreementJSON } from '../testFixtures';
import * as cmd from './commands';
import { clausesIn, findClause, readClausesFromDoc } from './doc';
import {
  clauseIdPlugin,
  clauseNumberFromDecorations,
  parentClauseNumberFromDecorations,
  clauseNumberingKey,
  clauseNumberingPlugin,
  fixClauseIds,
  getClauseNumbers,
  isRemoteTransaction,
  renewPastedClauseIds,
} from './plugins';
import { headlessSchema } from './yjs';

const schema = headlessSchema();
let n = 0;
const ids = () => `gen${++n}`;

function stateOf(json = sampleAgreementJSON()): EditorState {
  return EditorState.create({
    schema,
    doc: schema.nodeFromJSON(json),
    plugins: [clauseIdPlugin({ generateId: ids }), clauseNumberingPlugin()],
  });
}

/** Runs a command function like Tiptap would (dry run first, then for real). */
function run(state: EditorState, f: (tr: Transaction, dispatch: boolean) => boolean): EditorState {
  expect(f(state.tr, false)).toBe(true);
  const tr = state.tr;
  expect(f(tr, true)).toBe(true);
  return state.apply(tr);
}

const cursorIn = (state: EditorState, id: string, offset = 3) =>
  state.apply(
    state.tr.setSelection(TextSelection.create(state.doc, findClause(state.doc, id)!.pos + offset)),
  );
const clauses = (state: EditorState) => readClausesFromDoc(state.doc);

describe('schema', () => {
  it('has the Akkoord nodes with the documented content', () => {
    expect(schema.nodes[NODE.themeSection]!.spec.content).toBe('heading themeGuidance clause*');
    expect(schema.nodes[NODE.clause]!.spec.content).toBe('clauseText counterpart*');
    expect(schema.nodes[NODE.clauseText]!.spec.content).toBe('paragraph+');
    expect(schema.nodes[NODE.counterpart]!.spec.content).toBe('paragraph+');
  });

  it('gives every attribute a default, so a concurrent edit can never make a node invalid', () => {
    for (const type of Object.values(schema.nodes)) {
      for (const [name, attr] of Object.entries(type.spec.attrs ?? {})) {
        expect(attr, `${type.name}.${name}`).toHaveProperty('default');
      }
    }
    const bare = schema.nodes[NODE.clause]!.createAndFill()!;
    expect(bare.attrs).toEqual({
      id: null,
      owner: null,
      status: 'draft',
      locked: null,
      round: null,
    });
    expect(bare.firstChild!.type.name).toBe(NODE.clauseText);
  });

  it('only lets clauses live inside a theme section', () => {
    const doc = schema.nodeFromJSON(sampleAgreementJSON());
    expect(() => doc.check()).not.toThrow();
    expect(doc.type.contentMatch.matchType(schema.nodes[NODE.clause]!)).toBeNull();
    expect(() =>
      schema
        .nodeFromJSON({
          type: 'doc',
          content: [themeSectionJSON('kwaliteit', { clauses: [{ type: 'paragraph' }] })],
        })
        .check(),
    ).toThrow();
  });

  it('renders data- attributes and parses them back (HTML for copy/paste)', () => {
    const clause = schema.nodeFromJSON(
      clauseJSON({
        id: 'c9',
        owner: CORP,
        status: 'agreed',
        counterparts: [{ party: GEM, due: '2027-01-31', commitment: 'x' }],
      }),
    );
    const spec = schema.nodes[NODE.clause]!.spec.toDOM!(clause) as [
      string,
      Record<string, string>,
      number,
    ];
    expect(spec[0]).toBe('div');
    expect(spec[1]).toEqual({
      'data-type': 'clause',
      'data-clause-id': 'c9',
      'data-owner': CORP,
      'data-status': 'agreed',
    });
    const cp = clause.lastChild!;
    expect(
      (schema.nodes[NODE.counterpart]!.spec.toDOM!(cp) as [string, Record<string, string>])[1],
    ).toEqual({
      'data-type': 'counterpart',
      'data-party': GEM,
      'data-due': '2027-01-31',
    });
    const bare = schema.nodes[NODE.clause]!.create();
    expect(
      (schema.nodes[NODE.clause]!.spec.toDOM!(bare) as [string, Record<string, string>])[1],
    ).toEqual({ 'data-type': 'clause', 'data-status': 'draft' });

    // Tiptap's parse rules only call getAttribute, so a stand-in element will do (no DOM here).
    const parse = (node: string, attrs: Record<string, string>): unknown => {
      const rule = schema.nodes[node]!.spec.parseDOM![0]! as unknown as {
        getAttrs: (e: { getAttribute(k: string): string | null }) => unknown;
      };
      return rule.getAttrs({ getAttribute: (k) => attrs[k] ?? null });
    };
    expect(
      parse(NODE.clause, { 'data-clause-id': 'c9', 'data-owner': CORP, 'data-status': 'agreed' }),
    ).toEqual({ id: 'c9', owner: CORP, status: 'agreed' });
    // Unset or invalid values are left out, so the attribute defaults apply.
    expect(parse(NODE.clause, { 'data-status': 'signed' })).toEqual({ status: 'draft' });
    expect(parse(NODE.counterpart, { 'data-party': GEM, 'data-due': 'morgen' })).toEqual({
      party: GEM,
    });
    expect(parse(NODE.themeSection, { 'data-theme': 'kalender' })).toEqual({ theme: 'kalender' });
    expect(parse(NODE.themeSection, { 'data-theme': 'weer' })).toEqual({});
    const guidanceRule = schema.nodes[NODE.themeGuidance]!.spec.parseDOM![0]!;
    expect(guidanceRule).toMatchObject({ tag: 'p[data-type="theme-guidance"]', priority: 60 });
  });
});

describe('commands', () => {
  it('inserts a clause after the clause the cursor is in, with a fresh id and the cursor in its text', () => {
    let s = cursorIn(stateOf(), 'c1');
    s = run(s, (tr, d) => cmd.insertClause(tr, { id: 'new', owner: HURD }, d));
    expect(clauses(s).map((c) => [c.id, c.number])).toEqual([
      ['c1', 'B-01'],
      ['new', 'B-02'],
      ['c2', 'B-03'],
      ['c3', 'H-01'],
      ['c4', 'K-01'],
    ]);
    expect(clauses(s)[1]).toMatchObject({
      owner: HURD,
      status: 'draft',
      text: '',
      counterparts: [],
    });
    expect(s.selection.$from.parent.type.name).toBe(NODE.paragraph);
    expect(s.selection.$from.node(s.selection.$from.depth - 2).attrs.id).toBe('new');
  });

  it('inserts at the end of the section when the cursor is in its heading or guidance', () => {
    let s = stateOf();
    const section = s.doc.child(4); // duurzaamheid, empty
    let pos = 0;
    for (let i = 0; i < 4; i++) pos += s.doc.child(i).nodeSize;
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, pos + 2)));
    expect(s.selection.$from.parent.type.name).toBe(NODE.heading);
    s = run(s, (tr, d) => cmd.insertClause(tr, { text: 'Isoleren' }, d));
    const added = clauses(s).find((c) => c.theme === 'duurzaamheid')!;
    expect(added).toMatchObject({ number: 'D-01', text: 'Isoleren' });
    expect(added.id).toMatch(/^c[0-9a-z]{12}$/);
    expect(section.childCount).toBe(2);
  });

  it('inserts by theme when the cursor is outside any section, and refuses when it cannot', () => {
    let s = stateOf();
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 2))); // title heading
    expect(cmd.insertClause(s.tr, {}, false)).toBe(false);
    s = run(s, (tr, d) => cmd.insertClause(tr, { theme: 'kwaliteit', id: 'k2' }, d));
    expect(clauses(s).find((c) => c.id === 'k2')!.number).toBe('K-02');
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 2)));
    expect(cmd.insertClause(s.tr, { theme: 'kalender' }, false)).toBe(false); // no such section here
    expect(cmd.insertClause(s.tr, { at: 1 }, false)).toBe(false); // not where a clause may go
  });

  it('inserts after a selected clause node', () => {
    let s = stateOf();
    s = s.apply(s.tr.setSelection(NodeSelection.create(s.doc, findClause(s.doc, 'c3')!.pos)));
    s = run(s, (tr, d) => cmd.insertClause(tr, { id: 'after3' }, d));
    expect(clauses(s).map((c) => c.id)).toEqual(['c1', 'c2', 'c3', 'after3', 'c4']);
  });

  it('sets owner and status, respecting the status transitions unless forced', () => {
    let s = stateOf();
    s = run(s, (tr, d) => cmd.setClauseOwner(tr, 'c2', HURD, d));
    s = run(s, (tr, d) => cmd.setClauseStatus(tr, 'c2', 'proposed', {}, d));
    expect(clauses(s)[1]).toMatchObject({ owner: HURD, status: 'proposed' });
    expect(cmd.setClauseStatus(s.tr, 'c3', 'draft', {}, true)).toBe(false); // agreed → draft
    s = run(s, (tr, d) => cmd.setClauseStatus(tr, 'c3', 'draft', { force: true }, d));
    expect(clauses(s)[2]!.status).toBe('draft');
    s = run(s, (tr, d) => cmd.setClauseOwner(tr, 'c2', null, d));
    expect(clauses(s)[1]!.owner).toBeNull();
    expect(cmd.setClauseOwner(s.tr, 'nope', CORP, true)).toBe(false);
    expect(cmd.setClauseOwner(s.tr, 'c2', '', true)).toBe(false);
    expect(cmd.setClauseStatus(s.tr, 'c2', 'signed' as 'draft', {}, true)).toBe(false);
  });

  it('adds, updates and removes counterparts', () => {
    let s = stateOf();
    s = run(s, (tr, d) =>
      cmd.addCounterpart(tr, 'c2', { party: CORP, commitment: 'Levert plannen aan.' }, d),
    );
    expect(s.selection.$from.node(s.selection.$from.depth - 1).type.name).toBe(NODE.counterpart);
    s = run(s, (tr, d) => cmd.addCounterpart(tr, 'c2', {}, d));
    expect(clauses(s)[1]!.counterparts).toEqual([
      { party: CORP, commitment: 'Levert plannen aan.', due: null },
      { party: null, commitment: '', due: null },
    ]);
    s = run(s, (tr, d) =>
      cmd.updateCounterpart(tr, 'c2', 1, { party: HURD, due: '2027-03-01' }, d),
    );
    s = run(s, (tr, d) => cmd.updateCounterpart(tr, 'c2', 0, { due: null }, d));
    expect(clauses(s)[1]!.counterparts.map((c) => [c.party, c.due])).toEqual([
      [CORP, null],
      [HURD, '2027-03-01'],
    ]);
    expect(cmd.updateCounterpart(s.tr, 'c2', 1, { due: '31-12-2027' }, true)).toBe(false);
    expect(cmd.updateCounterpart(s.tr, 'c2', 5, { party: GEM }, true)).toBe(false);
    expect(cmd.addCounterpart(s.tr, 'c2', { due: 'gisteren' }, true)).toBe(false);
    s = run(s, (tr, d) => cmd.removeCounterpart(tr, 'c2', 0, d));
    expect(clauses(s)[1]!.counterparts.map((c) => c.party)).toEqual([HURD]);
    expect(() => s.doc.check()).not.toThrow();
  });

  it('removes a clause and renumbers the rest', () => {
    let s = stateOf();
    s = run(s, (tr, d) => cmd.removeClause(tr, 'c1', d));
    expect(clauses(s).map((c) => [c.id, c.number])).toEqual([
      ['c2', 'B-01'],
      ['c3', 'H-01'],
      ['c4', 'K-01'],
    ]);
    expect(cmd.removeClause(s.tr, 'c1', false)).toBe(false);
  });
});

describe('numbering plugin', () => {
  const decoNumbers = (s: EditorState) =>
    clauseNumberingKey
      .getState(s)!
      .decorations.find()
      .filter((d) => clauseNumberFromDecorations([d]) !== null)
      .map((d) => [d.from, clauseNumberFromDecorations([d])]);

  it('decorates each clause with its derived number, and follows changes', () => {
    let s = stateOf();
    expect([...getClauseNumbers(s)]).toEqual([
      ['c1', 'B-01'],
      ['c2', 'B-02'],
      ['c3', 'H-01'],
      ['c4', 'K-01'],
    ]);
    expect(decoNumbers(s)).toEqual(clausesIn(s.doc).map((c) => [c.pos, c.number]));
    s = run(cursorIn(s, 'c1'), (tr, d) => cmd.insertClause(tr, { id: 'x' }, d));
    expect(getClauseNumbers(s).get('c2')).toBe('B-03');
    // Typing inside a clause moves the decorations along.
    s = s.apply(s.tr.insertText('Nieuwe tekst'));
    expect(decoNumbers(s)).toEqual(clausesIn(s.doc).map((c) => [c.pos, c.number]));
    const spec = clauseNumberingKey.getState(s)!.decorations.find()[0]!;
    expect((spec as unknown as { type: { attrs: Record<string, string> } }).type.attrs).toEqual({
      'data-clause-number': 'B-01',
    });
  });

  it('gives each counterpart the number of its clause, for its controls', () => {
    const s = stateOf();
    const numbers: [string, string | null][] = [];
    const decos = clauseNumberingKey.getState(s)!.decorations;
    s.doc.descendants((node, pos) => {
      if (node.type.name !== 'counterpart') return true;
      const parent = s.doc.resolve(pos).parent;
      numbers.push([
        getClauseNumbers(s).get(parent.attrs.id as string) ?? '?',
        parentClauseNumberFromDecorations(decos.find(pos, pos + node.nodeSize)),
      ]);
      return false;
    });
    expect(numbers.length).toBeGreaterThan(0);
    for (const [expected, actual] of numbers) expect(actual).toBe(expected);
  });

  it('reads nothing without the plugin', () => {
    const bare = EditorState.create({ schema, doc: schema.nodeFromJSON(sampleAgreementJSON()) });
    expect(getClauseNumbers(bare).size).toBe(0);
    expect(clauseNumberFromDecorations([])).toBeNull();
  });
});

describe('clause ids', () => {
  const withClauses = (...attrs: { id?: string | null }[]) =>
    templateFor('agreement', []).content!.map((node) =>
      node.attrs?.theme === 'beschikbaarheid'
        ? {
            ...node,
            content: [
              ...node.content!,
              ...attrs.map((a) => ({
                ...clauseJSON(),
                attrs: { ...clauseJSON().attrs, id: a.id ?? null },
              })),
            ],
          }
        : node,
    );

  it('fills in missing and duplicate ids after a local change, keeping the first of a duplicate', () => {
    let s = stateOf({
      type: 'doc',
      content: withClauses({ id: 'a' }, { id: null }, { id: 'a' }, { id: 'b' }),
    });
    expect(fixClauseIds(s, () => 'fresh')).not.toBeNull();
    s = s.apply(s.tr.insertText('x', 1));
    const got = clauses(s).map((c) => c.id);
    expect(got[0]).toBe('a');
    expect(got[1]).toMatch(/^gen\d+$/);
    expect(got[2]).toMatch(/^gen\d+$/);
    expect(got[3]).toBe('b');
    expect(new Set(got).size).toBe(4);
    expect(fixClauseIds(s)).toBeNull();
  });

  it('leaves remote (Yjs) changes alone', () => {
    let s = stateOf({ type: 'doc', content: withClauses({ id: null }) });
    const remote = s.tr.insertText('x', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true });
    expect(isRemoteTransaction(remote)).toBe(true);
    s = s.apply(remote);
    expect(clauses(s)[0]!.id).toBe('nr:B-01');
    expect(isRemoteTransaction(s.tr.setMeta('y-sync$', { isChangeOrigin: true }))).toBe(true);
    expect(isRemoteTransaction(s.tr)).toBe(false);
  });

  it('gives a pasted copy a new id, but keeps the id of a cut-and-paste or a move', () => {
    const s = stateOf();
    const c1 = findClause(s.doc, 'c1')!;
    const slice = new Slice(Fragment.from(c1.node), 0, 0);
    const pasted = renewPastedClauseIds(slice, { state: s, dragging: null }, () => 'copy');
    expect((pasted.content.firstChild as PMNode).attrs.id).toBe('copy');
    expect((pasted.content.firstChild as PMNode).attrs.owner).toBe(CORP);
    expect(pasted.content.firstChild!.textContent).toBe(c1.node.textContent);
    // Moved by drag: keeps its id.
    const moved = renewPastedClauseIds(
      slice,
      { state: s, dragging: { slice, move: true } },
      () => 'copy',
    );
    expect(moved).toBe(slice);
    // Cut before: the id is free again.
    const afterCut = s.apply(s.tr.delete(c1.pos, c1.pos + c1.node.nodeSize));
    expect(renewPastedClauseIds(slice, { state: afterCut, dragging: null })).toBe(slice);
    // Two copies of the same clause in one paste get distinct new ids.
    const twice = renewPastedClauseIds(
      new Slice(Fragment.from([c1.node, c1.node]), 0, 0),
      { state: afterCut, dragging: null },
      ids,
    );
    const twiceIds = [twice.content.child(0).attrs.id, twice.content.child(1).attrs.id];
    expect(twiceIds[0]).toBe('c1');
    expect(twiceIds[1]).toMatch(/^gen/);
  });
});
