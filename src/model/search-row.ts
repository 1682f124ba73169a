/** SearchRow: what the search index holds of one article, as the publish sends it (the Worker folds and indexes it). */
import type { Article } from './article.ts';

/** One released-or-embargoed, unretracted article in the search index; plain text as published. */
export interface SearchRow {
  readonly slug: string;
  /** Shown as the result's title; indexed with the title's weight. */
  readonly title: string;
  /** The snippet when the body holds no match (the title, a tag or the source matched). */
  readonly summary: string;
  /** The body as plain text; snippets are cut from it. */
  readonly body: string;
  /** Tags and the source's name: findable, never shown by search. */
  readonly keywords: readonly string[];
  /** The release instant (later of date and embargo), ms since the epoch: not found before it. */
  readonly releaseMs: number;
  /** `published`, ms since the epoch: among results of equal rank, the newest first. */
  readonly publishedMs: number;
}

/** The search row of a released-or-embargoed, unretracted article; the caller leaves retracted ones out. */
export function searchRow(article: Article, releaseMs: number): SearchRow {
  return {
    slug: article.slug,
    title: article.title,
    summary: article.summary,
    body: article.bodyText,
    keywords: [...article.tags, ...(article.source ? [article.source.name] : [])],
    releaseMs,
    publishedMs: article.published.epochMs,
  };
}
