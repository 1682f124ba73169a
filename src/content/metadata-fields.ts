/** The publisher's metadata fields (Markdown front matter and wire-copy sidecars): one reader per key, shared by both. */
import type { ArticleDate } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { tagProblem } from '../model/tag-key.ts';
import { cleanLine } from './clean-text.ts';
import { readContentDate } from './dates.ts';
import type { FrontMatterValue } from './front-matter.ts';
import { canonicalLanguage } from './language.ts';
import { slugProblem } from './slug.ts';
import { absoluteHttpUrl } from './source.ts';

/** Records one problem of the file being read, at its line. */
export type Report = (line: number | undefined, message: string) => void;

/** A text value and its line. */
export interface TextField {
  readonly value: string;
  readonly line: number;
}

/** A key's text, cleaned (a copyright notice keeps its line breaks); undefined when empty or absent. */
export function readTextField(key: string, entry: FrontMatterValue | undefined, report: Report): TextField | undefined {
  if (!entry) return undefined;
  if (entry.kind !== 'text') {
    report(entry.line, `${key} must be text, not a ${entry.kind}`);
    return undefined;
  }
  const value = key === 'copyright' ? entry.text.replace(/\t/g, ' ').trim() : cleanLine(entry.text);
  return value === '' ? undefined : { value, line: entry.line };
}

/** A date key (`date`, `updated`) in the content date syntax, in the site's time zone when it has no offset. */
export function readDateField(
  key: string,
  entry: FrontMatterValue | undefined,
  site: Site,
  report: Report,
): ArticleDate | undefined {
  const text = readTextField(key, entry, report);
  if (!text) return undefined;
  const reading = readContentDate(text.value, site.timeZone);
  if (reading.ok) return reading.date;
  report(text.line, `${key}: ${reading.reason}`);
  return undefined;
}

/**
 * `embargo`: the instant before which no public response shows the article (docs/scheduled-release.md). It must
 * carry its offset (`2026-12-07 06:00 +08:00`, `…Z`): an embargo names one instant for every reader, so it is never
 * read in the site's time zone.
 */
export function readEmbargoField(
  entry: FrontMatterValue | undefined,
  site: Site,
  report: Report,
): ArticleDate | undefined {
  const text = readTextField('embargo', entry, report);
  if (!text) return undefined;
  if (!/(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(text.value.normalize('NFKC').trim())) {
    report(
      text.line,
      `embargo "${text.value}" has no offset: write the instant with one, e.g. 2026-12-07 06:00 +08:00 or 2026-12-06T22:00:00Z`,
    );
    return undefined;
  }
  return readDateField('embargo', entry, site, report);
}

/** `updated` may not be before the publication date. */
export function checkUpdated(
  published: ArticleDate,
  updated: ArticleDate | undefined,
  line: number | undefined,
  report: Report,
): void {
  if (updated && updated.epochMs < published.epochMs) {
    report(line, `updated (${updated.iso}) is before date (${published.iso})`);
  }
}

/** `draft: true | false`; anything else is a problem. */
export function readDraft(entry: FrontMatterValue | undefined, report: Report): boolean {
  if (!entry) return false;
  const value = entry.kind === 'text' ? entry.text.trim().toLowerCase() : '';
  if (value === 'true') return true;
  if (value !== 'false') report(entry.line, 'draft must be true or false');
  return false;
}

/** `slug:` checked against the slug rule; undefined when absent or not allowed. */
export function readSlugField(
  entry: FrontMatterValue | undefined,
  context: string,
  report: Report,
): TextField | undefined {
  const slug = readTextField('slug', entry, report);
  if (!slug) return undefined;
  const problem = slugProblem(slug.value, context);
  if (problem) report(slug.line, problem);
  return problem ? undefined : slug;
}

/** `canonical:` an absolute http(s) URL, serialized. */
export function readCanonical(entry: FrontMatterValue | undefined, report: Report): string | undefined {
  const text = readTextField('canonical', entry, report);
  if (!text) return undefined;
  const canonical = absoluteHttpUrl(text.value)?.href;
  if (!canonical) report(text.line, `canonical "${text.value}" must be an absolute http(s) URL`);
  return canonical;
}

/** `language:` a BCP 47 tag, in its canonical case. */
export function readLanguage(entry: FrontMatterValue | undefined, report: Report): string | undefined {
  const text = readTextField('language', entry, report);
  if (!text) return undefined;
  const language = canonicalLanguage(text.value);
  if (!language) report(text.line, `language "${text.value}" is not a BCP 47 language tag such as en or zh-CN`);
  return language;
}

/**
 * `tags:` as a list of text, or as one text with commas (`tags: economy, 数字经济`), as people
 * write it; blanks dropped, duplicates kept once, in the order written.
 */
export function readTags(entry: FrontMatterValue | undefined, report: Report): string[] {
  if (!entry) return [];
  if (entry.kind === 'text') {
    const tags = entry.text.split(/[,，、]/u).map(cleanLine);
    const kept = tags.filter((tag, index) => tag !== '' && tags.indexOf(tag) === index);
    for (const tag of kept) reportTag(tag, entry.line, report);
    return kept;
  }
  if (entry.kind !== 'list') {
    report(entry.line, 'tags must be a list, e.g. tags: [economy, digital]');
    return [];
  }
  const tags: string[] = [];
  for (const item of entry.items) {
    if (item.kind !== 'text') report(item.line, 'each tag must be text');
    else {
      const tag = cleanLine(item.text);
      reportTag(tag, item.line, report);
      if (tag !== '' && !tags.includes(tag)) tags.push(tag);
    }
  }
  return tags;
}

/** A tag that cannot be a section (tag-key.ts `tagProblem`) is the publisher's mistake: a build error. */
function reportTag(tag: string, line: number, report: Report): void {
  const problem = tagProblem(tag);
  if (problem !== undefined) report(line, problem);
}
