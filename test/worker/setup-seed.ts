// Every Worker test file starts with content/ published to the ARCHIVE binding and live, as `npm run dev` serves it:
// requests through the Worker entry (`exports.default`, worker-client.ts) read it the way production does, its
// search index included.
import { env } from 'cloudflare:workers';
import seed from '../../content/articles/sco-digital-link.txt?raw';
import siteYaml from '../../content/site.yaml?raw';
import { parseSiteConfig } from '../../src/content/site-config.ts';
import { parseWireCopy } from '../../src/content/wire-copy.ts';
import { releaseOf } from '../../src/model/article.ts';
import { searchRow } from '../../src/model/search-row.ts';
import { readLive, switchLive } from '../../src/worker/publish/archive-writer.ts';
import { applyIndexChanges } from '../../src/worker/search/search-index.ts';
import { publishArchive } from '../support/workerd-archive.ts';
import { origin } from './worker-client.ts';

const config = parseSiteConfig('site.yaml', siteYaml, { baseUrl: origin });
if (!config.ok) throw new Error(`content/site.yaml does not parse: ${JSON.stringify(config.problems)}`);
const parsed = parseWireCopy('articles/sco-digital-link.txt', seed, config.site);
if (!parsed.ok || !('article' in parsed)) throw new Error('the seed does not parse');
const published = await publishArchive(config.site, [parsed.article]);
const live = await readLive(env.ARCHIVE);
if (live?.pointer.root !== published.rootHash)
  await switchLive(env.ARCHIVE, live?.pointer.root ?? null, published.rootHash, new Date());
// The search index follows the live version, as a publish leaves it.
await applyIndexChanges(env.SEARCH, { upsert: [searchRow(parsed.article, releaseOf(parsed.article))], remove: [] });
