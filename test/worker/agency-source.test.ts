// Agency copy whose Source: line is a name, not an address: served, credited as text, never linked.
import { describe, expect, it } from 'vitest';
import { testOrigin } from '../support/sites.ts';
import { serveSite, wireCopy } from './test-site.ts';
import { decodeEntities, parseXml } from './worker-client.ts';

const named = wireCopy(
  'two-agencies.txt',
  'Two agencies report\n2025-07-17 09:00\nThe body.\nEdit:Yi Yi Responsible editor:Li Nian\nSource: Reuters/AFP\n',
);
const hostile = wireCopy(
  'hostile.txt',
  'Hostile ]]> <b>title</b>\n2025-07-16\n<img src=x onerror=alert(1)>\n\nEdit:A\tB\nSource:javascript:alert(1)\n',
);
const pageUrl = `${testOrigin}/articles/two-agencies`;

describe('a source credited by name only', () => {
  it('sends X-Source but no X-Source-URL, and the canonical is the page itself', async () => {
    const { fetch } = await serveSite([named, hostile]);
    const response = await fetch('/articles/two-agencies');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Source')).toBe('Reuters/AFP');
    expect(response.headers.get('X-Source-URL')).toBeNull();
    expect(response.headers.get('Link')).toContain(`<${pageUrl}>; rel="canonical"`);
    const html = await response.text();
    expect(html).toContain(`<link rel="canonical" href="${pageUrl}">`);
    expect(html).toContain('<div><dt>Source</dt><dd>Reuters/AFP</dd></div>');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
    expect(jsonLd.isBasedOn).toBeUndefined();
    expect(jsonLd.sourceOrganization).toEqual({ '@type': 'Organization', name: 'Reuters/AFP' });
  });

  it('never links a javascript: source, on the page or in its headers', async () => {
    const { fetch } = await serveSite([named, hostile]);
    const response = await fetch('/articles/hostile');
    expect(response.status).toBe(200);
    expect(response.headers.get('X-Source')).toBe('javascript:alert(1)');
    expect(response.headers.get('X-Source-URL')).toBeNull();
    const html = await response.text();
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('<dd>javascript:alert(1)</dd>');
    expect(html).not.toContain('<img src=x');
  });

  it('gives no RSS source@url, no Atom via link and no JSON Feed source url', async () => {
    const { fetch } = await serveSite([named, hostile]);
    const rss = await (await fetch('/rss.xml')).text();
    expect(rss).not.toContain('<source ');
    expect(rss).toContain('<dc:source>Reuters/AFP</dc:source>');
    expect(rss).toContain('<dc:source>javascript:alert(1)</dc:source>');
    parseXml(rss);
    const atom = await (await fetch('/atom.xml')).text();
    expect(atom).not.toContain('rel="via"');
    expect(atom).toContain('<source><title>Reuters/AFP</title></source>');
    const feed = (await (await fetch('/feed.json')).json()) as {
      items: { id: string; content_html: string; _wirefeed: { source: unknown } }[];
    };
    const item = feed.items.find((candidate) => candidate.id === pageUrl);
    expect(item?._wirefeed.source).toEqual({ name: 'Reuters/AFP' });
    expect(decodeEntities(item?.content_html ?? '')).toContain('Source: Reuters/AFP');
  });
});
