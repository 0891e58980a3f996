import { fallbackColor, isHexColor, textColorOn } from './colorContrast';

/** The name shown next to someone's caret and in the presence list. */
export function displayName(user: Record<string, unknown>): string {
  const name = typeof user['name'] === 'string' ? user['name'] : '';
  const party = user['partyName'];
  return typeof party === 'string' && party !== '' ? `${name} (${party})` : name;
}

/**
 * Replaces CollaborationCaret's default markup (same class names) so the label text keeps its
 * contrast on any colour. Hidden from assistive technology: it would otherwise be read out in
 * the middle of the document text; the presence list says who is here.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = isHexColor(user['color']) ? user['color'] : fallbackColor;
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.style.color = textColorOn(color);
  label.textContent = displayName(user);
  caret.append(label);
  return caret;
}
