/** HTML escaping and the two tiny helpers every page renderer shares. */

/** Escapes text for an element body or a quoted attribute value (HTML Standard §13.1.2.3, §13.5). */
export function escapeHtml(text: string): string {
  if (!needsEscape.test(text)) return text;
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const needsEscape = /[&<>"']/;

/** `name="value"` with the value escaped. */
export function attribute(name: string, value: string): string {
  return `${name}="${escapeHtml(value)}"`;
}

/** `<a href="…">text</a>` with both escaped; `rel` optional. */
export function link(href: string, text: string, rel?: string): string {
  const relAttribute = rel === undefined ? '' : ` ${attribute('rel', rel)}`;
  return `<a ${attribute('href', href)}${relAttribute}>${escapeHtml(text)}</a>`;
}

/** `<meta property="…" content="…">` and a newline: Open Graph (https://ogp.me/) and its kin, both escaped. */
export function metaProperty(property: string, content: string): string {
  return `<meta ${attribute('property', property)} ${attribute('content', content)}>\n`;
}
