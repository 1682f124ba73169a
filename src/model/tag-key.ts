/** Tag keys: the one case-folded, URL-safe spelling that makes `Économie` and `économie` one section. */

/** The longest tag accepted, in characters (code points) of its NFC form. */
export const maxTagLength = 100;

/**
 * The section key of a tag: Unicode NFC, then `toLowerCase()` (locale-independent, so `I` is `i`
 * everywhere, never Turkish `ı`). Scripts without case (`经济`) are unchanged: the key keeps the
 * tag's meaning, it is never a lossy slug. On the wire the key is one path segment, percent-encoded.
 */
export function tagKey(tag: string): string {
  return tag.normalize('NFC').trim().toLowerCase();
}

/**
 * Why a tag cannot be a section (one path segment of `/tags/:tag`), or undefined when it can:
 * empty, only punctuation or symbols, `.`/`..`, a `/` or `\`, a control character, or longer than
 * `maxTagLength`. A build error: the publisher's own metadata is wrong (docs/content.md "When a file is wrong").
 */
export function tagProblem(tag: string): string | undefined {
  const key = tagKey(tag);
  if (key === '') return 'a tag is empty';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  if (/[\u0000-\u001f\u007f-\u009f]/.test(key)) return `tag "${printable(tag)}" contains a control character`;
  if (key.includes('/') || key.includes('\\'))
    return `tag "${tag}" contains "/" or "\\"; a tag is one path segment of /tags/`;
  if (/^[\p{P}\p{S}\p{Z}\p{M}\p{Cf}]+$/u.test(key))
    return `tag "${tag}" is only punctuation or symbols; write it in words (e.g. "R&D", not "&")`;
  const length = [...key].length;
  if (length > maxTagLength)
    return `tag "${[...tag].slice(0, 20).join('')}…" is ${length} characters long; at most ${maxTagLength}`;
  return undefined;
}

/** The tag's path segment on the wire: its key as percent-encoded UTF-8 (RFC 3986 §2.1, §2.5). */
export function sectionSegment(key: string): string {
  return encodeURIComponent(key);
}

function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: shown, not kept.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
