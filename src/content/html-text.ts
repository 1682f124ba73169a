/** Plain text to and from HTML: escaping paragraphs, and the text content of sanitized HTML. */
import { escapeHtml } from '../render/html.ts';
import { replaceUnsafeCharacters } from './clean-text.ts';

/** Each paragraph as `<p>…</p>`, escaped, inner newlines kept; paragraphs separated by a newline. */
export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n');
}

const blockEnd = /<\/(?:p|h[1-6]|blockquote|pre|figure|table|ul|ol|dl|div|section)>|<hr\s*\/?>/gi;
const lineEnd = /<\/(?:li|tr|dt|dd|figcaption|caption)>/gi;

/**
 * The text content of HTML produced by `sanitize-html`: blocks become paragraphs separated by a
 * blank line, `<br>` a newline, other tags vanish, entities are decoded. Only for sanitized
 * output, where `<` and `>` appear solely as tag delimiters (attribute values are escaped).
 */
export function sanitizedHtmlToText(html: string): string {
  const text = html
    .replace(/>\n+</g, '><')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/t[dh]>/gi, '\t')
    .replace(lineEnd, '\n')
    .replace(blockEnd, '\n\n')
    .replace(/<[^>]*>/g, '');
  return replaceUnsafeCharacters(decodeEntities(text))
    .split('\n')
    .map((line) => line.replace(/[\t ]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(text: string): string {
  return text.replace(
    /&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi,
    (whole, decimal?: string, hex?: string, name?: string) => {
      if (name !== undefined) return named[name.toLowerCase()] ?? whole;
      const codePoint = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    },
  );
}
