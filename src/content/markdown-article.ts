/** Parses a Markdown article with YAML front matter (SPEC: Content, Markdown) into an Article. */
import type { Article, ArticleDate, ArticleSource } from '../article.ts';
import type { Site } from '../site.ts';
import { bodyImageRefs } from './body-images.ts';
import { cleanLine, normalizeLineEnds, replaceUnsafeCharacters } from './clean-text.ts';
import type { ContentProblem } from './content-error.ts';
import { readContentDate } from './dates.ts';
import { type FrontMatterValue, splitFrontMatter } from './front-matter.ts';
import { sanitizedHtmlToText } from './html-text.ts';
import { readImageField } from './image-field.ts';
import { canonicalLanguage, detectLanguage } from './language.ts';
import { renderMarkdown } from './markdown-html.ts';
import type { ParseResult } from './parse-result.ts';
import { slugFromFileName, slugProblem } from './slug.ts';
import { absoluteHttpUrl, readSource, sourceFromParts } from './source.ts';
import { summarize } from './summary.ts';

const knownKeys = new Set([
  'title',
  'date',
  'updated',
  'slug',
  'summary',
  'editor',
  'responsibleEditor',
  'source',
  'copyright',
  'language',
  'tags',
  'canonical',
  'draft',
  'image',
]);

/**
 * Front matter: `title` and `date` required; the optional keys of SPEC. An unknown key is a
 * problem, not a warning: a typo such as `responsible_editor` would otherwise drop attribution
 * silently. A `draft: true` article gives the draft result and is not checked further.
 */
export function parseMarkdownArticle(file: string, text: string, site: Site): ParseResult {
  const split = splitFrontMatter(replaceUnsafeCharacters(normalizeLineEnds(text)));
  if (!split.ok) return { ok: false, problems: split.problems.map((problem) => ({ file, ...problem })) };
  const { entries } = split;
  const problems: ContentProblem[] = [];
  const report = (line: number | undefined, message: string) =>
    problems.push(line === undefined ? { file, message } : { file, line, message });

  const draft = entries.get('draft');
  if (draft) {
    const value = draft.kind === 'text' ? draft.text.trim().toLowerCase() : '';
    if (value === 'true') return { ok: true, draft: true };
    if (value !== 'false') report(draft.line, 'draft must be true or false');
  }
  for (const [key, line] of split.keyLines) {
    if (!knownKeys.has(key)) report(line, `unknown front matter key "${key}" (known: ${[...knownKeys].join(', ')})`);
  }

  const textField = (key: string): { value: string; line: number } | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.kind !== 'text') {
      report(entry.line, `${key} must be text, not a ${entry.kind}`);
      return undefined;
    }
    const value = key === 'copyright' ? entry.text.replace(/\t/g, ' ').trim() : cleanLine(entry.text);
    return value === '' ? undefined : { value, line: entry.line };
  };
  const date = (key: string, required: boolean): ArticleDate | undefined => {
    const entry = textField(key);
    if (!entry) {
      if (required)
        report(entries.get(key)?.line ?? 1, `${key} is required in the front matter (e.g. ${key}: 2025-07-16)`);
      return undefined;
    }
    const reading = readContentDate(entry.value, site.timeZone);
    if (reading.ok) return reading.date;
    report(entry.line, `${key}: ${reading.reason}`);
    return undefined;
  };

  const title = textField('title');
  if (!title) report(entries.get('title')?.line ?? 1, 'title is required in the front matter (title: …)');
  const published = date('date', true);
  const updated = date('updated', false);
  if (published && updated && updated.epochMs < published.epochMs) {
    report(entries.get('updated')?.line, `updated (${updated.iso}) is before date (${published.iso})`);
  }

  const slugEntry = textField('slug');
  const slug = slugEntry?.value ?? slugFromFileName(file);
  const badSlug = slugProblem(
    slug,
    slugEntry ? 'front matter slug' : 'from the file name; rename the file or set slug:',
  );
  if (badSlug) report(slugEntry?.line, badSlug);

  const source = readSourceEntry(entries.get('source'), report);
  const canonicalEntry = textField('canonical');
  const canonical = canonicalEntry ? absoluteHttpUrl(canonicalEntry.value)?.href : undefined;
  if (canonicalEntry && !canonical)
    report(canonicalEntry.line, `canonical "${canonicalEntry.value}" must be an absolute http(s) URL`);
  const languageEntry = textField('language');
  const language = languageEntry ? canonicalLanguage(languageEntry.value) : undefined;
  if (languageEntry && !language)
    report(languageEntry.line, `language "${languageEntry.value}" is not a BCP 47 language tag such as en or zh-CN`);
  const tags = readTags(entries.get('tags'), report);

  const rendering = renderMarkdown(split.body);
  const bodyHtml = rendering.ok ? rendering.html : '';
  const bodyText = sanitizedHtmlToText(bodyHtml);
  if (!rendering.ok) report(split.bodyLine + rendering.line - 1, rendering.message);
  else if (bodyHtml === '') report(split.bodyLine, 'the body is missing: write the article after the closing "---"');
  const lead = readImageField(entries.get('image'), report);
  const bodyImages = bodyImageRefs(bodyHtml, split.body, split.bodyLine, report);

  const media = lead || bodyImages.length > 0 ? { media: { ...(lead ? { lead } : {}), body: bodyImages } } : {};
  if (problems.length > 0 || !title || !published) return { ok: false, problems, ...media };
  const editor = textField('editor');
  const responsibleEditor = textField('responsibleEditor');
  const copyright = textField('copyright');
  const summary = textField('summary')?.value ?? summarize(bodyText.split('\n\n')[0] ?? '');
  const article: Article = {
    slug,
    file,
    format: 'markdown',
    title: title.value,
    published,
    updated: updated ?? published,
    summary,
    bodyText,
    bodyHtml,
    ...(editor ? { editor: editor.value } : {}),
    ...(responsibleEditor ? { responsibleEditor: responsibleEditor.value } : {}),
    ...(source ? { source } : {}),
    ...(copyright ? { copyright: copyright.value } : {}),
    language: language ?? detectLanguage(`${title.value}\n${bodyText}`, site.language),
    tags,
    ...(canonical ? { canonical } : {}),
  };
  return { ok: true, draft: false, article, ...media };
}

type Report = (line: number | undefined, message: string) => void;

/** `source:` as a host, a URL, or `{ name, url }`. */
function readSourceEntry(entry: FrontMatterValue | undefined, report: Report): ArticleSource | undefined {
  if (!entry) return undefined;
  if (entry.kind === 'text') {
    if (entry.text.trim() === '') return undefined;
    const reading = readSource(cleanLine(entry.text));
    if (!reading.ok) report(entry.line, reading.reason);
    return reading.ok ? reading.source : undefined;
  }
  if (entry.kind === 'list') {
    report(entry.line, 'source must be a host, a URL, or { name, url }');
    return undefined;
  }
  for (const [key, value] of entry.entries) {
    if (key !== 'name' && key !== 'url') report(value.line, `unknown source key "${key}" (known: name, url)`);
  }
  const name = entry.entries.get('name');
  const url = entry.entries.get('url');
  if (url?.kind !== 'text' || url.text.trim() === '') {
    report(entry.line, 'source needs a url (source: { name: Xinhua, url: https://www.news.cn/ })');
    return undefined;
  }
  if (name && name.kind !== 'text') {
    report(name.line, 'source name must be text');
    return undefined;
  }
  const reading = sourceFromParts(name ? cleanLine(name.text) : undefined, cleanLine(url.text));
  if (!reading.ok) report(url.line, reading.reason);
  return reading.ok ? reading.source : undefined;
}

/**
 * `tags:` as a list of text, or as one text with commas (`tags: economy, 数字经济`), as people
 * write it; blanks dropped, duplicates kept once, in the order written.
 */
function readTags(entry: FrontMatterValue | undefined, report: Report): string[] {
  if (!entry) return [];
  if (entry.kind === 'text') {
    const tags = entry.text.split(/[,，、]/u).map(cleanLine);
    return tags.filter((tag, index) => tag !== '' && tags.indexOf(tag) === index);
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
      if (tag !== '' && !tags.includes(tag)) tags.push(tag);
    }
  }
  return tags;
}
