import { describe, expect, it } from 'vitest';
import { renderArticlePage } from '../../../src/render/article-page.ts';
import { renderErrorPage } from '../../../src/render/error-page.ts';
import { seedArchive, seedArticle } from '../../support/articles.ts';
import { hostilePageArticle } from '../../support/hostile.ts';
import { pageSite as site } from '../../support/sites.ts';
import { pageOf, renderIndexPage } from '../../support/whole-documents.ts';
import { htmlProblems } from './validate.ts';

describe('every HTML page is valid HTML (html-validate recommended)', () => {
  it('the seed article page', async () => {
    expect(await htmlProblems(renderArticlePage(site, seedArticle(site)))).toEqual([]);
  });

  it('the hostile article page', async () => {
    expect(await htmlProblems(renderArticlePage(site, hostilePageArticle()))).toEqual([]);
  });

  it('the index, first, middle and last of three pages', async () => {
    const articles = seedArchive(7, site);
    let checked = 0;
    for (const page of [1, 2, 3]) {
      expect(await htmlProblems(renderIndexPage(site, pageOf(articles, page, 3)))).toEqual([]);
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('the index of an empty archive', async () => {
    expect(await htmlProblems(renderIndexPage(site, pageOf([], 1, 3)))).toEqual([]);
  });

  it.each([
    [400, 'Bad Request'],
    [404, 'Not Found'],
    [405, 'Method Not Allowed'],
    [414, 'URI Too Long'],
    [500, 'Internal Server Error'],
  ])('the %i error page', async (status, message) => {
    expect(await htmlProblems(renderErrorPage(site, status, message))).toEqual([]);
  });

  it('the validator does report a broken page (the check can fail)', async () => {
    const broken = renderErrorPage(site, 404, 'Not Found').replace(
      '<main id="content" class="wrap">',
      '<main id="content" class="wrap"><div>',
    );
    expect((await htmlProblems(broken)).length).toBeGreaterThan(0);
  });
});
