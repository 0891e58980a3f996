/**
 * `@akkoord/domain/tiptap`: the editor side of the document schema (Tiptap 3 nodes, commands,
 * plugins) and the schema-aware Yjs helpers. The editor-free parts (types, readers, ledger,
 * exports) are in `@akkoord/domain`.
 */
export * from './base';
export * from './nodes';
export * from './plugins';
export * from './lockPlugin';
export * from './doc';
export * from './yjs';
export {
  insertClause as insertClauseTr,
  setClauseOwner as setClauseOwnerTr,
  setClauseStatus as setClauseStatusTr,
  removeClause as removeClauseTr,
  addCounterpart as addCounterpartTr,
  updateCounterpart as updateCounterpartTr,
  removeCounterpart as removeCounterpartTr,
  type InsertClauseOptions,
} from './commands';
