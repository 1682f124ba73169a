/** Parses agency wire copy (the seed's plain-text layout, docs/content.md "Wire copy (`.txt`)") into an Article. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import { cleanLine, isBlank, normalizeLineEnds, replaceUnsafeCharacters } from './clean-text.ts';
import type { ContentProblem } from './content-error.ts';
import { readContentDate } from './dates.ts';
import { paragraphsToHtml } from './html-text.ts';
import { detectLanguage } from './language.ts';
import type { ParseResult } from './parse-result.ts';
import { slugFromFileName, slugProblem } from './slug.ts';
import { readSource } from './source.ts';
import { summarize } from './summary.ts';
import { readTrailer } from './trailer.ts';

/** Splits body lines into paragraphs at blank lines; each paragraph keeps its lines exactly as written. */
function paragraphsOf(lines: readonly string[]): string[] {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (isBlank(line)) {
      if (current.length > 0) paragraphs.push(current.join('\n'));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length > 0) paragraphs.push(current.join('\n'));
  return paragraphs;
}

function firstNonBlank(lines: readonly string[], from: number): number | undefined {
  for (let index = from; index < lines.length; index++) if (!isBlank(lines[index] ?? '')) return index;
  return undefined;
}

/**
 * Wire copy: line 1 the title, line 2 the date, then the body (paragraphs separated by blank
 * lines), then the trailer (editor, responsible editor, source, copyright notice). Leading blank
 * lines, and blank lines between title and date, are tolerated. The text is kept exactly as
 * written (LF line ends), except characters XML cannot carry, which become spaces (see clean-text.ts).
 * Every problem of the file is reported, each with its line.
 */
export function parseWireCopy(file: string, text: string, site: Site): ParseResult {
  const lines = replaceUnsafeCharacters(normalizeLineEnds(text)).split('\n');
  const problems: ContentProblem[] = [];
  const report = (line: number | undefined, message: string) =>
    problems.push(line === undefined ? { file, message } : { file, line, message });

  const slug = slugFromFileName(file);
  const badSlug = slugProblem(slug, 'from the file name; rename the file');
  if (badSlug) report(undefined, badSlug);

  const titleIndex = firstNonBlank(lines, 0);
  if (titleIndex === undefined) {
    report(1, 'the file is empty: line 1 must be the title, line 2 the date (YYYY-MM-DD), then the body');
    return { ok: false, problems };
  }
  if (
    /^---[ \t]*$/.test(lines[titleIndex] ?? '') &&
    lines.some((line, index) => index > titleIndex && /^(?:title|date)\s*:/i.test(line))
  ) {
    const markdownName = file.slice(file.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '.md');
    report(
      titleIndex + 1,
      `this file starts with front matter ("---"), which only Markdown articles have: rename it to ${markdownName}, or write it as wire copy (title on line 1, date on line 2)`,
    );
    return { ok: false, problems };
  }
  const title = cleanLine(lines[titleIndex] ?? '');
  let dateIndex = firstNonBlank(lines, titleIndex + 1);
  if (readContentDate(title, site.timeZone).ok) {
    report(titleIndex + 1, 'the title is missing: this line is a date, and the title must come before it');
    dateIndex = titleIndex;
  }

  let published: Article['published'] | undefined;
  if (dateIndex === undefined) {
    report(titleIndex + 2, 'the date is missing: the line after the title must be a date (YYYY-MM-DD)');
  } else {
    const reading = readContentDate(lines[dateIndex] ?? '', site.timeZone);
    if (reading.ok) published = reading.date;
    else report(dateIndex + 1, `the date line: ${reading.reason}`);
  }

  const bodyFrom = (dateIndex ?? titleIndex) + 1;
  const region = lines.slice(bodyFrom);
  const trailer = readTrailer(region, bodyFrom + 1);
  const paragraphs = paragraphsOf(region.slice(0, trailer.start));
  if (paragraphs.length === 0 && dateIndex !== undefined) {
    report(
      bodyFrom + 1,
      'the body is missing: write at least one paragraph after the date, before the Edit:/Source: lines',
    );
  }

  const { editor, responsibleEditor, copyright } = trailer.fields;
  // The agency's wording never stops the build: an odd source is credited by name, a field given
  // twice keeps its first value; each with a warning.
  const warnings: ContentProblem[] = [];
  // One warning per repeated field, however often a hostile file repeats it.
  const repeated = new Set<string>();
  for (const { line, message } of trailer.problems) {
    const field = message.replace(/ \(first on line \d+\)$/, '');
    if (repeated.has(field)) continue;
    repeated.add(field);
    warnings.push({ file, line, message: `${message}; the first is used` });
  }
  let source: Article['source'];
  if (trailer.fields.source) {
    const { line } = trailer.fields.source;
    const reading = readSource(trailer.fields.source.value);
    if (reading.ok) source = reading.source;
    const warning = reading.ok ? reading.warning : reading.reason;
    if (warning !== undefined) warnings.push({ file, line, message: warning });
  }

  if (problems.length > 0 || !published) return { ok: false, problems };
  const bodyText = paragraphs.join('\n\n');
  const article: Article = {
    slug,
    file,
    format: 'wire-copy',
    title,
    published,
    updated: published,
    summary: summarize(paragraphs[0] ?? ''),
    bodyText,
    // Derived when rendered, not kept: a 100,000-article build holds every article in memory, and
    // garbage collection over that heap is what grows faster than the archive.
    get bodyHtml() {
      return paragraphsToHtml(bodyText.split('\n\n'));
    },
    ...(editor ? { editor: editor.value } : {}),
    ...(responsibleEditor ? { responsibleEditor: responsibleEditor.value } : {}),
    ...(source ? { source } : {}),
    ...(copyright ? { copyright: copyright.value } : {}),
    language: detectLanguage(`${title}\n${bodyText}`, site.language),
    tags: [],
  };
  return { ok: true, draft: false, article, warnings };
}
