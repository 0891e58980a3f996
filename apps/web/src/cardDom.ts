import type { PartyDto } from '@akkoord/domain';
import i18n from 'i18next';

let sequence = 0;

/** A document-unique id for label/control pairs in node views (React's useId is not there). */
export function uniqueId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  el.className = className;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  return el;
}

/** Sets or removes an attribute; node views redraw often, so unchanged values are skipped. */
export function setAttribute(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) {
    el.setAttribute(name, value);
  }
}

export function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Replaces a select's options: an optional empty choice, then the parties. An id that is no
 * longer a party (removed, or from a concurrent edit) still gets an option, so the select shows
 * the truth instead of silently another party.
 */
export function fillPartyOptions(
  select: HTMLSelectElement,
  parties: readonly PartyDto[],
  current: string | null,
  emptyLabel: string | null,
): void {
  const options: [string, string][] = [];
  if (emptyLabel !== null) options.push(['', emptyLabel]);
  for (const party of parties) options.push([party.id, party.name]);
  if (current !== null && current !== '' && !parties.some((p) => p.id === current)) {
    options.push([current, i18n.t('clauses.panel.unknownParty')]);
  }
  fillOptions(select, options, current ?? '');
}

/** Replaces a select's options with [value, label] pairs and selects `value`. */
export function fillOptions(
  select: HTMLSelectElement,
  options: readonly (readonly [string, string])[],
  value: string,
): void {
  const same =
    select.options.length === options.length &&
    options.every(
      ([v, label], i) => select.options[i]?.value === v && select.options[i]?.text === label,
    );
  if (!same) {
    select.replaceChildren(
      ...options.map(([v, label]) => {
        const option = document.createElement('option');
        option.value = v;
        option.text = label;
        return option;
      }),
    );
  }
  if (select.value !== value) select.value = value;
}
