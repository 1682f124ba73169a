/** Build time: one problem for each slug that more than one article uses, naming every file that uses it. */
import type { ContentProblem } from '../../content/content-error.ts';
import type { Article } from '../../model/article.ts';

export function duplicateSlugProblems(articles: readonly Article[], shown: (path: string) => string): ContentProblem[] {
  const bySlug = new Map<string, string[]>();
  for (const article of articles) bySlug.set(article.slug, [...(bySlug.get(article.slug) ?? []), article.file]);
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
