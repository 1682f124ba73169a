/** One version of the archive from parsed articles: identities, the site's fixed responses, then the plan (plan-archive.ts). Node-free, so workerd tests run it too. */
import type { ArchiveSource } from '../../archive/archive-source.ts';
import type { Article } from '../../model/article.ts';
import type { Partner } from '../../model/partner.ts';
import type { Site } from '../../model/site.ts';
import { articleHashes } from '../render/article-hashes.ts';
import { type BlockContext, renderBlock } from '../render/block.ts';
import type { ArchiveCodec } from './codec.ts';
import type { ObjectSink } from './pack-writer.ts';
import { type ArchiveState, type BlockRenderer, type PlannedArchive, planArchive } from './plan-archive.ts';
import { siteRepresentations } from './site-representations.ts';

export interface BuildArchiveOptions {
  readonly site: Site;
  /** Every article (drafts excluded), newest first. */
  readonly articles: readonly Article[];
  readonly codec: ArchiveCodec;
  readonly sink: ObjectSink;
  /** What the code that renders is: part of every article's identity, so other code renders everything again. @default '' */
  readonly renderVersion?: string;
  /** The version to build on. @default an empty archive */
  readonly previous?: ArchiveState;
  /** Articles released by this instant (ms) are public in state 0. @default Date.now() */
  readonly releasedBy?: number;
  /** Renders blocks elsewhere (worker threads); in place by default. */
  readonly renderBlocks?: (context: BlockContext) => BlockRenderer;
  readonly media?: readonly string[];
  /** This publish's number in the changes log (the live sequence plus one). @default 1 */
  readonly sequence?: number;
  /** Reads the live version's log pieces, to merge the new tail with them. */
  readonly source?: ArchiveSource;
  readonly partners?: readonly Partner[];
  readonly urlsPerSitemap?: number;
  readonly packBytes?: number;
  readonly progress?: (done: number, total: number) => void;
}

export async function buildArchive(options: BuildArchiveOptions): Promise<PlannedArchive> {
  const { site, articles, codec } = options;
  const representations = await siteRepresentations(site, codec.textEtag);
  const context: BlockContext = { site, headers: representations.formatHeaders };
  // An article's identity: its parsed content (articleHashes), the site it is rendered for, and the code.
  const contentHashes = await articleHashes(articles, codec.textEtag);
  const salt = `${options.renderVersion ?? ''}\n${JSON.stringify(site)}`;
  const identities = new Map<Article, string>();
  for (const article of articles)
    identities.set(
      article,
      await codec.contentHash(new TextEncoder().encode(`${salt}\n${contentHashes.get(article)}`)),
    );
  return planArchive({
    site,
    articles,
    identities,
    ...(options.previous ? { previous: options.previous } : {}),
    releasedBy: options.releasedBy ?? Date.now(),
    renderBlocks: (options.renderBlocks ?? renderInPlace(codec))(context),
    representations,
    codec,
    sink: options.sink,
    ...(options.media ? { media: options.media } : {}),
    ...(options.sequence ? { sequence: options.sequence } : {}),
    ...(options.source ? { source: options.source } : {}),
    ...(options.partners ? { partners: options.partners } : {}),
    ...(options.urlsPerSitemap ? { urlsPerSitemap: options.urlsPerSitemap } : {}),
    ...(options.packBytes ? { packBytes: options.packBytes } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
}

/** Blocks rendered one after another on this thread. */
export function renderInPlace(codec: ArchiveCodec): (context: BlockContext) => BlockRenderer {
  return (context) => async (articles, keep, each) => {
    for (const [index, article] of articles.entries())
      await each(index, await renderBlock(context, article, codec, keep.has(article)));
  };
}
