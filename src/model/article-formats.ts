/** The representations of one article, each at its own path below /articles/: a new per-article format is one row here. */
import type { ResponseKindName } from './response-kinds.ts';

export interface ArticleFormatRow {
  /** What follows the slug in the path (slugs have no dot, so a suffix never collides with a slug). */
  readonly suffix: string;
  /** Its response kind (media type, cache family, CORS, ETag recipe) in response-kinds.ts. */
  readonly kind: ResponseKindName;
  /** How pages and the `Link` header name it beside the page (RFC 8288 `rel="alternate"`); none for the page itself. */
  readonly alternate?: { readonly type: string; readonly title: string };
}

/**
 * Every per-article format: the build renders each (builder/render/article-renderers.ts has one renderer per row),
 * stores it in the article's block, the Worker serves it at `/articles/<slug><suffix>`, and the page links the
 * alternates. The order is the order of the pieces in an article's block (archive/block.ts).
 */
export const articleFormats = {
  page: { suffix: '', kind: 'page' },
  ninjs: { suffix: '.ninjs.json', kind: 'ninjs', alternate: { type: 'application/json', title: 'IPTC ninjs' } },
  newsml: {
    suffix: '.newsml.xml',
    kind: 'newsml',
    alternate: { type: 'application/vnd.iptc.g2.newsitem+xml', title: 'IPTC NewsML-G2' },
  },
} as const satisfies Record<string, ArticleFormatRow>;

export type ArticleFormat = keyof typeof articleFormats;

export const articleFormatNames = Object.keys(articleFormats) as ArticleFormat[];

/** The path of an article in a format: `/articles/<slug><suffix>`. */
export function articleFormatPath(format: ArticleFormat, slug: string): string {
  return `/articles/${slug}${articleFormats[format].suffix}`;
}

/** The formats with an alternate link, in table order. */
export const alternateFormats = articleFormatNames.filter(
  (format): format is Exclude<ArticleFormat, 'page'> => 'alternate' in articleFormats[format],
);

const slugPattern = /^[a-z0-9][a-z0-9_-]*$/;

/** Which format and slug `/articles/<name>` asks for; undefined when the name is no slug plus a known suffix. */
export function parseArticleName(name: string): { readonly format: ArticleFormat; readonly slug: string } | undefined {
  const dot = name.indexOf('.');
  const slug = dot === -1 ? name : name.slice(0, dot);
  if (!slugPattern.test(slug)) return undefined;
  const suffix = dot === -1 ? '' : name.slice(dot);
  const format = articleFormatNames.find((candidate) => articleFormats[candidate].suffix === suffix);
  return format === undefined ? undefined : { format, slug };
}
