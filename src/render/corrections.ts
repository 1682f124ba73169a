/** Corrections as readers see them: a dated list above the body, on the page and in the feeds' content. */
import type { Article } from '../model/article.ts';
import { formatDisplayDate } from './display-date.ts';
import { attribute, escapeHtml } from './html.ts';

/** One `<li>` per correction, newest first (the order the model keeps), each dated with `<time>`. */
function correctionItems(article: Article): string {
  return (article.corrections ?? [])
    .map(
      (correction) =>
        `<li><time ${attribute('datetime', correction.date.iso)}>${escapeHtml(formatDisplayDate(correction.date))}</time>: ${escapeHtml(correction.text)}</li>`,
    )
    .join('\n');
}

/** The page's corrections block, before the body; '' without corrections. */
export function correctionsSection(article: Article): string {
  if (!article.corrections?.length) return '';
  const heading = article.corrections.length === 1 ? 'Correction' : 'Corrections';
  return `<section class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">${heading}</h2>
<ul>
${correctionItems(article)}
</ul>
</section>
`;
}

/** The same list for a feed item's HTML content (no ids: many items share one document); '' without corrections. */
export function correctionsFeedHtml(article: Article): string {
  if (!article.corrections?.length) return '';
  const heading = article.corrections.length === 1 ? 'Correction' : 'Corrections';
  return `<p class="corrections"><strong>${heading}:</strong></p>\n<ul class="corrections">\n${correctionItems(article)}\n</ul>\n`;
}
