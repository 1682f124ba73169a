/** Build time: one problem for each slug that more than one article uses, naming every file that uses it. */
import type { ContentProblem } from '../../content/content-error.ts';
import type { Article } from '../../model/article.ts';

export function duplicateSlugProblems(articles: readonly Article[], shown: (path: string) => string): ContentProblem[] {
  // Slugs seen, then the files of only those used twice: no array an article when every slug is unique.
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { slug } of articles)
    if (seen.has(slug)) twice.add(slug);
    else seen.add(slug);
  const bySlug = new Map<string, string[]>();
  for (const article of articles)
    if (twice.has(article.slug)) bySlug.set(article.slug, [...(bySlug.get(article.slug) ?? []), article.file]);
  const problems: ContentProblem[] = [];
  for (const [slug, files] of bySlug) {
    if (files.length < 2) continue;
    const [first, ...others] = files.map(shown).sort();
    // A retracted article keeps its slug for ever: its id stays a tombstone and is never reused.
    const retracted = articles.find((article) => article.slug === slug && article.retracted);
    const why = retracted
      ? `; ${shown(retracted.file)} was retracted, and a retracted article's id is never reused`
      : '';
    problems.push({
      file: first ?? '',
      message: `slug "${slug}" is used by more than one article: ${[first, ...others].join(', ')}; slugs must be unique${why}`,
    });
  }
  return problems;
}
