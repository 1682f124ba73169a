/** The article page's links to its sections: each tag's page and its source's page. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { sourceKey } from '../model/source-key.ts';
import { tagKey, tagProblem } from '../model/tag-key.ts';
import { link } from './html.ts';
import { sitePath } from './layout.ts';
import { sectionPagePath } from './section-urls.ts';

/** A `<nav>` after the attribution: "Tags: …" and "More from <source>"; empty when the article has neither. */
export function sectionLinks(site: Site, article: Article): string {
  const lines: string[] = [];
  // A tag that cannot be a section was a build error; never link one.
  const tags = article.tags.filter((tag) => tagProblem(tag) === undefined);
  if (tags.length > 0) {
    const links = tags.map((tag) => link(sitePath(site, sectionPagePath('tag', tagKey(tag))), tag));
    lines.push(`<p class="meta">Tags: ${links.join(', ')}</p>`);
  }
  if (article.source !== undefined) {
    const section = link(sitePath(site, sectionPagePath('source', sourceKey(article.source))), article.source.name);
    lines.push(`<p class="meta">More from ${section}</p>`);
  }
  if (lines.length === 0) return '';
  return `<nav class="article-sections" aria-label="Sections of this article">\n${lines.join('\n')}\n</nav>\n`;
}
