import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Decoration, NodeView, ViewMutationRecord } from '@tiptap/pm/view';
import i18n from 'i18next';
import type { ClauseViewSettings } from './clauseViewSettings';

export interface CardViewProps {
  editor: Editor;
  node: PMNode;
  getPos: () => number | undefined;
  decorations: readonly Decoration[];
  settings: ClauseViewSettings;
}

/**
 * A card around editable content (clause, counterpart): plain DOM controls in a
 * contentEditable=false part, the text in `contentDOM`. Subclasses draw in `render()`, which
 * runs on creation, on node or decoration changes, on settings changes and on language changes.
 * Events and DOM changes in the controls are kept away from ProseMirror; those in the text are
 * its own.
 */
export abstract class CardNodeView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  protected readonly editor: Editor;
  protected readonly settings: ClauseViewSettings;
  protected node: PMNode;
  protected decorations: readonly Decoration[];
  private readonly getPos: () => number | undefined;
  private readonly unsubscribe: () => void;
  private readonly redraw = () => this.render();

  protected constructor(props: CardViewProps, dom: HTMLElement, contentDOM: HTMLElement) {
    this.editor = props.editor;
    this.settings = props.settings;
    this.node = props.node;
    this.decorations = props.decorations;
    this.getPos = props.getPos;
    this.dom = dom;
    this.contentDOM = contentDOM;
    this.unsubscribe = this.settings.subscribe(this.redraw);
    i18n.on('languageChanged', this.redraw);
  }

  protected abstract render(): void;

  update(node: PMNode, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.node.type) return false;
    // ProseMirror calls this only when the node or its decorations changed; render() writes
    // only what differs, so redrawing here is cheap.
    this.node = node;
    this.decorations = decorations;
    this.render();
    return true;
  }

  /** Controls handle their own events (select, type a date, press a button). */
  stopEvent(event: Event): boolean {
    const target = event.target;
    if (!(target instanceof Node) || this.contentDOM.contains(target)) return false;
    return this.dom.contains(target);
  }

  /** Redraws of the controls are not edits; the text and the selection are ProseMirror's. */
  ignoreMutation(mutation: ViewMutationRecord): boolean {
    if (mutation.type === 'selection') return false;
    if (mutation.target === this.contentDOM && mutation.type === 'attributes') return true;
    return !this.contentDOM.contains(mutation.target);
  }

  destroy(): void {
    this.unsubscribe();
    i18n.off('languageChanged', this.redraw);
  }

  /** The node's position now, or null once it has left the document. */
  protected position(): number | null {
    const pos = this.getPos();
    return typeof pos === 'number' ? pos : null;
  }

  protected updateAttributes(attributes: Record<string, unknown>): void {
    const pos = this.position();
    if (pos === null) return;
    this.editor.commands.command(({ tr }) => {
      tr.setNodeMarkup(pos, undefined, { ...this.node.attrs, ...attributes });
      return true;
    });
  }

  protected deleteNode(): void {
    const pos = this.position();
    if (pos === null) return;
    const size = this.node.nodeSize;
    this.editor.commands.command(({ tr }) => {
      tr.delete(pos, pos + size);
      return true;
    });
  }
}

export function stringAttr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
