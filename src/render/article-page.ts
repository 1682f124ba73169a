/** The HTML page of one article: full text, visible attribution and copyright, OpenGraph and JSON-LD. */
import type { Article, ArticleDate } from '../model/article.ts';
import { alternateFormats, articleFormatPath, articleFormats } from '../model/article-formats.ts';
import type { Site } from '../model/site.ts';
import { correctionsSection } from './corrections.ts';
import { formatDisplayDate } from './display-date.ts';
import { attribute, escapeHtml, link, metaProperty } from './html.ts';
import { newsArticleJsonLd, serializeJsonLd } from './json-ld.ts';
import { labelsFor } from './labels.ts';
import { renderLayout } from './layout.ts';
import { imageMetaTags, leadFigureHtml } from './media-elements.ts';
import { sectionLinks } from './section-links.ts';
import { absoluteUrl, canonicalUrl } from './urls.ts';

export function renderArticlePage(site: Site, article: Article): string {
  return renderLayout(site, {
    language: article.language,
    title: `${article.title} — ${site.title}`,
    description: article.summary,
    head: articleHead(site, article),
    main: articleMain(site, article),
  });
}

function articleHead(site: Site, article: Article): string {
  const canonical = canonicalUrl(site, article);
  // Open Graph protocol (https://ogp.me/): og:* basics and the article:* vertical.
  const locale = /^[a-z]{2,3}-[A-Z]{2}$/.test(article.language)
    ? metaProperty('og:locale', article.language.replace('-', '_'))
    : '';
  return (
    `<link rel="canonical" ${attribute('href', canonical)}>\n` +
    // The article in each partner format (IPTC ninjs, …), one row of model/article-formats.ts each.
    alternateLinks(site, article) +
    metaProperty('og:type', 'article') +
    metaProperty('og:title', article.title) +
    metaProperty('og:description', article.summary) +
    metaProperty('og:url', canonical) +
    metaProperty('og:site_name', site.title) +
    locale +
    metaProperty('article:published_time', article.published.iso) +
    metaProperty('article:modified_time', article.updated.iso) +
    article.tags.map((tag) => metaProperty('article:tag', tag)).join('') +
    imageMetaTags(site, article.image) +
    `<script type="application/ld+json">${serializeJsonLd(newsArticleJsonLd(site, article))}</script>\n`
  );
}

function alternateLinks(site: Site, article: Article): string {
  return alternateFormats
    .map((format) => {
      const { type, title } = articleFormats[format].alternate;
      const href = absoluteUrl(site, articleFormatPath(format, article.slug));
      return `<link rel="alternate" ${attribute('type', type)} ${attribute('href', href)} ${attribute('title', title)}>\n`;
    })
    .join('');
}

function articleMain(site: Site, article: Article): string {
  const kicker = article.source === undefined ? '' : `<p class="kicker">${escapeHtml(article.source.name)}</p>\n`;
  return `<article>
<header class="article-header">
${kicker}<h1>${escapeHtml(article.title)}</h1>
<p class="meta">${dateline(article)}</p>
</header>
${correctionsSection(article)}${leadFigureHtml(site, article.image)}<div class="article-body">
${article.bodyHtml}
</div>
<section class="attribution" aria-labelledby="attribution-heading">
<h2 id="attribution-heading">${escapeHtml(labelsFor(article.language).attribution)}</h2>
<dl>
${attributionRows(article).join('\n')}
</dl>
<p class="copyright">${escapeHtml(article.copyright ?? site.copyright)}</p>
</section>
${sectionLinks(site, article)}</article>`;
}

function dateline(article: Article): string {
  const published = timeElement(article.published);
  if (article.updated.iso === article.published.iso) return published;
  const { updated } = labelsFor(article.language);
  return `${published} <span class="separator" aria-hidden="true">·</span> ${escapeHtml(updated)} ${timeElement(article.updated)}`;
}

export function timeElement(date: ArticleDate): string {
  return `<time ${attribute('datetime', date.iso)}>${escapeHtml(formatDisplayDate(date))}</time>`;
}

/** The attribution block's rows (source, editors, dates), shared with the retraction page. */
export function attributionRows(article: Article): string[] {
  const labels = labelsFor(article.language);
  const rows: string[] = [];
  const row = (term: string, value: string): void => {
    rows.push(`<div><dt>${escapeHtml(term)}</dt><dd>${value}</dd></div>`);
  };
  if (article.source !== undefined) row(labels.source, sourceLink(article.source.name, article.source.url));
  if (article.editor !== undefined) row(labels.editor, escapeHtml(article.editor));
  if (article.responsibleEditor !== undefined) row(labels.responsibleEditor, escapeHtml(article.responsibleEditor));
  row(labels.published, timeElement(article.published));
  if (article.updated.iso !== article.published.iso) row(labels.updated, timeElement(article.updated));
  return rows;
}

/** Links only http(s) URLs: escaping stops markup, not a `javascript:` scheme, so that is checked here too. */
function sourceLink(name: string, url: string | undefined): string {
  return url !== undefined && /^https?:\/\//i.test(url) ? link(url, name) : escapeHtml(name);
}
