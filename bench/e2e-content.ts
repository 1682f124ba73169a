/**
 * The end-to-end section's content: the generated corpus (50 tags, 200 sources) plus the seed article as written and
 * a partners.yaml giving the bench's partner key every section; and the one article scheduled in the future that
 * makes the second archive of the release-awareness comparison.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from './generate-corpus.ts';

export const seedPath = '/articles/sco-digital-link';

/** The partner key the bench sends (its SHA-256 is in the content's partners.yaml). */
export const benchPartnerKey = 'wirefeed-bench-partner-key';

/** partners.yaml: one partner entitled to every section, embargoed copy included. */
export function partnersYaml(key: string): string {
  const keySha256 = createHash('sha256').update(key).digest('hex');
  return `- id: bench\n  name: Bench partner\n  keySha256: ${keySha256}\n  sections: [all]\n  embargoed: true\n`;
}

/** `count` generated articles, the seed and partners.yaml in `dir`. */
export async function writeEndToEndContent(root: string, dir: string, count: number): Promise<void> {
  await generateCorpus(root, count, dir);
  copyFileSync(
    join(root, 'content', 'articles', 'sco-digital-link.txt'),
    join(dir, 'articles', 'sco-digital-link.txt'),
  );
  writeFileSync(join(dir, 'partners.yaml'), partnersYaml(benchPartnerKey));
}

/** Wire copy dated `at` (ms): not public before then, so the version holds a second release state. */
export function writeScheduledArticle(dir: string, at: number): void {
  const iso = new Date(at).toISOString();
  const date = `${iso.slice(0, 10)} ${iso.slice(11, 16)} +00:00`;
  const text = [
    'Scheduled: a story the desk holds until its release',
    date,
    'This article is dated in the future, so every public channel leaves it out until its instant.',
    'Source:www.news.cn',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'articles', 'bench-scheduled.txt'), text);
}
