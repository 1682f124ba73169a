/** Wire-copy sidecars: `name.yaml` beside `name.txt` adds the publisher's metadata without editing the agency's text. */
import type { Article } from '../model/article.ts';
import type { Site } from '../model/site.ts';
import type { ContentProblem } from './content-error.ts';
import { type FrontMatterValue, readYamlMapping } from './front-matter.ts';
import { readImageField } from './image-field.ts';
import {
  checkLifecycleDates,
  checkRetractedDraft,
  readCorrections,
  readRetraction,
  updatedWithCorrections,
} from './lifecycle-fields.ts';
import {
  checkUpdated,
  type Report,
  readCanonical,
  readDateField,
  readDraft,
  readEmbargoField,
  readLanguage,
  readSlugField,
  readTags,
  readTextField,
} from './metadata-fields.ts';
import type { ParseResult } from './parse-result.ts';

/** What a sidecar key sets: article fields, or `draft`. */
export type SidecarFields = { -readonly [Key in keyof Article]?: Article[Key] } & { draft?: boolean };

/** What a sidecar key's reader gets besides its value. */
export interface SidecarContext {
  readonly site: Site;
  readonly report: Report;
}

/** Reads one sidecar key into the fields it sets ({} when it sets nothing). */
export type SidecarRow = (entry: FrontMatterValue, context: SidecarContext) => SidecarFields;

/**
 * The keys a sidecar may hold, one row each, read with the same code as Markdown front matter
 * (metadata-fields.ts, lifecycle-fields.ts).
 */
export const sidecarKeys: Readonly<Record<string, SidecarRow>> = {
  slug: (entry, { report }) => {
    const slug = readSlugField(entry, 'sidecar slug', report);
    return slug ? { slug: slug.value } : {};
  },
  summary: (entry, { report }) => {
    const summary = readTextField('summary', entry, report);
    return summary ? { summary: summary.value } : {};
  },
  tags: (entry, { report }) => ({ tags: readTags(entry, report) }),
  canonical: (entry, { report }) => {
    const canonical = readCanonical(entry, report);
    return canonical ? { canonical } : {};
  },
  language: (entry, { report }) => {
    const language = readLanguage(entry, report);
    return language ? { language } : {};
  },
  updated: (entry, { site, report }) => {
    const updated = readDateField('updated', entry, site, report);
    return updated ? { updated } : {};
  },
  draft: (entry, { report }) => ({ draft: readDraft(entry, report) }),
  embargo: (entry, { site, report }) => {
    const embargo = readEmbargoField(entry, site, report);
    return embargo ? { embargo } : {};
  },
  corrections: (entry, { site, report }) => {
    const corrections = readCorrections(entry, report, site.timeZone);
    return corrections.length > 0 ? { corrections } : {};
  },
  // The picture is no article field: readImageField reads it in applySidecar, and the build publishes it.
  image: () => ({}),
  retracted: (entry, { site, report }) => {
    const retracted = readRetraction(entry, report, site.timeZone);
    return retracted ? { retracted } : {};
  },
};

/** Keys the wire copy itself sets: where in the agency's file each comes from, and the article field. */
const wireCopyKeys: Readonly<Record<string, readonly [part: string, field: keyof Article]>> = {
  title: ['first line', 'title'],
  date: ['date line', 'published'],
  source: ['trailer', 'source'],
  editor: ['trailer', 'editor'],
  responsibleEditor: ['trailer', 'responsibleEditor'],
  copyright: ['trailer', 'copyright'],
};

/** `articles/x.yaml` for `articles/x.txt`. */
export function sidecarPathOf(wireCopyFile: string): string {
  // Sliced, not a regular expression: called for each of 100,000 wire copies in a build.
  return wireCopyFile.slice(-4).toLowerCase() === '.txt' ? `${wireCopyFile.slice(0, -4)}.yaml` : wireCopyFile;
}

/** Whether a content file is a sidecar (`.yaml`). */
export function isSidecarFile(file: string): boolean {
  return /\.yaml$/i.test(file);
}

export interface SidecarInput {
  /** The sidecar's path, for its problems. */
  readonly file: string;
  readonly text: string;
  /** The wire copy's path as the publisher sees it, named in conflict problems. */
  readonly wireCopyFile: string;
}

/**
 * Applies a sidecar to the wire copy's parse result. Every problem of both files is reported:
 * YAML errors with their line, unknown keys with the known ones, a key the wire copy itself sets
 * naming both files, `updated` before the date. `draft: true` makes the article a draft.
 */
export function applySidecar(result: ParseResult, sidecar: SidecarInput, site: Site): ParseResult {
  const { file, wireCopyFile } = sidecar;
  const problems: ContentProblem[] = result.ok ? [] : [...result.problems];
  const report: Report = (line, message) =>
    problems.push(line === undefined ? { file, message } : { file, line, message });
  const mapping = readYamlMapping(sidecar.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), {
    firstLine: 1,
    what: 'sidecar',
  });
  if (!mapping.ok) {
    for (const problem of mapping.problems) report(problem.line, problem.message);
    return { ok: false, problems };
  }
  const article = result.ok && !result.draft ? result.article : undefined;
  const fields: SidecarFields = {};
  for (const [key, entry] of mapping.entries) {
    const line = mapping.keyLines.get(key);
    const row = sidecarKeys[key];
    const wireCopyKey = wireCopyKeys[key];
    if (wireCopyKey !== undefined) {
      const [wirePart, field] = wireCopyKey;
      const verb = article?.[field] === undefined ? 'belongs to' : 'is set by';
      report(
        line,
        `${key} ${verb} the wire copy's ${wirePart} (${wireCopyFile}); a sidecar cannot change the agency's text`,
      );
    } else if (row === undefined) {
      report(line, `unknown sidecar key "${key}" (known: ${Object.keys(sidecarKeys).join(', ')})`);
    } else {
      Object.assign(fields, row(entry, { site, report }));
    }
  }
  const lead = readImageField(mapping.entries.get('image'), report);
  const media = lead ? { media: { lead, body: [] } } : {};
  if (article) {
    const lines = mapping.keyLines;
    checkUpdated(article.published, fields.updated, lines.get('updated'), report);
    const lifecycleLines = { corrections: lines.get('corrections'), retracted: lines.get('retracted') };
    checkLifecycleDates(article.published, fields.corrections ?? [], fields.retracted, lifecycleLines, report);
  }
  if (fields.draft) checkRetractedDraft(mapping.entries.get('retracted'), report);
  if (problems.length > 0 || !result.ok) return { ok: false, problems, ...media };
  const { draft, ...articleFields } = fields;
  if (draft || result.draft)
    return { ok: true, draft: true, ...(result.warnings ? { warnings: result.warnings } : {}) };
  // A correction later than the last update moves `updated`, as it does for Markdown.
  if (fields.corrections)
    articleFields.updated = updatedWithCorrections(fields.updated ?? result.article.updated, fields.corrections);
  return { ...result, article: withFields(result.article, articleFields), ...media };
}

/** The article with fields replaced, keeping its lazily derived properties (wire copy's bodyHtml) lazy. */
function withFields(article: Article, fields: SidecarFields): Article {
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(article);
  for (const [key, value] of Object.entries(fields)) {
    descriptors[key] = { value, enumerable: true, writable: false, configurable: true };
  }
  return Object.defineProperties({}, descriptors) as Article;
}
