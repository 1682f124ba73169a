// Tag and source sections through the app and its storage: routes, paging in all four formats, case folding, 304s, hostile tags.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.ts';
import { story, storyDay } from '../support/articles.ts';
import { testSite } from '../support/sites.ts';
import { type PageReader, walk } from './paging-walk.ts';
import { serveSite } from './test-site.ts';
import { decodeEntities, parseXml, textsOf } from './worker-client.ts';

/** Story `index` (storyDay(index)) with tags, as a sidecar would give them, from `source`. */
function sectioned(index: number, tags: readonly string[], source: string): Article {
  // `Reuters/AFP` is credited as a name once agency lines are never refused; until then it is set directly.
  const named = source.includes('/') && !source.includes('://');
  const article = story(`story-${index}`, {
    title: `Story ${index}`,
    date: storyDay(index),
    body: `Body of story ${index}.`,
    trailer: named ? [] : [`Source:${source}`],
    tags,
  });
  return named ? { ...article, source: { name: source } } : article;
}

// 45 in the tag "Économie" (spelled three ways) and in the www.news.cn section (written two ways);
// 5 others tagged 经济 from a name-only source; one from Reuters/AFP tagged SCO.
const economy = Array.from({ length: 45 }, (_, index) =>
  sectioned(
    index + 1,
    [index === 0 ? 'Économie' : index % 2 ? 'économie' : 'ÉCONOMIE'],
    index % 3 ? 'www.news.cn' : 'https://www.news.cn/',
  ),
);
const others = Array.from({ length: 5 }, (_, index) => sectioned(50 + index, ['经济'], 'Xinhua'));
const reuters = sectioned(60, ['SCO', 'sco'], 'Reuters/AFP');
const articles = [...economy, ...others, reuters];
const economyTitles = economy.map((article) => article.title).reverse();

const economyPath = '/tags/%C3%A9conomie';
const newsPath = '/sources/www.news.cn';

type Links = { '@rel': string; '@href': string }[];
const readers: Readonly<Record<string, PageReader>> = {
  'rss.xml': async (body) => {
    const channel = (parseXml(body) as { rss: { channel: { item?: { title: string }[]; 'atom:link': Links } } }).rss
      .channel;
    return {
      titles: (channel.item ?? []).map((item) => String(item.title)),
      next: channel['atom:link'].find((link) => link['@rel'] === 'next')?.['@href'],
    };
  },
  'atom.xml': async (body) => {
    const feed = (parseXml(body) as { feed: { entry?: { title: { '#text': string } }[]; link: Links } }).feed;
    return {
      titles: (feed.entry ?? []).map((entry) => String(entry.title['#text'])),
      next: feed.link.find((link) => link['@rel'] === 'next')?.['@href'],
    };
  },
  'feed.json': async (body) => {
    const feed = JSON.parse(body) as { items: { title: string }[]; next_url?: string };
    return { titles: feed.items.map((item) => item.title), next: feed.next_url };
  },
  html: async (body) => {
    const next = (/<a class="older" rel="next" href="([^"]+)"/.exec(body) ?? [])[1];
    return {
      titles: await textsOf(body, '.entry h2 a'),
      ...(next ? { next: `${testSite.baseUrl}${decodeEntities(next)}` } : {}),
    };
  },
};

describe.each([
  ['the tag Économie', economyPath],
  ['the source www.news.cn', newsPath],
])('%s: a 45-article section', (_, path) => {
  it.each(['rss.xml', 'atom.xml', 'feed.json', 'html'])(
    'lists every article once, newest first, in %s',
    async (format) => {
      const { fetch } = await serveSite(articles);
      const read = readers[format];
      if (!read) throw new Error(format);
      const pages = await walk(fetch, format === 'html' ? path : `${path}/${format}`, read);
      expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
      expect(pages.flat()).toEqual(economyTitles);
    },
  );

  it('answers ?page past the last with 404 and a malformed page with 400', async () => {
    const { fetch } = await serveSite(articles);
    expect((await fetch(`${path}/rss.xml?page=3`)).status).toBe(200);
    expect((await fetch(`${path}/rss.xml?page=4`)).status).toBe(404);
    expect((await fetch(`${path}?page=4`)).status).toBe(404);
    let checked = 0;
    for (const bad of ['abc', '0', '-1', '99999999999999999999']) {
      expect((await fetch(`${path}/feed.json?page=${bad}`)).status, bad).toBe(400);
      checked++;
    }
    expect(checked).toBe(4);
  });
});

describe('section routes', () => {
  it.each([
    ['/tags/', 'text/html; charset=utf-8'],
    ['/sources/', 'text/html; charset=utf-8'],
    [economyPath, 'text/html; charset=utf-8'],
    [`${economyPath}/rss.xml`, 'application/rss+xml; charset=utf-8'],
    [`${economyPath}/atom.xml`, 'application/atom+xml; charset=utf-8'],
    [`${economyPath}/feed.json`, 'application/feed+json; charset=utf-8'],
    [newsPath, 'text/html; charset=utf-8'],
    [`${newsPath}/rss.xml`, 'application/rss+xml; charset=utf-8'],
    [`${newsPath}/atom.xml`, 'application/atom+xml; charset=utf-8'],
    [`${newsPath}/feed.json`, 'application/feed+json; charset=utf-8'],
  ])('GET %s answers 200 with %s, an ETag and Last-Modified', async (path, type) => {
    const { fetch } = await serveSite(articles);
    const response = await fetch(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('ETag')).toMatch(/^"[^"]+"$/);
    expect(response.headers.get('Last-Modified')).toMatch(/GMT$/);
    const head = await fetch(path, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('says which section a feed is in its title and description, and names the section in self links', async () => {
    const { fetch } = await serveSite(articles);
    const rss = (
      parseXml(await (await fetch(`${economyPath}/rss.xml?page=2`)).text()) as {
        rss: { channel: { title: string; description: string; link: string[]; 'atom:link': Links } };
      }
    ).rss.channel;
    expect(rss.title).toBe(`Tag: Économie — ${testSite.title}`);
    expect(rss.description).toContain('Économie');
    expect(rss.link).toEqual([`${testSite.baseUrl}${economyPath}`]);
    const links = Object.fromEntries(rss['atom:link'].map((link) => [link['@rel'], link['@href']]));
    expect(links).toEqual({
      self: `${testSite.baseUrl}${economyPath}/rss.xml?page=2`,
      first: `${testSite.baseUrl}${economyPath}/rss.xml`,
      previous: `${testSite.baseUrl}${economyPath}/rss.xml`,
      next: `${testSite.baseUrl}${economyPath}/rss.xml?page=3`,
      last: `${testSite.baseUrl}${economyPath}/rss.xml?page=3`,
    });
    const json = (await (await fetch(`${newsPath}/feed.json`)).json()) as { title: string; feed_url: string };
    expect(json.title).toBe(`Source: www.news.cn — ${testSite.title}`);
    expect(json.feed_url).toBe(`${testSite.baseUrl}${newsPath}/feed.json`);
    const atom = await (await fetch(`${newsPath}/atom.xml`)).text();
    expect(atom).toContain(`<id>${testSite.baseUrl}${newsPath}/atom.xml</id>`);
  });

  it('folds case: two spellings are one section, named by the first in publication order, other spellings redirect', async () => {
    const { fetch } = await serveSite(articles);
    const redirect = await fetch('/tags/%C3%89CONOMIE/atom.xml?page=2');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('Location')).toBe(`${economyPath}/atom.xml?page=2`);
    expect((await fetch('/sources/WWW.News.CN')).headers.get('Location')).toBe(newsPath);
    const html = await (await fetch(economyPath)).text();
    expect(await textsOf(html, 'h1')).toEqual(['Économie']);
    const sco = await (await fetch('/tags/sco/feed.json')).json();
    expect((sco as { items: { title: string }[] }).items.map((item) => item.title)).toEqual(['Story 60']);
  });

  it('serves a tag in a script without case under its own text, percent-encoded', async () => {
    const { fetch } = await serveSite(articles);
    const feed = (await (await fetch('/tags/%E7%BB%8F%E6%B5%8E/feed.json')).json()) as {
      title: string;
      items: { title: string }[];
    };
    expect(feed.title).toBe(`Tag: 经济 — ${testSite.title}`);
    expect(feed.items.map((item) => item.title)).toEqual(['Story 54', 'Story 53', 'Story 52', 'Story 51', 'Story 50']);
  });

  it('serves tags whose text needs escaping in a path: %, ?, # and spaces', async () => {
    const tagged = ['100%', 'Q&A?', 'C#', 'digital economy'].map((tag, index) =>
      sectioned(80 + index, [tag], 'Xinhua'),
    );
    const { fetch } = await serveSite(tagged);
    let checked = 0;
    for (const [index, tag] of ['100%', 'q&a?', 'c#', 'digital economy'].entries()) {
      const feed = (await (await fetch(`/tags/${encodeURIComponent(tag)}/feed.json`)).json()) as {
        items: { title: string }[];
      };
      expect(
        feed.items.map((item) => item.title),
        tag,
      ).toEqual([`Story ${80 + index}`]);
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('keys a name-only source by its name, a slash made a dash, and credits it without a link', async () => {
    const { fetch } = await serveSite(articles);
    const html = await (await fetch('/sources/reuters-afp')).text();
    expect(await textsOf(html, 'h1')).toEqual(['Reuters/AFP']);
    expect(html).not.toMatch(/<h1><a /);
    expect((await fetch('/sources/xinhua')).status).toBe(200);
  });

  it('credits a host source by name and links its URL', async () => {
    const { fetch } = await serveSite(articles);
    const html = await (await fetch(newsPath)).text();
    expect(html).toContain('<h1><a href="https://www.news.cn/">www.news.cn</a></h1>');
  });

  it('answers an unknown section with 404, and malformed percent-encoding with 400', async () => {
    const { fetch } = await serveSite(articles);
    expect((await fetch('/tags/no-such-tag')).status).toBe(404);
    expect((await fetch('/tags/no-such-tag/rss.xml')).status).toBe(404);
    expect((await fetch('/sources/example.com/feed.json')).status).toBe(404);
    expect((await fetch('/tags/%E7%BB')).status).toBe(400);
    expect((await fetch('/tags/%ZZ/rss.xml')).status).toBe(400);
    expect((await fetch('/tags/a%2Fb')).status).toBe(400);
    expect((await fetch('/tags/economy/other.xml')).status).toBe(404);
  });

  it('answers 304 to If-None-Match and If-Modified-Since, with the validators and no body', async () => {
    const { fetch } = await serveSite(articles);
    let checked = 0;
    for (const path of [`${economyPath}/rss.xml`, newsPath, '/tags/']) {
      const first = await fetch(path);
      const etag = first.headers.get('ETag') ?? '';
      const again = await fetch(path, { headers: { 'If-None-Match': etag } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('ETag')).toBe(etag);
      const since = await fetch(path, { headers: { 'If-Modified-Since': first.headers.get('Last-Modified') ?? '' } });
      expect(since.status, path).toBe(304);
      checked++;
    }
    expect(checked).toBe(3);
  });

  it('serves a repeat request from the cache without rendering again', async () => {
    const { fetch } = await serveSite(articles);
    expect((await fetch('/tags/sco/atom.xml')).headers.get('X-Cache')).toBe('MISS');
    expect((await fetch('/tags/sco/atom.xml')).headers.get('X-Cache')).toBe('HIT');
  });

  it('lets other origins read section feeds and answers their preflight, but not for HTML', async () => {
    const { fetch } = await serveSite(articles);
    expect((await fetch(`${economyPath}/feed.json`)).headers.get('Access-Control-Allow-Origin')).toBe('*');
    const preflight = await fetch(`${economyPath}/rss.xml`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect((await fetch(economyPath, { method: 'OPTIONS' })).status).toBe(405);
    expect((await fetch(`${economyPath}/rss.xml`, { method: 'POST' })).status).toBe(405);
  });

  it('announces the section feeds (then the site feeds) on a section page', async () => {
    const { fetch } = await serveSite(articles);
    const html = await (await fetch(newsPath)).text();
    const hrefs = [...html.matchAll(/<link rel="alternate" type="[^"]+" title="[^"]+" href="([^"]+)">/g)].map(
      (match) => match[1],
    );
    expect(hrefs.slice(0, 3)).toEqual([
      `${testSite.baseUrl}${newsPath}/rss.xml`,
      `${testSite.baseUrl}${newsPath}/atom.xml`,
      `${testSite.baseUrl}${newsPath}/feed.json`,
    ]);
    expect(hrefs.slice(3)).toEqual([
      `${testSite.baseUrl}/rss.xml`,
      `${testSite.baseUrl}/atom.xml`,
      `${testSite.baseUrl}/feed.json`,
    ]);
  });

  it('lists every tag and every source with its article count', async () => {
    const { fetch } = await serveSite(articles);
    const tags = await (await fetch('/tags/')).text();
    expect(await textsOf(tags, '.entry h2 a')).toEqual(['sco'.toUpperCase(), 'Économie', '经济']);
    expect((await textsOf(tags, '.entry .meta')).map((meta) => meta.split(' · ')[0])).toEqual([
      '1 article',
      '45 articles',
      '5 articles',
    ]);
    expect(tags).toContain(`href="${economyPath}"`);
    const sources = await (await fetch('/sources/')).text();
    expect(await textsOf(sources, '.entry h2 a')).toEqual(['Reuters/AFP', 'www.news.cn', 'Xinhua']);
    expect((await fetch('/tags')).headers.get('Location')).toBe('/tags/');
  });

  it('links each article page to its tags and its source section, and every page to /tags/ and /sources/', async () => {
    const { fetch } = await serveSite(articles);
    const page = await (await fetch('/articles/story-60')).text();
    expect(page).toContain('<p class="meta">Tags: <a href="/tags/sco">SCO</a>, <a href="/tags/sco">sco</a></p>');
    expect(page).toContain('<p class="meta">More from <a href="/sources/reuters-afp">Reuters/AFP</a></p>');
    let checked = 0;
    for (const path of ['/', '/articles/story-1', economyPath, '/tags/']) {
      const html = await (await fetch(path)).text();
      expect(html, path).toContain('<a href="/tags/">Tags</a>');
      expect(html, path).toContain('<a href="/sources/">Sources</a>');
      checked++;
    }
    expect(checked).toBe(4);
  });

  it('lists the section pages in the sitemap with their lastmod', async () => {
    const { fetch } = await serveSite(articles);
    const sitemap = await (await fetch('/sitemap.xml')).text();
    expect(sitemap).toContain(
      `<url><loc>${testSite.baseUrl}${economyPath}</loc><lastmod>${economy[44]?.updated.iso}</lastmod></url>`,
    );
    expect(sitemap).toContain(`<loc>${testSite.baseUrl}/tags/%E7%BB%8F%E6%B5%8E</loc>`);
    expect(sitemap).toContain(`<loc>${testSite.baseUrl}/sources/</loc>`);
  });
});

describe('hostile tags', () => {
  const hostile = '<img src=x onerror="alert(1)"> R&D ]]> \u202eevil';
  // The wire form: the lowercased text, percent-encoded UTF-8.
  const key = encodeURIComponent(hostile.toLowerCase());

  it('are escaped in every format of their section', async () => {
    const { fetch } = await serveSite([sectioned(1, [hostile], 'www.news.cn')]);
    const pageResponse = await fetch('/tags/');
    const directory = await pageResponse.text();
    expect(directory).not.toContain('<img ');
    expect(await textsOf(directory, '.entry h2 a')).toEqual([hostile]);
    const html = await (await fetch(`/tags/${key}`)).text();
    expect(html).not.toContain('<img ');
    expect(await textsOf(html, 'h1')).toEqual([hostile]);
    const rss = parseXml(await (await fetch(`/tags/${key}/rss.xml`)).text()) as {
      rss: { channel: { title: string; item: { category: string }[] } };
    };
    expect(rss.rss.channel.title).toBe(`Tag: ${hostile} — ${testSite.title}`);
    expect(rss.rss.channel.item[0]?.category).toBe(hostile);
    const atom = parseXml(await (await fetch(`/tags/${key}/atom.xml`)).text()) as {
      feed: { title: { '#text': string } };
    };
    expect(atom.feed.title['#text']).toBe(`Tag: ${hostile} — ${testSite.title}`);
    const json = (await (await fetch(`/tags/${key}/feed.json`)).json()) as {
      title: string;
      items: { tags: string[] }[];
    };
    expect(json.title).toBe(`Tag: ${hostile} — ${testSite.title}`);
    expect(json.items[0]?.tags).toEqual([hostile]);
  });
});

describe('retracted articles', () => {
  it('leave their sections, and are a tombstone on page 1 of the section’s Atom and JSON feeds', async () => {
    const base = sectioned(70, ['经济'], 'Xinhua');
    const withdrawn: Article = { ...base, retracted: { date: base.published, reason: 'The agency withdrew it.' } };
    const { fetch } = await serveSite([...others, withdrawn]);
    const feed = (await (await fetch('/tags/%E7%BB%8F%E6%B5%8E/feed.json')).json()) as {
      items: { title: string }[];
      _wirefeed: { deleted?: { id: string; comment: string }[] };
    };
    expect(feed.items.map((item) => item.title)).not.toContain('Story 70');
    expect(feed.items).toHaveLength(5);
    expect(feed._wirefeed.deleted).toEqual([
      { id: `${testSite.baseUrl}/articles/story-70`, when: expect.any(String), comment: 'The agency withdrew it.' },
    ]);
    const atom = await (await fetch('/sources/xinhua/atom.xml')).text();
    expect(atom).toContain(`<at:deleted-entry ref="${testSite.baseUrl}/articles/story-70"`);
    expect(await textsOf(await (await fetch('/tags/%E7%BB%8F%E6%B5%8E')).text(), '.entry h2 a')).not.toContain(
      'Story 70',
    );
  });
});

describe('WebSub', () => {
  it('names the hub and the section feed itself in Link on every section feed page, not on its HTML page', async () => {
    const { fetch } = await serveSite(articles, { ...testSite, websubHub: 'https://hub.example.net/' });
    let checked = 0;
    for (const path of [`${economyPath}/rss.xml?page=2`, `${newsPath}/atom.xml`, '/tags/sco/feed.json']) {
      expect((await fetch(path)).headers.get('Link'), path).toBe(
        `<https://hub.example.net/>; rel="hub", <${testSite.baseUrl}${path}>; rel="self"`,
      );
      checked++;
    }
    expect(checked).toBe(3);
    expect((await fetch(economyPath)).headers.get('Link')).toBeNull();
  });
});
