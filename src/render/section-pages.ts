/** The HTML of sections: the heading of a tag or source page, and the `/tags/` and `/sources/` directories. */
import type { ArticleDate } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { formatDisplayDate } from './display-date.ts';
import { attribute, escapeHtml, link } from './html.ts';
import { renderLayout, sitePath } from './layout.ts';
import { listIdentity, type SectionInfo } from './list-identity.ts';
import { type SectionKind, sectionDirectoryPath, sectionPagePath } from './section-urls.ts';
import { absoluteUrl } from './urls.ts';

/** A section in its directory: what its page shows, and its newest article's date. */
export interface SectionSummary extends SectionInfo {
  readonly updated?: ArticleDate;
}

const headings: Readonly<Record<SectionKind, { one: string; all: string; empty: string }>> = {
  tag: { one: 'Tag', all: 'Tags', empty: 'No article has tags yet.' },
  source: { one: 'Source', all: 'Sources', empty: 'No article names its source yet.' },
};

const articles = (count: number): string => (count === 1 ? '1 article' : `${count} articles`);

/** The section page's h1 (a source credited by name, linked to its URL when it has one), count and feeds. */
export function sectionHeading(site: Site, section: SectionInfo): string {
  const list = listIdentity(site, section);
  const name =
    section.url !== undefined && /^https?:\/\//i.test(section.url)
      ? link(section.url, section.name)
      : escapeHtml(section.name);
  const feeds = [
    link(sitePath(site, list.feedPath('rss')), 'RSS'),
    link(sitePath(site, list.feedPath('atom')), 'Atom'),
    link(sitePath(site, list.feedPath('json')), 'JSON Feed'),
  ].join(' <span class="separator" aria-hidden="true">·</span> ');
  const kind = headings[section.kind];
  return `<header class="article-header">
<p class="kicker">${link(sitePath(site, sectionDirectoryPath(section.kind)), kind.one)}</p>
<h1>${name}</h1>
<p class="meta">${articles(section.count)} <span class="separator" aria-hidden="true">·</span> ${feeds}</p>
</header>`;
}

/** `/tags/` or `/sources/`: every section of the kind, in key order, with its article count. */
export function renderSectionDirectory(site: Site, kind: SectionKind, sections: readonly SectionSummary[]): string {
  const { all, empty } = headings[kind];
  const title = `${all} — ${site.title}`;
  const canonical = absoluteUrl(site, sectionDirectoryPath(kind));
  const items = sections.map((section) => {
    const date =
      section.updated === undefined
        ? ''
        : ` <span class="separator" aria-hidden="true">·</span> latest <time ${attribute('datetime', section.updated.iso)}>${escapeHtml(formatDisplayDate(section.updated))}</time>`;
    return `<li class="entry">
<h2>${link(sitePath(site, sectionPagePath(kind, section.key)), section.name)}</h2>
<p class="meta">${articles(section.count)}${date}</p>
</li>`;
  });
  const main =
    items.length === 0
      ? `<h1>${all}</h1>\n<p class="empty">${empty}</p>`
      : `<h1>${all}</h1>\n<ol class="entries">\n${items.join('\n')}\n</ol>`;
  return renderLayout(site, {
    language: site.language,
    title,
    description: `${all} of ${site.title}, with the number of articles in each.`,
    head: `<link rel="canonical" ${attribute('href', canonical)}>\n`,
    main,
  });
}
