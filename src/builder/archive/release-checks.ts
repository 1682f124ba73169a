/**
 * What scheduling may not do, checked against the publishing Worker's clock (docs/scheduled-release.md): a
 * correction or a retraction takes effect when it is published, so one dated in the future is refused; and an
 * article already public cannot be taken back by an embargo or a later date.
 */
import type { ShardEntry } from '../../archive/shard.ts';
import type { ContentProblem } from '../../content/content-error.ts';
import type { Article } from '../../model/article.ts';
import { articleColumns } from './article-columns.ts';

export function releaseProblems(
  articles: readonly Article[],
  live: ReadonlyMap<string, ShardEntry>,
  now: number,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const when = (ms: number) => new Date(ms).toISOString();
  // Only an article corrected or retracted after now, or released after now, can be refused: the columns say which
  // (article-columns.ts), so the others are not read.
  const columns = articleColumns(articles);
  for (const [index, article] of articles.entries()) {
    if ((columns.amended[index] as number) <= now && (columns.release[index] as number) <= now) continue;
    for (const correction of article.corrections ?? [])
      if (correction.date.epochMs > now)
        problems.push({
          file: article.file,
          message: `a correction is dated ${correction.date.iso}, after now (${when(now)}): corrections take effect when published, so date it now and publish it when it is due`,
        });
    if (article.retracted && article.retracted.date.epochMs > now)
      problems.push({
        file: article.file,
        message: `retracted is dated ${article.retracted.date.iso}, after now (${when(now)}): a retraction takes effect when published, so publish it when it is due`,
      });
    const release = columns.release[index] as number;
    const shown = live.get(article.slug)?.[1];
    if (shown !== undefined && shown <= now && release > now)
      problems.push({
        file: article.file,
        message: `${article.embargo ? `embargo ${article.embargo.iso}` : `date ${article.published.iso}`} would withdraw an article that is public since ${when(shown)}: an embargo or a later date can only be set before its release`,
      });
  }
  return problems;
}
