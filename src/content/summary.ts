/** Summaries: the opening text, whitespace collapsed, cut at a word boundary to at most 280 characters. */

/** Longest summary, in code points, including the ellipsis. */
export const summaryMaxLength = 280;

/**
 * Collapses whitespace and, when too long, cuts at the last space that keeps at least half the
 * text (scripts without spaces, such as Chinese, are cut at the limit) and appends `…`.
 */
export function summarize(text: string, maxLength = summaryMaxLength): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(collapsed);
  if (codePoints.length <= maxLength) return collapsed;
  const lastSpace = codePoints.slice(0, maxLength).lastIndexOf(' ');
  const cut = codePoints.slice(0, lastSpace >= maxLength / 2 ? lastSpace : maxLength - 1);
  return `${cut.join('').replace(/[\s,;:，；：、]+$/u, '')}…`;
}
