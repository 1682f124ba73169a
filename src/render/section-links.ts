/** The article page's links to its sections: each tag's page and its source's page. */
import type { Article } from '../article.ts';
import { sourceKey } from '../sections/source-key.ts';
import { tagKey, tagProblem } from '../sections/tag-key.ts';
import type { Site } from '../site.ts';
import { link } from './html.ts';
import { sitePath } from './layout.ts';
import { sectionPagePath } from './section-urls.ts';

/** `<div><dt>…</dt><dd>…</dd></div>` rows for the attribution list: "Tags" and "More from". */
export function sectionLinkRows(site: Site, article: Article): string[] {
  const rows: string[] = [];
  // A tag that cannot be a section was a build error; never link one.
  const linkable = article.tags.filter((tag) => tagProblem(tag) === undefined);
  if (linkable.length > 0) {
    const tags = linkable.map((tag) => link(sitePath(site, sectionPagePath('tag', tagKey(tag))), tag));
    rows.push(`<div><dt>Tags</dt><dd>${tags.join(', ')}</dd></div>`);
  }
  if (article.source !== undefined) {
    const section = link(sitePath(site, sectionPagePath('source', sourceKey(article.source))), article.source.name);
    rows.push(`<div><dt>More from</dt><dd>${section}</dd></div>`);
  }
  return rows;
}
