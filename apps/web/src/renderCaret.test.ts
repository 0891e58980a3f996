// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { displayName, renderCaret } from './renderCaret';

describe('renderCaret', () => {
  it('renders the name on the user colour with readable text', () => {
    const caret = renderCaret({ name: 'Bram', color: '#ffeb3b', partyName: 'Huurders' });
    const label = caret.querySelector('.collaboration-carets__label');
    expect(caret.classList.contains('collaboration-carets__caret')).toBe(true);
    expect(caret.getAttribute('aria-hidden')).toBe('true');
    expect(label?.textContent).toBe('Bram (Huurders)');
    expect((label as HTMLElement).style.color).not.toBe('rgb(255, 255, 255)');
  });

  it('falls back to a neutral colour for invalid colours', () => {
    const caret = renderCaret({ name: 'X', color: 'transparent' });
    expect(caret.style.borderColor).toMatch(/#475569|rgb\(71, 85, 105\)/);
  });
});

describe('displayName', () => {
  it('omits an empty party', () => {
    expect(displayName({ name: 'Anna', partyName: null })).toBe('Anna');
  });
});
