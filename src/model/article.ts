/** Article: the one read-only model every stage (parse, build, render, HTTP) speaks. */
import type { ArticleImage } from './media.ts';

/** A moment as the article states it: RFC 3339 text with its own offset, plus the instant. */
export interface ArticleDate {
  /** RFC 3339 with the offset the article (or the site's time zone) gives, e.g. `2025-07-16T00:00:00+08:00`. */
  readonly iso: string;
  /** Milliseconds since the epoch, for ordering and HTTP dates. */
  readonly epochMs: number;
}

/** Where the article was first published. */
export interface ArticleSource {
  /** What readers see, e.g. `www.news.cn` or `Xinhua`. */
  readonly name: string;
  /**
   * Absolute http(s) URL, e.g. `https://www.news.cn/`. Absent when the copy names its source without
   * an address (`Source: Xinhua`, `来源：新华网`): we credit the name and invent no link.
   */
  readonly url?: string;
}

export type ContentFormat = 'wire-copy' | 'markdown';

export interface Article {
  /** URL segment and identity: `[a-z0-9][a-z0-9_-]*`. */
  readonly slug: string;
  /** Content file path relative to the content root, for messages. */
  readonly file: string;
  readonly format: ContentFormat;
  /** Plain text, exactly as written. */
  readonly title: string;
  readonly published: ArticleDate;
  /** Equal to `published` unless the content says otherwise. */
  readonly updated: ArticleDate;
  /** Plain text, a few sentences. */
  readonly summary: string;
  /** The body as plain text: wire copy exactly as written (LF line ends), paragraphs separated by a blank line. */
  readonly bodyText: string;
  /** The body as sanitized HTML, safe to embed; wire copy derives it from `bodyText` on each read (a getter, not kept in memory). */
  readonly bodyHtml: string;
  readonly editor?: string;
  readonly responsibleEditor?: string;
  readonly source?: ArticleSource;
  /** The copyright notice, exactly as written (e.g. the wire copy's "Special statement: …" line). */
  readonly copyright?: string;
  /** BCP 47 language tag, e.g. `en` or `zh-CN`. */
  readonly language: string;
  readonly tags: readonly string[];
  /** Overrides the canonical URL (Markdown front matter `canonical`). */
  readonly canonical?: string;
  /** Corrections, newest first; the newest moves `updated` when it is later. */
  readonly corrections?: readonly Correction[];
  /** Set when the article is withdrawn: its page answers 410 and it leaves every list. */
  readonly retracted?: Retraction;
  /** The lead picture with its credit (front matter or sidecar `image`), published by the build. */
  readonly image?: ArticleImage;
  /** Not public before this instant (front matter or sidecar `embargo`); see releaseOf. */
  readonly embargo?: ArticleDate;
}

/** The article's release instant (ms): the later of its date and its embargo. Before it, no public response shows it. */
export function releaseOf(article: Pick<Article, 'published' | 'embargo'>): number {
  const embargo = article.embargo?.epochMs;
  return embargo !== undefined && embargo > article.published.epochMs ? embargo : article.published.epochMs;
}

/** A published correction: shown on the page, in the feeds, and as schema.org `CorrectionComment`. */
export interface Correction {
  readonly date: ArticleDate;
  /** Plain text, one line. */
  readonly text: string;
}

/** The article is withdrawn: its page answers 410 Gone and it leaves every list. */
export interface Retraction {
  readonly date: ArticleDate;
  /** Plain text, one line: why it was withdrawn. */
  readonly reason: string;
}
