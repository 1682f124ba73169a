/** The page a retracted article answers with (410 Gone): withdrawn, when and why, still crediting the source. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { attributionRows, timeElement } from './article-page.ts';
import { attribute, escapeHtml } from './html.ts';
import { renderLayout } from './layout.ts';
import { canonicalUrl } from './urls.ts';

export function renderRetractionPage(site: Site, article: Article): string {
  const retraction = article.retracted;
  if (!retraction) throw new Error(`${article.slug} is not retracted`);
  const kicker = article.source === undefined ? '' : `<p class="kicker">${escapeHtml(article.source.name)}</p>\n`;
  return renderLayout(site, {
    language: article.language,
    title: `Withdrawn: ${article.title} — ${site.title}`,
    description: `This article was withdrawn: ${retraction.reason}`,
    // The address stays (the id is never reused) but search engines should drop it.
    head: `<link rel="canonical" ${attribute('href', canonicalUrl(site, article))}>\n<meta name="robots" content="noindex">\n`,
    main: `<article>
<header class="article-header">
${kicker}<p class="status">Withdrawn</p>
<h1>${escapeHtml(article.title)}</h1>
<p class="meta">${timeElement(article.published)}</p>
</header>
<section class="retraction" aria-labelledby="retraction-heading">
<h2 id="retraction-heading">This article was withdrawn</h2>
<p>Withdrawn on ${timeElement(retraction.date)}. Reason: ${escapeHtml(retraction.reason)}</p>
</section>
<section class="attribution" aria-labelledby="attribution-heading">
<h2 id="attribution-heading">Attribution</h2>
<dl>
${[...attributionRows(article), `<div><dt>Withdrawn</dt><dd>${timeElement(retraction.date)}</dd></div>`].join('\n')}
</dl>
<p class="copyright">${escapeHtml(article.copyright ?? site.copyright)}</p>
</section>
</article>`,
  });
}
