/** The short attribution credit (source, editors, copyright notice) appended to an item's HTML content in feeds. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { absoluteContentUrls } from './absolute-urls.ts';
import { correctionsFeedHtml } from './corrections.ts';
import { labelsFor } from './labels.ts';
import { articleUrl } from './urls.ts';
import { escapeXml } from './xml.ts';

/**
 * `<p class="credit">Source: <a href="…">www.news.cn</a> · Editor: Yi Yi · Responsible editor: Li Nian</p>`
 * and `<p class="copyright">…</p>`, each only when the article has something to say; '' when it has nothing.
 * The labels are in the article's language (labels.ts: `来源：新华社 · 编辑：张三` for Chinese).
 * Every value goes through escapeXml: `& < > "` and CR, enough for HTML text and the double-quoted `href` (`'`
 * stays literal), and characters XML cannot carry become U+FFFD, so the same line is valid in feeds and pages.
 */
export function creditLineHtml(article: Article): string {
  const labels = labelsFor(article.language);
  const credit = (label: string, valueHtml: string) => `${label}${labels.colon}${valueHtml}`;
  const credits: string[] = [];
  if (article.source !== undefined) {
    const { name, url } = article.source;
    credits.push(
      credit(labels.source, url === undefined ? escapeXml(name) : `<a href="${escapeXml(url)}">${escapeXml(name)}</a>`),
    );
  }
  if (article.editor !== undefined) credits.push(credit(labels.editor, escapeXml(article.editor)));
  if (article.responsibleEditor !== undefined) {
    credits.push(credit(labels.responsibleEditor, escapeXml(article.responsibleEditor)));
  }
  const paragraphs: string[] = [];
  if (credits.length > 0) paragraphs.push(`<p class="credit">${credits.join(' \u00b7 ')}</p>`);
  if (article.copyright !== undefined) paragraphs.push(`<p class="copyright">${escapeXml(article.copyright)}</p>`);
  return paragraphs.join('\n');
}

/** The item's full HTML content: its corrections, the sanitized body (every URL in it absolute), then the credit line when there is one. */
export function contentHtml(site: Site, article: Article): string {
  const body = `${correctionsFeedHtml(article)}${absoluteContentUrls(article.bodyHtml, { pageUrl: articleUrl(site, article), baseUrl: site.baseUrl })}`;
  const credit = creditLineHtml(article);
  return credit === '' ? body : `${body}\n${credit}`;
}
