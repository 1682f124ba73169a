/** One version of the archive from parsed articles: identities, the site's fixed responses, then the plan (plan-archive.ts). Node-free, so workerd tests run it too. */
import type { Article } from '../../model/article.ts';
import { rememberArticleHashes, rememberedArticleHash } from '../render/article-hashes.ts';
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

/** Each article's identity, with the tag (site and code) it was made with. */
const madeIdentities = new WeakMap<Article, { readonly tag: string; readonly identity: string }>();

export async function buildArchive(options: BuildArchiveOptions): Promise<PlannedArchive> {
  const { site, articles, codec } = options;
  const representations = await siteRepresentations(site, codec.textEtag);
  const context: BlockContext = { site, headers: representations.formatHeaders };
  // An article's identity: the hash of its parsed content (articleHashes, 128 bits) and a tag of what it is rendered
  // with (the site and the code, 48 bits), worked out once for all: a hash of the two an article was ~0.3 s of every
  // publish at 100,000 articles.
  await rememberArticleHashes(articles, codec.textEtag);
  const renderedWith = await codec.contentHash(
    encoder.encode(`${options.renderVersion ?? ''}\n${JSON.stringify(site)}`),
  );
  const tag = renderedWith.slice(0, 8);
  // Worked out when asked, and remembered by article with the tag it was made with (a --watch process asks again for
  // the same objects every save: no map of 100,000 identities made each time).
  const identities = {
    tag,
    get(article: Article): string | undefined {
      const kept = madeIdentities.get(article);
      if (kept?.tag === tag) return kept.identity;
      const hash = rememberedArticleHash(article);
      if (hash === undefined) return undefined;
      const identity = `${hash.slice(1, -1)}${tag}`;
      madeIdentities.set(article, { tag, identity });
      return identity;
    },
  };
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
