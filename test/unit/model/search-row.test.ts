import { describe, expect, it } from 'vitest';
import { searchRow } from '../../../src/model/search-row.ts';
import { seedArticle } from '../../support/articles.ts';

describe('searchRow', () => {
  it('takes the published text, the tags and the source name, and the release the caller gives', () => {
    const article = { ...seedArticle(), tags: ['Economy', '经济'] };
    const row = searchRow(article, 1_752_624_000_000);
    expect(row).toEqual({
      slug: article.slug,
      title: article.title,
      summary: article.summary,
      body: article.bodyText,
      keywords: ['Economy', '经济', 'www.news.cn'],
      releaseMs: 1_752_624_000_000,
      publishedMs: article.published.epochMs,
    });
  });
});
