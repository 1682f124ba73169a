import { parseFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { renderAtomDocument, renderAtomEntry } from '../../../src/render/atom.ts';
import { renderJsonFeedDocument, renderJsonFeedItem } from '../../../src/render/json-feed.ts';
import { renderTombstones } from '../../../src/render/tombstones.ts';
import { articleUrl } from '../../../src/render/urls.ts';
import { seedArticle } from '../../support/articles.ts';
import { hostileFeedArticle } from '../../support/hostile.ts';
import { feedPage, feedSite as site } from '../../support/sites.ts';

// A feed page that holds a tombstone: an independent parser (feedsmith) still reads it whole.
const live = [seedArticle(site)];
const gone = {
  ...hostileFeedArticle(),
  retracted: {
    date: { iso: '2025-07-18T09:00:00+08:00', epochMs: Date.UTC(2025, 6, 18, 1) },
    reason: 'Withdrawn ]]> & <b>.',
  },
};
const tombstones = renderTombstones(site, [gone]);
const page = feedPage(live);

describe('a feed page with a tombstone', () => {
  it('Atom declares the RFC 6721 namespace and feedsmith still reads every entry', () => {
    const xml = renderAtomDocument(site, page, [renderAtomEntry(site, seedArticle(site))], tombstones.atom);
    expect(xml).toContain('xmlns:at="http://purl.org/atompub/tombstones/1.0"');
    expect(xml).toContain(
      `<at:deleted-entry ref="${articleUrl(site, gone)}" when="2025-07-18T09:00:00+08:00"><at:comment>Withdrawn ]]&gt; &amp; &lt;b&gt;.</at:comment></at:deleted-entry>`,
    );
    const parsed = parseFeed(xml);
    if (parsed.format !== 'atom') throw new Error(`detected ${parsed.format}`);
    expect(parsed.feed.entries?.map((entry) => entry.id)).toEqual([articleUrl(site, seedArticle(site))]);
  });

  it('Atom without tombstones declares no extra namespace', () => {
    expect(renderAtomDocument(site, page, [])).not.toContain('xmlns:at');
  });

  it('JSON Feed carries _wirefeed.deleted and stays a JSON Feed 1.1 feedsmith reads', () => {
    const text = renderJsonFeedDocument(site, page, [renderJsonFeedItem(site, seedArticle(site))], tombstones.json);
    const feed = JSON.parse(text) as { _wirefeed: { deleted: unknown } };
    expect(feed._wirefeed.deleted).toEqual([
      { id: articleUrl(site, gone), when: '2025-07-18T09:00:00+08:00', comment: 'Withdrawn ]]> & <b>.' },
    ]);
    const parsed = parseFeed(text);
    if (parsed.format !== 'json') throw new Error(`detected ${parsed.format}`);
    expect(parsed.feed.items?.map((item) => item.id)).toEqual([articleUrl(site, seedArticle(site))]);
  });
});
