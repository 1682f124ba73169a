import { describe, expect, it } from 'vitest';
import { renderSitemap, renderSitemapIndex } from '../../../src/render/sitemap.ts';
import { articleDate, seedArticle } from '../../support/articles.ts';
import { feedSite as site } from '../../support/sites.ts';

describe('sitemap lastmod', () => {
  it("gives the home page the newest article's date, and no lastmod for an empty archive", () => {
    const newest = articleDate('2025-07-20T09:00:00+08:00');
    expect(renderSitemap(site, [seedArticle(site)], { newest })).toContain(
      `<url><loc>${site.baseUrl}/</loc><lastmod>2025-07-20T09:00:00+08:00</lastmod></url>`,
    );
    expect(renderSitemap(site, [], {})).toContain(`<url><loc>${site.baseUrl}/</loc></url>`);
    expect(renderSitemap(site, [seedArticle(site)])).not.toContain(`<loc>${site.baseUrl}/</loc>`);
  });

  it('dates every entry of the sitemap index', () => {
    expect(renderSitemapIndex(site, ['2025-07-16T00:00:00+08:00', '2025-07-18T10:00:00Z'])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        `  <sitemap><loc>${site.baseUrl}/sitemaps/1.xml</loc><lastmod>2025-07-16T00:00:00+08:00</lastmod></sitemap>\n` +
        `  <sitemap><loc>${site.baseUrl}/sitemaps/2.xml</loc><lastmod>2025-07-18T10:00:00Z</lastmod></sitemap>\n` +
        '</sitemapindex>\n',
    );
  });
});
