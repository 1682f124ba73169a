/** Writes every section's stored files at build time: chunks of all four list formats, heads, directories. */

import { encodeSectionChunk, type FragmentRecord } from '../../archive/chunk-file.ts';
import {
  type SectionHead,
  sectionChunkPath,
  sectionDirectoryFile,
  sectionHeadPath,
} from '../../archive/section-layout.ts';
import type { Article, ArticleDate } from '../../model/article.ts';
import type { Site } from '../../model/site.ts';
import { keyHash } from '../../model/source-key.ts';
import { renderSectionDirectory } from '../../render/section-pages.ts';
import { type SectionKind, sectionDirectoryPath, sectionPagePath } from '../../render/section-urls.ts';
import type { SitemapUrl } from '../../render/sitemap.ts';
import { renderTombstones } from '../../render/tombstones.ts';
import { toHttpDate } from '../../shared/http-date.ts';
import { type Section, type SectionLists, sectionKeysOf } from './section-lists.ts';

/** The latest of some dates, by instant; undefined when there is none. */
export function latestDate(dates: readonly (ArticleDate | undefined)[]): ArticleDate | undefined {
  let latest: ArticleDate | undefined;
  for (const date of dates) if (date && (!latest || date.epochMs > latest.epochMs)) latest = date;
  return latest;
}

export interface SectionWriter {
  /**
   * Takes the next article in publication order (oldest first) with its fragments in `chunkFormats` order;
   * without them only when every chunk of its sections is cached (`storeChunk` never renders it).
   */
  add(article: Article, record: FragmentRecord | undefined): Promise<void>;
  /** Writes the partial newest chunks, the heads and the directories; returns the sections' sitemap URLs. */
  finish(): Promise<SitemapUrl[]>;
}

/** Stores a small text file (a head, a directory page). */
export type WriteText = (path: string, text: string) => void | Promise<void>;

/** Stores a chunk made of `members`: renders it with `render` unless the build's cache holds it (build-site.ts). */
export type StoreChunk = (path: string, members: readonly Article[], render: () => Uint8Array) => Promise<void>;

interface Pending {
  readonly section: Section;
  fragments: (FragmentRecord | undefined)[];
  members: Article[];
  inChunk: number;
  written: number;
}

/**
 * Streams with the site's own list loop, so each fragment is rendered once for the site and all its
 * sections, and only the open chunk of each section is held in memory. A chunk changes only when an
 * article in it (or a newer one in a partial chunk) changes: a new article rewrites one chunk per section.
 */
export function sectionWriter(
  site: Site,
  lists: SectionLists,
  write: WriteText,
  /** Recently retracted articles (not in `lists`): each section's page 1 carries the tombstones of its own. */
  retracted: readonly Article[],
  storeChunk: StoreChunk,
): SectionWriter {
  const memberships = new Map<string, Pending[]>();
  const states = new Map<Section, Pending>();
  for (const section of [...lists.tags, ...lists.sources]) {
    const pending: Pending = { section, fragments: [], members: [], inChunk: 0, written: 0 };
    states.set(section, pending);
    for (const article of section.articles) {
      const list = memberships.get(article.slug);
      if (list) list.push(pending);
      else memberships.set(article.slug, [pending]);
    }
  }
  const flush = async (pending: Pending): Promise<void> => {
    const { kind, key } = pending.section;
    const chunk = pending.written / site.pageSize;
    const { fragments } = pending;
    await storeChunk(sectionChunkPath(kind, key, chunk), pending.members, () => {
      const records = fragments.filter((record) => record !== undefined);
      if (records.length !== fragments.length) throw new Error(`${kind} section ${key}: a chunk without fragments`);
      return encodeSectionChunk(records);
    });
    pending.written += pending.inChunk;
    pending.fragments = [];
    pending.members = [];
    pending.inChunk = 0;
  };
  return {
    async add(article, record) {
      const sections = memberships.get(article.slug) ?? [];
      for (const pending of sections) {
        pending.fragments.push(record);
        pending.members.push(article);
        if (++pending.inChunk === site.pageSize) await flush(pending);
      }
    },
    async finish() {
      const urls: SitemapUrl[] = [];
      for (const [kind, sections] of [
        ['tag', lists.tags],
        ['source', lists.sources],
      ] as const) {
        const hashes = new Set<string>();
        for (const section of sections) {
          const hash = keyHash(section.key);
          if (hashes.has(hash)) throw new Error(`two ${kind} sections share the stored name ${hash}: ${section.key}`);
          hashes.add(hash);
        }
        urls.push(...(await finishKind(site, kind, sections, states, flush, write, retracted)));
      }
      return urls;
    },
  };
}

async function finishKind(
  site: Site,
  kind: SectionKind,
  sections: readonly Section[],
  states: ReadonlyMap<Section, Pending>,
  flush: (pending: Pending) => Promise<void>,
  write: WriteText,
  retracted: readonly Article[],
): Promise<SitemapUrl[]> {
  const urls: SitemapUrl[] = [];
  let newest: Section['updated'];
  for (const section of sections) {
    const pending = states.get(section);
    if (pending === undefined) continue;
    if (pending.inChunk > 0) await flush(pending);
    if (pending.written !== section.count)
      throw new Error(`${kind} section ${section.key}: ${pending.written} of ${section.count} articles were listed`);
    const { articles: _articles, ...info } = section;
    const gone = retracted.filter((article) => sectionKeysOf(article)[kind].includes(section.key));
    // A withdrawal changes the section's feeds: their updated date is the latest article or retraction.
    const updated = latestDate([section.updated, ...gone.map((article) => article.retracted?.date)]);
    const head: SectionHead = {
      section: info,
      ...(updated ? { updated } : {}),
      ...(gone.length > 0 ? { deleted: renderTombstones(site, gone) } : {}),
      lastModified: toHttpDate(updated?.epochMs ?? 0),
    };
    await write(sectionHeadPath(kind, section.key), JSON.stringify(head));
    urls.push({ path: sectionPagePath(kind, section.key), ...(updated ? { updated } : {}) });
    newest = latestDate([newest, updated]);
  }
  const summaries = sections.map(({ articles: _articles, ...summary }) => summary);
  await write(sectionDirectoryFile(kind), renderSectionDirectory(site, kind, summaries));
  return [{ path: sectionDirectoryPath(kind), ...(newest ? { updated: newest } : {}) }, ...urls];
}
