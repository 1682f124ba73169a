/** Paths of the section routes (`/tags/…`, `/sources/…`): the one place they are spelled. */
import { sectionSegment } from '../model/tag-key.ts';
import type { FeedFormat } from './urls.ts';

export type SectionKind = 'tag' | 'source';

export const sectionKinds: readonly SectionKind[] = ['tag', 'source'];

const prefixes: Readonly<Record<SectionKind, string>> = { tag: '/tags/', source: '/sources/' };

const feedFiles: Readonly<Record<FeedFormat, string>> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

/** `/tags/` or `/sources/`: the directory of every section of that kind. */
export function sectionDirectoryPath(kind: SectionKind): string {
  return prefixes[kind];
}

/** A section's HTML index; the key is percent-encoded UTF-8 (RFC 3986 §2.5), page 1 has no query. */
export function sectionPagePath(kind: SectionKind, key: string, page = 1): string {
  const path = `${prefixes[kind]}${sectionSegment(key)}`;
  return page === 1 ? path : `${path}?page=${page}`;
}

export function sectionFeedPath(kind: SectionKind, key: string, format: FeedFormat, page = 1): string {
  const path = `${prefixes[kind]}${sectionSegment(key)}/${feedFiles[format]}`;
  return page === 1 ? path : `${path}?page=${page}`;
}
