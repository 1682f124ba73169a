/** Where a section's stored files live, and what its head file holds (shared by the build and the Worker). */
import type { ArticleDate } from '../model/article.ts';
import { keyHash } from '../model/source-key.ts';
import type { SectionInfo } from '../render/list-identity.ts';
import type { SectionKind } from '../render/section-urls.ts';
import type { DeletedEntries } from '../render/tombstones.ts';
import type { ListFormat } from './layout.ts';

/**
 * A section's head: everything its pages need before reading a chunk. One small file per section, so
 * the manifest compiled into the Worker stays the same size however many tags the archive grows.
 */
export interface SectionHead {
  readonly section: SectionInfo;
  /** The newest `updated` date in the section: its feeds' `updated` / lastBuildDate. */
  readonly updated?: ArticleDate;
  /** RFC 6721 tombstones of the section's recently retracted articles, for its feeds' page 1. */
  readonly deleted?: DeletedEntries;
  /** `Last-Modified` of the section's pages (IMF-fixdate). */
  readonly lastModified: string;
}

/**
 * The order of the four fragments of one article in a section chunk: a chunk holds every list format,
 * so a section costs one file per page-size run of articles, not four.
 */
export const chunkFormats: readonly ListFormat[] = ['rss', 'atom', 'json', 'index'];

/** Keys are any script and up to a host name's length: stored files are named by the key's hash. */
export function sectionHeadPath(kind: SectionKind, key: string): string {
  return `sections/${kind}/${keyHash(key)}.json`;
}

/** Chunk `chunk` (publication order, oldest first, `pageSize` articles) of a section. */
export function sectionChunkPath(kind: SectionKind, key: string, chunk: number): string {
  return `sections/${kind}/${keyHash(key)}/${chunk}.json`;
}

/** The rendered `/tags/` or `/sources/` page. */
export function sectionDirectoryFile(kind: SectionKind): string {
  return `sections/${kind}/index.html`;
}
