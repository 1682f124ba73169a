/** Parses a Markdown article with YAML front matter (docs/content.md "Markdown (`.md`)") into an Article. */
import type { Article, ArticleDate, ArticleSource } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { bodyImageRefs } from './body-images.ts';
import { cleanLine, normalizeLineEnds, replaceUnsafeCharacters } from './clean-text.ts';
import type { ContentProblem } from './content-error.ts';
import { type FrontMatterValue, splitFrontMatter } from './front-matter.ts';
import { sanitizedHtmlToText } from './html-text.ts';
import { readImageField } from './image-field.ts';
import { detectLanguage } from './language.ts';
import {
  checkLifecycleDates,
  checkRetractedDraft,
  readCorrections,
  readRetraction,
  updatedWithCorrections,
} from './lifecycle-fields.ts';
import { renderMarkdown } from './markdown-html.ts';
import {
  checkUpdated,
  type Report,
  readCanonical,
  readDateField,
  readDraft,
  readEmbargoField,
  readLanguage,
  readTags,
  readTextField,
} from './metadata-fields.ts';
import type { ParseResult } from './parse-result.ts';
import { slugFromFileName, slugProblem } from './slug.ts';
import { readSource, sourceFromParts } from './source.ts';
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
  'corrections',
  'retracted',
  'embargo',
]);

/**
 * Front matter: `title` and `date` required; the optional keys docs/content.md "Markdown (`.md`)" lists. An unknown key is a
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

  const warnings: ContentProblem[] = [];
  if (readDraft(entries.get('draft'), report)) {
    checkRetractedDraft(entries.get('retracted'), report);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, draft: true };
  }
  for (const [key, line] of split.keyLines) {
    if (!knownKeys.has(key)) report(line, `unknown front matter key "${key}" (known: ${[...knownKeys].join(', ')})`);
  }

  const textField = (key: string) => readTextField(key, entries.get(key), report);
  const date = (key: string, required: boolean): ArticleDate | undefined => {
    const entry = entries.get(key);
    const value = readDateField(key, entry, site, report);
    if (required && !readTextField(key, entry, () => {}))
      report(entry?.line ?? 1, `${key} is required in the front matter (e.g. ${key}: 2025-07-16)`);
    return value;
  };

  const title = textField('title');
  if (!title) report(entries.get('title')?.line ?? 1, 'title is required in the front matter (title: …)');
  const published = date('date', true);
  const updated = date('updated', false);
  if (published) checkUpdated(published, updated, entries.get('updated')?.line, report);

  const slugEntry = textField('slug');
  const slug = slugEntry?.value ?? slugFromFileName(file);
  const badSlug = slugProblem(
    slug,
    slugEntry ? 'front matter slug' : 'from the file name; rename the file or set slug:',
  );
  if (badSlug) report(slugEntry?.line, badSlug);

  const source = readSourceEntry(entries.get('source'), report, (line, message) =>
    warnings.push({ file, line, message }),
  );
  const canonical = readCanonical(entries.get('canonical'), report);
  const language = readLanguage(entries.get('language'), report);
  const tags = readTags(entries.get('tags'), report);
  const corrections = readCorrections(entries.get('corrections'), report, site.timeZone);
  const retracted = readRetraction(entries.get('retracted'), report, site.timeZone);
  const embargo = readEmbargoField(entries.get('embargo'), site, report);
  if (published) {
    const lines = { corrections: entries.get('corrections')?.line, retracted: entries.get('retracted')?.line };
    checkLifecycleDates(published, corrections, retracted, lines, report);
  }

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
    updated: updatedWithCorrections(updated ?? published, corrections),
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
    ...(corrections.length > 0 ? { corrections } : {}),
    ...(retracted ? { retracted } : {}),
    ...(embargo ? { embargo } : {}),
  };
  return { ok: true, draft: false, article, warnings, ...media };
}

/** `source:` as a host, a URL, or `{ name, url }`. */
function readSourceEntry(entry: FrontMatterValue | undefined, report: Report, warn: Report): ArticleSource | undefined {
  if (!entry) return undefined;
  if (entry.kind === 'text') {
    if (entry.text.trim() === '') return undefined;
    const reading = readSource(cleanLine(entry.text));
    if (!reading.ok) report(entry.line, reading.reason);
    else if (reading.warning !== undefined) warn(entry.line, reading.warning);
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
