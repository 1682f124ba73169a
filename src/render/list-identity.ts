/** What a list (the whole site, or one tag or source section) is called and where its pages live. */
import type { Site } from '../model/site.ts';
import { type SectionKind, sectionFeedPath, sectionPagePath } from './section-urls.ts';
import { type FeedFormat, feedPath, indexPath } from './urls.ts';

/** A section as its pages and feeds name it. */
export interface SectionInfo {
  readonly kind: SectionKind;
  /** The path segment (decoded): case-folded tag, or the source's host or name key. */
  readonly key: string;
  /** What readers see: the first spelling in publication order, or the source's name. */
  readonly name: string;
  /** The source's home page, for a source section that has one. */
  readonly url?: string;
  /** Articles in the section. */
  readonly count: number;
}

export interface ListIdentity {
  /** Channel / document title. */
  readonly title: string;
  readonly description: string;
  /** The HTML index of this list, page `page`. */
  readonly htmlPath: (page?: number) => string;
  /** This list's feed in `format`, page `page`. */
  readonly feedPath: (format: FeedFormat, page?: number) => string;
}

const kindLabels: Readonly<Record<SectionKind, string>> = { tag: 'Tag', source: 'Source' };

/** The site's own lists when `section` is undefined, else the section's, titled so a reader sees which it is. */
export function listIdentity(site: Site, section?: SectionInfo): ListIdentity {
  if (section === undefined) {
    return { title: site.title, description: site.description, htmlPath: indexPath, feedPath };
  }
  const { kind, key, name } = section;
  return {
    title: `${kindLabels[kind]}: ${name} — ${site.title}`,
    description:
      kind === 'tag' ? `Articles tagged “${name}” on ${site.title}.` : `Articles from ${name} on ${site.title}.`,
    htmlPath: (page = 1) => sectionPagePath(kind, key, page),
    feedPath: (format, page = 1) => sectionFeedPath(kind, key, format, page),
  };
}
