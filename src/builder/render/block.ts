/** Renders an article's block: each per-article format and its four list fragments, each a compressed record-file piece (archive/block.ts). */
import { blockPieces } from '../../archive/block.ts';
import { encodeRecordBytes } from '../../archive/record-file.ts';
import type { PackedArticle } from '../../archive/stored-shapes.ts';
import type { Article } from '../../model/article.ts';
import { type ArticleFormat, articleFormatNames } from '../../model/article-formats.ts';
import type { Site } from '../../model/site.ts';
import { renderAtomEntry } from '../../render/atom.ts';
import { renderIndexEntry } from '../../render/index-page.ts';
import { renderJsonFeedItem } from '../../render/json-feed.ts';
import { renderRssItem } from '../../render/rss.ts';
import { type ListFormat, listFormats } from '../../render/urls.ts';
import type { ArchiveCodec } from '../archive/codec.ts';
import { articleRenderers } from './article-renderers.ts';

/** What every block of one build shares: the site and each format's shared headers. */
export interface BlockContext {
  readonly site: Site;
  readonly headers: Readonly<Record<ArticleFormat, Readonly<Record<string, string>>>>;
}

export interface RenderedBlock {
  /**
   * The compressed pieces back to back, in block order (blockPieces), in a buffer of their own: a build thread hands
   * it to the main thread whole (one buffer an article, not one a piece), and it goes into a pack as it is.
   */
  readonly bytes: Uint8Array;
  /** Each piece's length in `bytes`. */
  readonly lengths: readonly number[];
  /** Each per-article format's ETag, in articleFormatNames order. */
  readonly etags: readonly string[];
  /** The four list fragments as UTF-8 (listFormats order), when asked for: for page 1 of the lists the article heads. */
  readonly fragments?: readonly Uint8Array[];
}

const encoder = new TextEncoder();

/** Feed items and index entries: each rendered once, stored once, spliced into every list that shows the article. */
export const fragmentRenderers: Readonly<Record<ListFormat, (site: Site, article: Article) => string>> = {
  rss: renderRssItem,
  atom: renderAtomEntry,
  json: renderJsonFeedItem,
  index: renderIndexEntry,
};

/** The article's four list fragments as UTF-8 bytes, in listFormats order. */
export function renderFragments(site: Site, article: Article): Uint8Array[] {
  return listFormats.map((format) => encoder.encode(fragmentRenderers[format](site, article)));
}

/** The block of `article`; `keepFragments` also returns its raw fragments. The same bytes wherever it runs. */
export async function renderBlock(
  context: BlockContext,
  article: Article,
  codec: Pick<ArchiveCodec, 'compress' | 'textEtag'>,
  keepFragments = false,
): Promise<RenderedBlock> {
  const pieces: Uint8Array[] = [];
  const etags: string[] = [];
  for (const format of articleFormatNames) {
    const { body, headers, status } = await articleRenderers[format](
      { site: context.site, shared: context.headers[format], etag: codec.textEtag },
      article,
    );
    const meta: PackedArticle = status === undefined ? [article.slug, headers] : [article.slug, headers, status];
    pieces.push(await codec.compress(encodeRecordBytes([{ meta, bytes: encoder.encode(body) }])));
    etags.push(headers.ETag ?? '');
  }
  const fragments = renderFragments(context.site, article);
  for (const bytes of fragments) pieces.push(await codec.compress(encodeRecordBytes([{ meta: 0, bytes }])));
  if (pieces.length !== blockPieces.length)
    throw new Error(`a block has ${pieces.length} pieces, not ${blockPieces.length}`);
  const lengths = pieces.map((piece) => piece.length);
  const bytes = new Uint8Array(lengths.reduce((sum, length) => sum + length, 0));
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return keepFragments ? { bytes, lengths, etags, fragments } : { bytes, lengths, etags };
}
