/**
 * The generated archive the scale, million, dev-loop and hugo sections publish: scripts/generate-articles.ts with 50
 * tags and 200 sources, kept under build/bench-content/ (git-ignored; the generator is deterministic, so it is made
 * once and reused; a git repository of its own, as a publisher's content is), and the bench's own edits to it: one
 * new article, one edited article, both undone on reuse.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateArticle, generatedHost, generatedTags } from '../scripts/generate-articles.ts';
import { sectionFeedPath } from '../src/render/section-urls.ts';

const run = promisify(execFile);

export const corpusShape = { tags: 50, sources: 200 } as const;

/** The article the bench edits: story-000003 (generateArticle(i) is story-(i + 1)). */
const editedIndex = 2;

/** `count` generated wire-copy articles with tag sidecars in `dir`/articles, plus its site.yaml. */
export async function generateCorpus(root: string, count: number, dir: string): Promise<void> {
  await run(
    process.execPath,
    [
      'scripts/generate-articles.ts',
      ...['--count', String(count), '--out', dir],
      ...['--sources', String(corpusShape.sources), '--tags', String(corpusShape.tags)],
    ],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
}

/**
 * build/bench-content/<count>-<generator hash>/ (a changed generator makes a new corpus), generated and committed
 * when missing, else put back as generated (the bench's edits undone).
 */
export async function keptCorpus(root: string, count: number, progress: (line: string) => void): Promise<string> {
  const generator = createHash('sha256').update(readFileSync(join(root, 'scripts', 'generate-articles.ts')));
  const dir = join(root, 'build', 'bench-content', `${count}-${generator.digest('hex').slice(0, 8)}`);
  const complete = join(dir, '.bench-complete');
  if (!existsSync(complete)) {
    progress(`generating ${count.toLocaleString('en-US')} articles into ${dir} (kept for later runs)`);
    rmSync(dir, { recursive: true, force: true });
    await generateCorpus(root, count, dir);
    writeFileSync(complete, '');
  }
  if (!existsSync(join(dir, '.git'))) {
    // A publisher's content lives in git, and `npm run publish` asks git what changed (change-list.ts): so does the bench's.
    progress(`committing the ${count.toLocaleString('en-US')} articles to a git repository of their own`);
    const git = (...args: string[]) =>
      run('git', ['-C', dir, '-c', 'user.name=bench', '-c', 'user.email=bench@example.org', ...args], {
        maxBuffer: 16 * 1024 * 1024,
      });
    await git('init', '-q');
    await git('add', '-A');
    await git('commit', '-qm', 'the generated corpus');
    return dir;
  }
  const articles = join(dir, 'articles');
  for (const name of readdirSync(articles)) {
    const number = Number(/^story-(\d+)\./.exec(name)?.[1] ?? 0);
    if (number > count) rmSync(join(articles, name));
  }
  const edited = generateArticle(editedIndex, { sources: corpusShape.sources });
  writeFileSync(join(articles, edited.name), edited.text);
  return dir;
}

/** An article the bench writes into a corpus, and the addresses that must show it once it is published. */
export interface WrittenArticle {
  readonly slug: string;
  /** Text only that version of the article has (its headline, or the edit's marker line). */
  readonly marker: string;
  /** Its page, and for a new article also /rss.xml and its source's RSS feed. */
  readonly paths: readonly string[];
}

/** Writes article `index` (the newest when `index` is the corpus size) with its sidecar's tags. */
export function addArticle(dir: string, index: number): WrittenArticle {
  const { name, text } = generateArticle(index, { sources: corpusShape.sources });
  writeFileSync(
    join(dir, 'articles', name.replace(/\.txt$/, '.yaml')),
    `tags: ${JSON.stringify(generatedTags(index, corpusShape.tags))}\n`,
  );
  writeFileSync(join(dir, 'articles', name), text);
  const slug = name.replace(/\.txt$/, '');
  return {
    slug,
    marker: `/articles/${slug}`,
    paths: [
      `/articles/${slug}`,
      '/rss.xml',
      sectionFeedPath('source', generatedHost(index % corpusShape.sources), 'rss'),
    ],
  };
}

/**
 * Writes `count` articles numbered from `from` (above the corpus size, so keptCorpus removes them), dated a year and
 * more ahead, a day apart: embargoes a desk has waiting, which no publish of the bench releases.
 */
export function addEmbargoedArticles(dir: string, from: number, count: number): void {
  for (let n = 0; n < count; n++) {
    const { name, text } = generateArticle(from + n, { sources: corpusShape.sources });
    const lines = text.split(/\r?\n/);
    // The wire copy's second line is its date: UTC, with its offset, so the site's time zone does not move it.
    lines[1] = `${new Date(Date.now() + (366 + n) * 86_400_000).toISOString().slice(0, 16).replace('T', ' ')} +00:00`;
    writeFileSync(
      join(dir, 'articles', name.replace(/\.txt$/, '.yaml')),
      `tags: ${JSON.stringify(generatedTags(from + n, corpusShape.tags))}\n`,
    );
    writeFileSync(join(dir, 'articles', name), lines.join('\n'));
  }
}

/** Rewrites story-000003 with a paragraph the desk added (`marker`), as an edit in place. */
export function editArticle(dir: string, marker: string): WrittenArticle {
  const { name, text } = generateArticle(editedIndex, { sources: corpusShape.sources });
  const lines = text.split(/\r?\n/);
  // The body's first paragraph gets the marker: a wire-copy trailer must stay last.
  lines.splice(2, 0, marker, '');
  writeFileSync(join(dir, 'articles', name), lines.join('\n'));
  const slug = name.replace(/\.txt$/, '');
  return { slug, marker, paths: [`/articles/${slug}`] };
}
