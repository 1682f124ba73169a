/** Build time: reads content/ (site.yaml and articles/), validates every file, and returns the site and its articles. */
import { join } from 'node:path';
import { ContentError, type ContentProblem, sortProblems } from '../../content/content-error.ts';
import { defaultSite, parseSiteConfig } from '../../content/site-config.ts';
import type { Article } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { type MediaOptions, type PublishedFile, publishMedia } from '../media/publish-media.ts';
import { type ArchiveOrder, archiveOrder } from './archive-order.ts';
import { displayPath } from './content-paths.ts';
import { duplicateSlugProblems } from './duplicate-slugs.ts';
import { type ArticleFiles, listArticleFiles, updateArticleFiles } from './list-article-files.ts';
import { type FileOutcome, type ParseArticlesOptions, parseArticles } from './parse-articles.ts';
import { readText } from './read-text.ts';

export interface LoadedContent {
  readonly site: Site;
  /** Newest first (published desc, then slug asc), drafts excluded. */
  readonly articles: readonly Article[];
  /** What is odd but was published anyway, sorted by file and line: the build prints each one. */
  readonly warnings: readonly ContentProblem[];
  /** Pictures to publish below media/, and how many were encoded (not taken from the cache) in this run. */
  readonly media: { readonly files: readonly PublishedFile[]; readonly encoded: number };
  /** The article files read: what the next build's change list is applied to. */
  readonly listing: ArticleFiles;
}

/** The last build's order and slug counts in this process (archive-order.ts): a --watch save sorts only what changed. */
let lastOrder: ArchiveOrder | undefined;

/**
 * The last successful parse in this process, of which content folder (parse-articles.ts): a --watch save, whose change
 * list is read against that build's files, parses what changed and carries the rest over without a look.
 */
let lastParse:
  | {
      readonly contentDir: string;
      readonly files: readonly string[];
      readonly outcomes: readonly (FileOutcome | undefined)[];
    }
  | undefined;

export interface LoadContentOptions extends ParseArticlesOptions {
  /** Replaces site.yaml's baseUrl (the dev server and `--base-url` set it). */
  readonly baseUrl?: string;
  /** Picture cache and rendition settings. */
  readonly media?: MediaOptions;
  /** The last build's files and what may have changed since (change-list.ts); absent: articles/ is walked. */
  readonly changes?: { readonly previous: ArticleFiles; readonly changed: ReadonlySet<string> };
}

/**
 * Loads and validates all content. Any problem anywhere throws one ContentError listing every
 * problem of every file (sorted by file, then line), so nothing half-built is served.
 * `articles/` is read recursively (sub-folders are only for the publisher's order; the slug
 * comes from the file name; what is listed: list-article-files.ts); a missing site.yaml means the
 * defaults, a missing articles/ folder means no articles. A wire copy's sidecar (`name.yaml` beside
 * `name.txt`, see sidecar.ts) is read with it; one with no wire copy is a problem (parse-articles.ts).
 * Warnings (odd but publishable: a source credited by name) never stop the build; they are returned.
 * Problem file names are relative to the working directory, as the publisher would type them.
 */
export async function loadContent(contentDir: string, options: LoadContentOptions = {}): Promise<LoadedContent> {
  const problems: ContentProblem[] = [];
  const shown = (path: string) => displayPath(join(contentDir, path));

  const siteText = readText(join(contentDir, 'site.yaml'), shown('site.yaml'), problems);
  const siteResult = parseSiteConfig(shown('site.yaml'), siteText ?? '', options);
  if (!siteResult.ok) for (const problem of siteResult.problems) problems.push(problem);
  // Articles are still checked against the defaults, so one run reports every problem.
  const site = siteResult.ok ? siteResult.site : defaultSite;

  const listing = options.changes
    ? await updateArticleFiles(contentDir, options.changes.previous, options.changes.changed, shown, problems)
    : await listArticleFiles(contentDir, shown, problems);
  const { files } = listing;
  // Carried over only from the build the change list is read against (its files, the same list).
  const last =
    options.changes && lastParse?.contentDir === contentDir && lastParse.files === options.changes.previous.files
      ? { files: lastParse.files, outcomes: lastParse.outcomes, changed: options.changes.changed }
      : undefined;
  lastParse = undefined;
  const { parsed, warnings, outcomes } = await parseArticles(
    { contentDir, files, site, shown, problems },
    { ...options, ...(last ? { last } : {}) },
  );
  const media = await publishMedia(site, contentDir, parsed, shown, options.media);
  const { articles } = media;
  for (const problem of media.problems) problems.push(problem);
  const order = archiveOrder(articles, lastOrder);
  lastOrder = order;
  if (order.shared > 0) for (const problem of duplicateSlugProblems(articles, shown)) problems.push(problem);

  if (problems.length > 0) throw new ContentError(sortProblems(problems), sortProblems(warnings));
  lastParse = { contentDir, files, outcomes };
  return {
    site,
    articles: order.newest,
    warnings: sortProblems(warnings),
    media: { files: media.files, encoded: media.encoded },
    listing,
  };
}
