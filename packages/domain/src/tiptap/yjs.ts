import { getSchema } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { PMJSON } from '../read';
import { CONTENT_FRAGMENT } from '../schemaNames';
import { templateFor, type TemplateKind, type TemplateOptions } from '../templates';
import { headlessBaseExtensions } from './base';
import { akkoordExtensions } from './nodes';

/** Every node the documents use, with the StarterKit stand-ins: for the server and tests. */
export const headlessExtensions = [...headlessBaseExtensions, ...akkoordExtensions];

let schema: Schema | null = null;

/** The document schema without StarterKit (built once). Works in Node without a DOM. */
export function headlessSchema(): Schema {
  return (schema ??= getSchema(headlessExtensions));
}

function fragmentOf(source: Y.Doc | Y.XmlFragment): Y.XmlFragment {
  return source instanceof Y.Doc ? source.getXmlFragment(CONTENT_FRAGMENT) : source;
}

/**
 * Writes ProseMirror JSON into an empty Y.XmlFragment (or a Y.Doc's `default` fragment) the
 * way Tiptap's Collaboration would. Throws when the JSON does not fit the schema.
 */
export function writeJSON(
  json: PMJSON,
  target: Y.Doc | Y.XmlFragment,
  s: Schema = headlessSchema(),
): void {
  s.nodeFromJSON(json).check();
  prosemirrorJSONToYXmlFragment(s, json, fragmentOf(target));
}

/** A Yjs update that creates this content as the `default` fragment of a new document. */
export function jsonToYUpdate(json: PMJSON, s: Schema = headlessSchema()): Uint8Array {
  const doc = new Y.Doc();
  try {
    writeJSON(json, doc, s);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The first update of a new `process` or `agreement` document: `templateFor` as Yjs. */
export function templateUpdate(
  kind: TemplateKind,
  parties: readonly { name: string }[],
  opts: TemplateOptions = {},
): Uint8Array {
  return jsonToYUpdate(templateFor(kind, parties, opts));
}

/** The fragment as a ProseMirror document of the given schema (e.g. to `check()` it). */
export function fragmentToDoc(source: Y.Doc | Y.XmlFragment, s: Schema = headlessSchema()): PMNode {
  return yXmlFragmentToProseMirrorRootNode(fragmentOf(source), s);
}
