// Every Worker test file starts with content/ published to the ARCHIVE binding and live, as `npm run dev` serves it:
// requests through the Worker entry (`exports.default`, worker-client.ts) read it the way production does, its
// search index included.
import { env } from 'cloudflare:workers';
import siteYaml from '../../content/site.yaml?raw';
import { parseSiteConfig } from '../../src/content/site-config.ts';
import { releaseOf } from '../../src/model/article.ts';
import { searchRow } from '../../src/model/search-row.ts';
import { readLive, switchLive } from '../../src/worker/publish/archive-writer.ts';
import { applyIndexChanges } from '../../src/worker/search/search-index.ts';
import { seedArticle } from '../support/articles.ts';
import { publishArchive } from '../support/workerd-archive.ts';
import { origin } from './worker-client.ts';

const config = parseSiteConfig('site.yaml', siteYaml, { baseUrl: origin });
if (!config.ok) throw new Error(`content/site.yaml does not parse: ${JSON.stringify(config.problems)}`);
const seed = seedArticle(config.site);
const published = await publishArchive(config.site, [seed]);
const live = await readLive(env.ARCHIVE);
if (live?.pointer.root !== published.rootHash)
  await switchLive(env.ARCHIVE, live?.pointer.root ?? null, published.rootHash, new Date());
// The search index follows the live version, as a publish leaves it.
await applyIndexChanges(env.SEARCH, { upsert: [searchRow(seed, releaseOf(seed))], remove: [] });
