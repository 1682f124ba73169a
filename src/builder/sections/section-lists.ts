/** The members of every tag and source section: the ONE place that decides which article is in which section. */
import type { Article } from '../../model/article.ts';
import { newestUpdate } from '../../model/article-order.ts';
import { sourceHome, sourceKey } from '../../model/source-key.ts';
import { tagKey, tagProblem } from '../../model/tag-key.ts';
import type { SectionSummary } from '../../render/section-pages.ts';
import type { SectionKind } from '../../render/section-urls.ts';

/** A section and its articles, newest first. */
export interface Section extends SectionSummary {
  readonly articles: readonly Article[];
}

export interface SectionLists {
  /** In key order (code units, never locale), so every build lists them alike. */
  readonly tags: readonly Section[];
  readonly sources: readonly Section[];
}

/** An article's section keys, and the spelling of each tag key it used first. */
interface ArticleSections extends Readonly<Record<SectionKind, readonly string[]>> {
  readonly tagNames: readonly string[];
}

/** Worked out once an article: a build asks for every article's sections several times (lists, partners, shards). */
const known = new WeakMap<Article, ArticleSections>();

/**
 * Keys by spelling: 100,000 articles spell a few hundred tags and sources, and normalizing each tag (NFC, the
 * checks) and parsing each source URL again was ~0.4 s of every publish. Bounded, for an archive of many spellings.
 */
const tagKeys = new Map<string, string | null>();
const sourceKeys = new Map<string, string>();
const rememberedSpellings = 10_000;

function remembered<T>(memo: Map<string, T>, spelling: string, work: () => T): T {
  const kept = memo.get(spelling);
  if (kept !== undefined) return kept;
  if (memo.size >= rememberedSpellings) memo.clear();
  const value = work();
  memo.set(spelling, value);
  return value;
}

function sectionsOf(article: Article): ArticleSections {
  const kept = known.get(article);
  if (kept) return kept;
  const tags = new Map<string, string>();
  for (const tag of article.tags) {
    const key = remembered(tagKeys, tag, () => (tagProblem(tag) === undefined ? tagKey(tag) : null));
    if (key !== null && !tags.has(key)) tags.set(key, tag);
  }
  const source = article.source;
  const sections = {
    tag: [...tags.keys()],
    tagNames: [...tags.values()],
    source:
      source === undefined ? [] : [remembered(sourceKeys, `${source.url}\n${source.name}`, () => sourceKey(source))],
  };
  known.set(article, sections);
  return sections;
}

/** The sections an article is listed in, by kind: its tag keys (each once) and its source key. */
export function sectionKeysOf(article: Article): Readonly<Record<SectionKind, readonly string[]>> {
  return sectionsOf(article);
}

/** The sections an article is listed in, as partners and the changes log name them: `tag:<key>`, `source:<key>`. */
export function sectionIdsOf(article: Article): string[] {
  const keys = sectionKeysOf(article);
  return [...keys.tag.map((key) => `tag:${key}`), ...keys.source.map((key) => `source:${key}`)];
}

/** Each section key's articles, in the order given (newest first), by kind: the grouping behind every section list. */
export type SectionGroups = Readonly<Record<SectionKind, ReadonlyMap<string, readonly Article[]>>>;

/** The articles of each section key, keeping the order of `newest`. */
export function sectionGroups(newest: readonly Article[]): SectionGroups {
  const groups: Record<SectionKind, Map<string, Article[]>> = { tag: new Map(), source: new Map() };
  for (const article of newest) {
    const sections = sectionsOf(article);
    for (const kind of ['tag', 'source'] as const)
      for (const key of sections[kind]) {
        const members = groups[kind].get(key);
        if (members) members.push(article);
        else groups[kind].set(key, [article]);
      }
  }
  return groups;
}

/**
 * Groups the newest-first archive into sections. Every list of section members comes from here: an
 * article left out of `newest` (a retracted one, say) leaves every section with it. A section's name is
 * the first spelling in publication order (`Économie` before a later `économie`); a source section's URL
 * is the home page of the first of its articles that has one.
 */
export function sectionLists(newest: readonly Article[]): SectionLists {
  const groups = sectionGroups(newest);
  const finish = (kind: SectionKind): Section[] =>
    [...groups[kind].entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, members]) => sectionOf(kind, key, members));
  return { tags: finish('tag'), sources: finish('source') };
}

/** The section `key` of `kind` whose articles (newest first, none retracted, at least one) are `members`. */
export function sectionOf(kind: SectionKind, key: string, members: readonly Article[]): Section {
  let name: string | undefined;
  let url: string | undefined;
  // Oldest first: the first spelling names it, and the first home page of a source links it.
  for (let index = members.length - 1; index >= 0; index--) {
    const article = members[index] as Article;
    const source = article.source;
    if (kind === 'tag') {
      const sections = sectionsOf(article);
      name = sections.tagNames[sections.tag.indexOf(key)] ?? key;
      break;
    }
    if (source === undefined) continue;
    name ??= source.name;
    url = sourceHome(source);
    if (url !== undefined) break;
  }
  const updated = newestUpdate(members);
  return {
    kind,
    key,
    name: name ?? key,
    ...(url !== undefined ? { url } : {}),
    count: members.length,
    ...(updated ? { updated } : {}),
    articles: members,
  };
}
