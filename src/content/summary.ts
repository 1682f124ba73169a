/** Summaries: the opening text, whitespace collapsed, cut at a word, sentence or character boundary to at most 280 characters. */

/** Longest summary, in code points, including the ellipsis. */
export const summaryMaxLength = 280;

/** Characters that end a sentence, in Latin and CJK scripts. */
const sentenceEnd = /[.!?。！？．｡]/u;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Collapses whitespace and, when too long, cuts it and appends `…`. The cut is at the last space
 * that keeps at least half the text; in text without spaces (Chinese, Japanese, Thai) at the last
 * sentence end that keeps half, else at the last whole character (grapheme cluster), so an emoji,
 * a flag or a letter with its accents is never split.
 */
export function summarize(text: string, maxLength = summaryMaxLength): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(collapsed);
  if (codePoints.length <= maxLength) return collapsed;
  const half = maxLength / 2;
  const lastSpace = codePoints.slice(0, maxLength).lastIndexOf(' ');
  if (lastSpace >= half) return withEllipsis(codePoints.slice(0, lastSpace).join(''));

  // Whole grapheme clusters that fit before the ellipsis, with where each ends (in code points).
  const kept: { readonly text: string; readonly end: number }[] = [];
  let length = 0;
  for (const { segment } of graphemes.segment(collapsed)) {
    length += Array.from(segment).length;
    if (length > maxLength - 1) break;
    kept.push({ text: segment, end: length });
  }
  let cut = kept.length;
  for (let index = kept.length - 1; index >= 0 && (kept[index]?.end ?? 0) >= half; index--) {
    if (sentenceEnd.test(kept[index]?.text ?? '')) {
      cut = index + 1;
      break;
    }
  }
  return withEllipsis(
    kept
      .slice(0, cut)
      .map((grapheme) => grapheme.text)
      .join(''),
  );
}

function withEllipsis(text: string): string {
  return `${text.replace(/[\s,;:，；：、]+$/u, '')}…`;
}
