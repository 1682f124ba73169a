/** The lead picture in every channel: what a reader, a crawler and a feed reader each get, credit included. */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../../src/model/article.ts';
import type { ArticleImage } from '../../../src/model/media.ts';
import { renderArticlePage } from '../../../src/render/article-page.ts';
import { renderIndexEntry } from '../../../src/render/index-page.ts';
import { jsonFeedItem } from '../../../src/render/json-feed.ts';
import { newsArticleJsonLd } from '../../../src/render/json-ld.ts';
import { seedArticle } from '../../support/articles.ts';
import { feedSite as site } from '../../support/sites.ts';
import { type FeedPage, renderAtom, renderRss } from '../../support/whole-documents.ts';

const rendition = (name: string, width: number, height: number, length: number) => ({
  path: `/media/${name}.jpg`,
  width,
  height,
  type: 'image/jpeg',
  length,
});

const image: ArticleImage = {
  url: '/media/FULLFULLFULLFULLFULL01.jpg',
  width: 1600,
  height: 1200,
  type: 'image/jpeg',
  length: 9503,
  alt: 'Delegates <at> the "forum"',
  caption: 'The forum opened & talks began.',
  credit: 'Photo by Li Ming / Xinhua',
  copyright: '© Xinhua 2025',
  srcset: [
    rendition('W320W320W320W320W32001', 320, 240, 1461),
    rendition('W640W640W640W640W64001', 640, 480, 3131),
    rendition('FULLFULLFULLFULLFULL01', 1600, 1200, 9503),
  ],
  crops: [
    { ...rendition('WIDEWIDEWIDEWIDEWIDE01', 1200, 675, 7184), ratio: '16:9' },
    { ...rendition('FOURFOURFOURFOURFOUR01', 1200, 900, 7329), ratio: '4:3' },
    { ...rendition('SQUARESQUARESQUARESQ01', 1200, 1200, 8583), ratio: '1:1' },
  ],
};

const pictured: Article = { ...seedArticle(site), image };
const media = (name: string) => `https://news.example.com/media/${name}.jpg`;
const page: FeedPage = { articles: [pictured], page: 1, pageCount: 1, archiveUpdated: pictured.updated };
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

describe('the article page', () => {
  const html = renderArticlePage(site, pictured);

  it('shows the picture in a figure with width, height, srcset, sizes and alt, and caption · credit · copyright', () => {
    expect(html).toContain(
      '<figure class="lead-image">\n<img src="/media/FULLFULLFULLFULLFULL01.jpg" width="1600" height="1200" srcset="/media/W320W320W320W320W32001.jpg 320w, /media/W640W640W640W640W64001.jpg 640w, /media/FULLFULLFULLFULLFULL01.jpg 1600w" sizes="(min-width: 45rem) 42rem, calc(100vw - 2.5rem)" alt="Delegates &lt;at&gt; the &quot;forum&quot;">\n' +
        '<figcaption><span class="caption">The forum opened &amp; talks began.</span> <span class="separator" aria-hidden="true">·</span> <span class="credit">Photo by Li Ming / Xinhua</span> <span class="separator" aria-hidden="true">·</span> <small class="image-rights">© Xinhua 2025</small></figcaption>\n</figure>',
    );
  });

  it('offers the 16:9 crop to OpenGraph with its size and alt, and a large Twitter card', () => {
    expect(html).toContain(`<meta property="og:image" content="${media('WIDEWIDEWIDEWIDEWIDE01')}">`);
    expect(html).toContain(
      '<meta property="og:image:width" content="1200">\n<meta property="og:image:height" content="675">',
    );
    expect(html).toContain('<meta property="og:image:alt" content="Delegates &lt;at&gt; the &quot;forum&quot;">');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
  });

  it('gives JSON-LD the three crops and the picture as ImageObjects carrying the credit and copyright', () => {
    const images = newsArticleJsonLd(site, pictured).image as Record<string, unknown>[];
    expect(images.map((object) => [object.url, object.width, object.height])).toEqual([
      [media('WIDEWIDEWIDEWIDEWIDE01'), 1200, 675],
      [media('FOURFOURFOURFOURFOUR01'), 1200, 900],
      [media('SQUARESQUARESQUARESQ01'), 1200, 1200],
      [media('FULLFULLFULLFULLFULL01'), 1600, 1200],
    ]);
    let checked = 0;
    for (const object of images) {
      expect(object).toMatchObject({
        '@type': 'ImageObject',
        caption: 'The forum opened & talks began.',
        creditText: 'Photo by Li Ming / Xinhua',
        copyrightNotice: '© Xinhua 2025',
      });
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('has no figure and no og:image for an article without a picture', () => {
    const plain = renderArticlePage(site, seedArticle(site));
    expect(plain).not.toMatch(/<figure|og:image|twitter:card/);
  });
});

describe('the feeds', () => {
  it('RSS: an enclosure with url, length and type, and Media RSS content with description, credit, copyright and thumbnail', () => {
    const rss = renderRss(site, page);
    expect(XMLValidator.validate(rss)).toBe(true);
    expect(rss).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    const item = xml.parse(rss).rss.channel.item;
    expect(item.enclosure).toEqual({
      '@url': media('FULLFULLFULLFULLFULL01'),
      '@length': '9503',
      '@type': 'image/jpeg',
    });
    expect(item['media:content']).toMatchObject({
      '@url': media('FULLFULLFULLFULLFULL01'),
      '@type': 'image/jpeg',
      '@medium': 'image',
      '@width': '1600',
      '@height': '1200',
      '@fileSize': '9503',
      'media:description': { '#text': 'The forum opened & talks began.', '@type': 'plain' },
      'media:credit': 'Photo by Li Ming / Xinhua',
      'media:copyright': '© Xinhua 2025',
      'media:thumbnail': { '@url': media('W320W320W320W320W32001'), '@width': '320', '@height': '240' },
    });
  });

  it('Atom: link rel=enclosure with type and length, and the same Media RSS', () => {
    const atom = renderAtom(site, page);
    expect(XMLValidator.validate(atom)).toBe(true);
    const entry = xml.parse(atom).feed.entry;
    expect(entry.link).toContainEqual({
      '@rel': 'enclosure',
      '@href': media('FULLFULLFULLFULLFULL01'),
      '@type': 'image/jpeg',
      '@length': '9503',
      '@title': 'Delegates <at> the "forum"',
    });
    expect(entry['media:content']['media:credit']).toBe('Photo by Li Ming / Xinhua');
  });

  it('JSON Feed: image, the 16:9 crop as banner_image, the picture as an attachment, and its words under _wirefeed', () => {
    const item = jsonFeedItem(site, pictured) as Record<string, unknown>;
    expect(item.image).toBe(media('FULLFULLFULLFULLFULL01'));
    expect(item.banner_image).toBe(media('WIDEWIDEWIDEWIDEWIDE01'));
    expect(item.attachments).toEqual([
      {
        url: media('FULLFULLFULLFULLFULL01'),
        mime_type: 'image/jpeg',
        title: 'The forum opened & talks began.',
        size_in_bytes: 9503,
      },
    ]);
    expect((item._wirefeed as Record<string, unknown>).image).toEqual({
      alt: 'Delegates <at> the "forum"',
      caption: 'The forum opened & talks began.',
      credit: 'Photo by Li Ming / Xinhua',
      copyright: '© Xinhua 2025',
    });
  });

  it('a remote picture without a known length gets Media RSS but no RSS enclosure (whose length is required)', () => {
    const remote: Article = {
      ...seedArticle(site),
      image: { url: 'https://img.example.org/a.jpg?x=1&y=2', alt: 'A harbour', srcset: [], crops: [] },
    };
    const rss = renderRss(site, { ...page, articles: [remote] });
    expect(XMLValidator.validate(rss)).toBe(true);
    const item = xml.parse(rss).rss.channel.item;
    expect(item.enclosure).toBeUndefined();
    expect(item['media:content']['@url']).toBe('https://img.example.org/a.jpg?x=1&y=2');
    expect(jsonFeedItem(site, remote)).toMatchObject({ image: 'https://img.example.org/a.jpg?x=1&y=2' });
  });
});

describe('the index page', () => {
  it('shows a lazy, sized thumbnail beside the entry', () => {
    expect(renderIndexEntry(site, pictured)).toContain(
      '<img class="thumbnail" src="/media/W320W320W320W320W32001.jpg" width="320" height="240" srcset="/media/W320W320W320W320W32001.jpg 320w, /media/W640W640W640W640W64001.jpg 640w, /media/FULLFULLFULLFULLFULL01.jpg 1600w" sizes="8rem" alt="Delegates &lt;at&gt; the &quot;forum&quot;" loading="lazy">',
    );
    expect(renderIndexEntry(site, seedArticle(site))).not.toContain('<img');
  });
});
