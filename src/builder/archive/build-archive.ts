/** One version of the archive from parsed articles: identities, the site's fixed responses, then the plan (plan-archive.ts). Node-free, so workerd tests run it too. */
import type { Article } from '../../model/article.ts';
import { articleHashes } from '../render/article-hashes.ts';
import { type BlockContext, renderBlock } from '../render/block.ts';
import type { ArchiveCodec } from './codec.ts';
import { type BlockRenderer, type PlanArchiveOptions, type PlannedArchive, planArchive } from './plan-archive.ts';
import { siteRepresentations } from './site-representations.ts';

/** What planArchive takes, but the identities, representations and renderer this module makes itself. */
export interface BuildArchiveOptions
  extends Omit<PlanArchiveOptions, 'identities' | 'representations' | 'renderBlocks' | 'releasedBy'> {
  /** What the code that renders is: part of every article's identity, so other code renders everything again. @default '' */
  readonly renderVersion?: string;
  /** Articles released by this instant (ms) are public in state 0. @default Date.now() */
  readonly releasedBy?: number;
  /** Renders blocks elsewhere (worker threads); in place by default. */
  readonly renderBlocks?: (context: BlockContext) => BlockRenderer;
}

const encoder = new TextEncoder();

/** Identities worked out in this process: a --watch build gets the same article objects back (parse-cache.ts). */
const worked = new WeakMap<
  Article,
  { readonly salt: string; readonly content: string | undefined; readonly identity: string }
>();

export async function buildArchive(options: BuildArchiveOptions): Promise<PlannedArchive> {
  const { site, articles, codec } = options;
  const representations = await siteRepresentations(site, codec.textEtag);
  const context: BlockContext = { site, headers: representations.formatHeaders };
  // An article's identity: its parsed content (articleHashes), the site it is rendered for, and the code.
  const contentHashes = await articleHashes(articles, codec.textEtag);
  const salt = `${options.renderVersion ?? ''}\n${JSON.stringify(site)}`;
  const identities = new Map<Article, string>();
  for (const article of articles) {
    const content = contentHashes.get(article);
    const known = worked.get(article);
    const identity =
      known?.salt === salt && known.content === content
        ? known.identity
        : await codec.contentHash(encoder.encode(`${salt}\n${content}`));
    worked.set(article, { salt, content, identity });
    identities.set(article, identity);
  }
  const { renderVersion: _, renderBlocks, releasedBy, ...planned } = options;
  return planArchive({
    ...planned,
    identities,
    releasedBy: releasedBy ?? Date.now(),
    renderBlocks: (renderBlocks ?? renderInPlace(codec))(context),
    representations,
  });
}

/** Blocks rendered one after another on this thread. */
export function renderInPlace(codec: ArchiveCodec): (context: BlockContext) => BlockRenderer {
  return (context) => async (articles, keep, each) => {
    for (const [index, article] of articles.entries())
      await each(index, await renderBlock(context, article, codec, keep.has(article)));
  };
}
