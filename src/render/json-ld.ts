/** schema.org NewsArticle JSON-LD for an article page, serialized so no content can leave its <script>. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { jsonLdImages } from './media-elements.ts';
import { articleUrl } from './urls.ts';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The NewsArticle (https://schema.org/NewsArticle); a field the article lacks is left out. */
export function newsArticleJsonLd(site: Site, article: Article): Record<string, JsonValue> {
  const pageUrl = articleUrl(site, article);
  const data: Record<string, JsonValue> = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.summary,
    datePublished: article.published.iso,
    dateModified: article.updated.iso,
    inLanguage: article.language,
    url: pageUrl,
    mainEntityOfPage: { '@type': 'WebPage', '@id': pageUrl },
  };
  if (article.editor !== undefined) data.editor = person(article.editor);
  if (article.responsibleEditor !== undefined) data.accountablePerson = person(article.responsibleEditor);
  if (article.source !== undefined) {
    const { name, url } = article.source;
    if (url !== undefined) data.isBasedOn = url;
    data.sourceOrganization = { '@type': 'Organization', name, ...(url !== undefined ? { url } : {}) };
  }
  data.copyrightNotice = article.copyright ?? site.copyright;
  data.publisher = organization(site.publisher.name, site.publisher.url);
  if (article.tags.length > 0) data.keywords = [...article.tags];
  // schema.org `correction`: a CorrectionComment per correction, newest first.
  if (article.corrections?.length) {
    data.correction = article.corrections.map((correction) => ({
      '@type': 'CorrectionComment',
      datePublished: correction.date.iso,
      text: correction.text,
    }));
  }
  if (article.image !== undefined) data.image = jsonLdImages(site, article.image);
  return data;
}

/**
 * JSON for a `<script type="application/ld+json">` body: `<`, `>` and `&` become `\u003c` etc.
 * so `</script` or `<!--` can never appear (HTML Standard §4.12.1.3, restrictions for script
 * contents), and U+2028/U+2029 are escaped for any consumer that evaluates it as JavaScript.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function person(name: string): JsonValue {
  return { '@type': 'Person', name };
}

function organization(name: string, url: string | undefined): JsonValue {
  return url === undefined ? { '@type': 'Organization', name } : { '@type': 'Organization', name, url };
}
