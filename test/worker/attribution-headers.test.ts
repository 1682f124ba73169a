// Issue 22: attribution headers through the Worker: notices whole in any script up to 300 characters, the head under 8 KiB.
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/article.ts';
import { usualChineseNotice } from '../fixtures/notices.ts';
import chineseWire from '../fixtures/validators/articles/chinese-wire.txt?raw';
import { dateIn } from '../support/articles.ts';
import { testSite } from '../support/sites.ts';
import { serveSite, wireCopy } from './test-site.ts';

/** What a client reads from an RFC 8187 ext-value: the percent-decoded UTF-8 after `UTF-8''`. */
function decoded(value: string | null): string {
  const sent = value ?? '';
  return sent.startsWith("UTF-8''") ? decodeURIComponent(sent.slice("UTF-8''".length)) : sent;
}

/** Bytes of a response head as the Worker hands it over: `name: value` and CRLF for each header. */
function headBytes(response: Response): number {
  let bytes = 0;
  for (const [name, value] of response.headers) bytes += name.length + value.length + 4;
  return bytes;
}

function noticed(slug: string, notice: string): Article {
  return wireCopy(
    `${slug}.txt`,
    `数字丝绸之路\n2025-07-16 09:30\n上海合作组织国家正在加强数字经济合作。\n编辑：张三　责任编辑：李念\n来源：www.news.cn\n${notice}\n`,
  );
}

/** A notice as agencies write it, `特别声明：` and filler, exactly `length` characters long. */
function chineseNotice(length: number): string {
  return `特别声明：${'本站转载内容版权归原作者所有。'.repeat(Math.ceil(length / 15))}`.slice(0, length);
}

const retractedOn = dateIn(testSite, '2025-07-18 09:00');

describe('the usual Chinese copyright notice', () => {
  const live = noticed('notice', usualChineseNotice);
  const withdrawn: Article = {
    ...noticed('withdrawn', usualChineseNotice),
    retracted: { date: retractedOn, reason: 'The agency withdrew the story.' },
  };

  it('arrives exact in X-Copyright on GET, HEAD and 304', async () => {
    const { fetch } = await serveSite([live]);
    const get = await fetch('/articles/notice');
    expect(get.status).toBe(200);
    expect(decoded(get.headers.get('X-Copyright'))).toBe(usualChineseNotice);
    const head = await fetch('/articles/notice', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(decoded(head.headers.get('X-Copyright'))).toBe(usualChineseNotice);
    const again = await fetch('/articles/notice', { headers: { 'If-None-Match': get.headers.get('ETag') ?? '' } });
    expect(again.status).toBe(304);
    expect(decoded(again.headers.get('X-Copyright'))).toBe(usualChineseNotice);
    expect(decoded(again.headers.get('X-Responsible-Editor'))).toBe('李念');
  });

  it('arrives exact in X-Copyright on the 410 of a retracted article, GET and HEAD', async () => {
    const { fetch } = await serveSite([live, withdrawn]);
    let checked = 0;
    for (const method of ['GET', 'HEAD']) {
      const response = await fetch('/articles/withdrawn', { method });
      expect(response.status, method).toBe(410);
      expect(decoded(response.headers.get('X-Copyright')), method).toBe(usualChineseNotice);
      checked++;
    }
    expect(checked).toBe(2);
  });

  it("is the validators' Chinese article's notice, and its headers decode to it exactly", async () => {
    const article = wireCopy('chinese-wire.txt', chineseWire);
    expect(article.copyright).toBe(usualChineseNotice);
    const { fetch } = await serveSite([article]);
    const response = await fetch(`/articles/${article.slug}`);
    expect(decoded(response.headers.get('X-Copyright'))).toBe(usualChineseNotice);
    expect(decoded(response.headers.get('X-Editor'))).toBe(article.editor);
    expect(decoded(response.headers.get('X-Responsible-Editor'))).toBe(article.responsibleEditor);
    expect(decoded(response.headers.get('X-Source'))).toBe(article.source?.name);
  });
});

describe('long notices', () => {
  it('sends a 93-, a 200- and a 300-character Chinese notice whole', async () => {
    const lengths = [93, 200, 300];
    expect(lengths).toHaveLength(3);
    for (const length of lengths) {
      const notice = chineseNotice(length);
      expect(Array.from(notice)).toHaveLength(length);
      const { fetch } = await serveSite([noticed('long', notice)]);
      expect(decoded((await fetch('/articles/long')).headers.get('X-Copyright')), `${length}`).toBe(notice);
    }
  });

  it('cuts a 301-character notice after 299 with an ellipsis, and keeps it whole in the page', async () => {
    const notice = chineseNotice(301);
    const { fetch } = await serveSite([noticed('longer', notice)]);
    const response = await fetch('/articles/longer');
    expect(decoded(response.headers.get('X-Copyright'))).toBe(`${notice.slice(0, 299)}…`);
    expect(await response.text()).toContain(notice);
  });

  it('cuts a 20 KB notice, keeps the head under 8 KiB and the whole notice in the page and the feed', async () => {
    const notice = chineseNotice(6800);
    expect(new TextEncoder().encode(notice).length).toBeGreaterThan(20_000);
    const { fetch } = await serveSite([noticed('huge', notice)]);
    const response = await fetch('/articles/huge');
    expect(response.status).toBe(200);
    expect(headBytes(response)).toBeLessThan(8192);
    expect(decoded(response.headers.get('X-Copyright'))).toBe(`${notice.slice(0, 299)}…`);
    expect(await response.text()).toContain(notice);
    expect(await (await fetch('/feed.json')).text()).toContain(JSON.stringify(notice).slice(1, -1));
  });
});

describe('the worst head', () => {
  // Every header at its worst: 2,048-character source and canonical URLs (the build's bound), and four
  // text values far past any budget, in the scripts that cost the most once percent-encoded.
  const sourceUrl = `https://www.news.cn/${'a'.repeat(2048 - 20)}`;
  const canonical = `https://www.xinhuanet.com/${'b'.repeat(2048 - 26)}`;
  const family = '👨‍👩‍👧‍👦'.repeat(400);
  const worst: Article = {
    ...wireCopy('t.txt', 'T\n2025-07-16 09:30\nThe body.\n'),
    source: { name: '编'.repeat(1365), url: sourceUrl },
    canonical,
    editor: family,
    responsibleEditor: 'ع'.repeat(2000),
    copyright: chineseNotice(1365),
  };
  const withdrawn: Article = {
    ...worst,
    slug: 'w',
    retracted: { date: retractedOn, reason: 'The agency withdrew the story.' },
  };

  it('stays within the budget the module header computes, on GET, HEAD, 304 and 410', async () => {
    const { fetch } = await serveSite([worst, withdrawn]);
    const get = await fetch('/articles/t');
    const responses = [
      get,
      await fetch('/articles/t', { method: 'HEAD' }),
      await fetch('/articles/t', { headers: { 'If-None-Match': get.headers.get('ETag') ?? '' } }),
      await fetch('/articles/w'),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 200, 304, 410]);
    let checked = 0;
    for (const response of responses) {
      // src/render/headers/header-cap.ts: 2,738 + 79 + 5,000 at most, for this base URL and slug.
      expect(headBytes(response), `${response.status}`).toBeLessThanOrEqual(7817);
      expect(response.headers.get('X-Source-URL')).toBe(sourceUrl);
      expect(response.headers.get('Link')).toContain(`<${canonical}>; rel="canonical"`);
      let values = 0;
      let names = 0;
      for (const name of ['X-Source', 'X-Source-URL', 'X-Editor', 'X-Responsible-Editor', 'X-Copyright']) {
        const value = response.headers.get(name) ?? '';
        values += value.length;
        if (name !== 'X-Source-URL') expect(decoded(value).endsWith('…'), name).toBe(true);
        names++;
      }
      expect(names).toBe(5);
      expect(values).toBeLessThanOrEqual(5000);
      checked++;
    }
    expect(checked).toBe(4);
    // A family emoji is one character: never split into its people.
    const editor = decoded(get.headers.get('X-Editor'));
    expect(family.startsWith(editor.slice(0, -1))).toBe(true);
    expect(Array.from(editor.slice(0, -1)).length % 7).toBe(0);
  });
});
