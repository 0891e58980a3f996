import { isThemeId, type AgendaItemDto } from '@akkoord/domain';

/** One agenda item as the plan form holds it: every field as typed, strings throughout. */
export interface ItemDraft {
  /** React key only; the server gives items their ids. */
  key: number;
  title: string;
  minutes: string;
  documentId: string;
  theme: string;
  clauseId: string;
}

let nextKey = 1;

export const emptyItem = (): ItemDraft => ({
  key: nextKey++,
  title: '',
  minutes: '15',
  documentId: '',
  theme: '',
  clauseId: '',
});

/** A planned meeting's item, to edit. */
export function draftOf(item: AgendaItemDto): ItemDraft {
  return {
    key: nextKey++,
    title: item.title,
    minutes: String(item.timeboxMinutes),
    documentId: item.documentId ?? '',
    theme: item.theme ?? '',
    clauseId: item.clauseId ?? '',
  };
}

/**
 * The items as the API's `AgendaItemInput`, not yet validated: the schema checks them, so its
 * problems land on the field they are about. A clause only counts with its document.
 */
export function agendaInput(items: readonly ItemDraft[]) {
  return items.map((item) => ({
    title: item.title,
    timeboxMinutes: item.minutes.trim() === '' ? Number.NaN : Number(item.minutes),
    ...(item.documentId === '' ? {} : { documentId: item.documentId }),
    ...(item.documentId === '' || item.clauseId === '' ? {} : { clauseId: item.clauseId }),
    ...(isThemeId(item.theme) ? { theme: item.theme } : {}),
  }));
}

/** Whether two agendas would send the same items (keys aside). */
export function sameAgenda(a: readonly ItemDraft[], b: readonly ItemDraft[]): boolean {
  return JSON.stringify(agendaInput(a)) === JSON.stringify(agendaInput(b));
}

/** The list with the item at `index` moved one place up (-1) or down (+1); unchanged at an end. */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}
