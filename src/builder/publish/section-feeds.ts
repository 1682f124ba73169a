/** Build time: the page-1 feed paths of every section in a built assets folder (for WebSub pings after a deploy). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SectionHead } from '../../archive/section-layout.ts';
import { type SectionKind, sectionFeedPath, sectionKinds } from '../../render/section-urls.ts';

/** `/tags/<key>/rss.xml`, `atom.xml`, `feed.json` and the same for sources, from the stored section heads. */
export async function sectionFeedPaths(assets: string): Promise<string[]> {
  const paths: string[] = [];
  for (const kind of sectionKinds) {
    const directory = join(assets, 'sections', kind);
    const names = await readdir(directory).catch(() => [] as string[]);
    for (const name of names.filter((file) => /^[0-9a-f]{16}\.json$/.test(file)).sort()) {
      const head = JSON.parse(await readFile(join(directory, name), 'utf8')) as SectionHead;
      paths.push(...feedPathsOf(kind, head.section.key));
    }
  }
  return paths;
}

function feedPathsOf(kind: SectionKind, key: string): string[] {
  return (['rss', 'atom', 'json'] as const).map((format) => sectionFeedPath(kind, key, format));
}
