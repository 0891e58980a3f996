/**
 * Copies text to the clipboard. The Clipboard API needs a secure context and permission; the
 * old execCommand route covers plain-HTTP installs. False when both fail: the page then asks
 * the person to copy the (already selected) text themselves.
 */
export async function copyText(
  text: string,
  fallbackInput?: HTMLInputElement | null,
): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackInput == null) return false;
    fallbackInput.select();
    try {
      // Deprecated but still the only synchronous copy without the Clipboard API.
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
