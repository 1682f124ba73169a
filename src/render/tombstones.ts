/** Retraction tombstones for page 1 of a feed: RFC 6721 `at:deleted-entry` (Atom) and `_wirefeed.deleted` (JSON Feed). */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { rfc3339Date } from './feed-dates.ts';
import { articleUrl } from './urls.ts';
import { element, escapeXml } from './xml.ts';

/** RFC 6721 §2: the namespace of the Atom tombstones extension. */
export const TOMBSTONES_NAMESPACE = 'http://purl.org/atompub/tombstones/1.0';

/** One withdrawn item in JSON Feed's `_wirefeed.deleted`: the same three facts as the Atom tombstone. */
export interface DeletedItem {
  /** The id the item had (its permalink), never reused. */
  readonly id: string;
  /** RFC 3339 date of the retraction. */
  readonly when: string;
  /** Why it was withdrawn. */
  readonly comment: string;
}

/** The tombstones of one feed, rendered once at build time and joined into page 1 at request time. */
export interface DeletedEntries {
  /** `<at:deleted-entry>` elements, each on its own indented line. */
  readonly atom: readonly string[];
  readonly json: readonly DeletedItem[];
}

/** RFC 6721 §3: `ref` = the entry's atom:id, `when` = the retraction date, `at:comment` = the reason. */
export function renderAtomTombstone(site: Site, article: Article): string {
  const retraction = article.retracted;
  if (!retraction) throw new Error(`${article.slug} is not retracted`);
  const attributes = `ref="${escapeXml(articleUrl(site, article))}" when="${escapeXml(rfc3339Date(retraction.date))}"`;
  return `  <at:deleted-entry ${attributes}>${element('at:comment', {}, retraction.reason)}</at:deleted-entry>`;
}

export function jsonDeletedItem(site: Site, article: Article): DeletedItem {
  const retraction = article.retracted;
  if (!retraction) throw new Error(`${article.slug} is not retracted`);
  return { id: articleUrl(site, article), when: rfc3339Date(retraction.date), comment: retraction.reason };
}

/** Both renderings of the given retracted articles (see recentRetractions for which ones). */
export function renderTombstones(site: Site, retracted: readonly Article[]): DeletedEntries {
  return {
    atom: retracted.map((article) => renderAtomTombstone(site, article)),
    json: retracted.map((article) => jsonDeletedItem(site, article)),
  };
}
