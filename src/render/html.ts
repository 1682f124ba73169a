/** HTML escaping and the two tiny helpers every page renderer shares. */

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an element body or a quoted attribute value (HTML Standard §13.1.2.3, §13.5). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch] ?? ch);
}

/** `name="value"` with the value escaped. */
export function attribute(name: string, value: string): string {
  return `${name}="${escapeHtml(value)}"`;
}

/** `<a href="…">text</a>` with both escaped; `rel` optional. */
export function link(href: string, text: string, rel?: string): string {
  const relAttribute = rel === undefined ? '' : ` ${attribute('rel', rel)}`;
  return `<a ${attribute('href', href)}${relAttribute}>${escapeHtml(text)}</a>`;
}
