/**
 * `npx node bench/search-design.ts [--articles 10000] [--only bigram] [--zh-text file.txt]`: compares ways to
 * index Chinese and English in D1's FTS5 (wrangler's local D1, the SQLite the Worker gets) by what they find,
 * their size, build time and query time. docs/search.md quotes its output. Standalone: not an `npm run bench` section.
 *
 * Variants, each a contentless FTS5 table beside the same plain table of published text:
 * - bigram: src/shared/search-text.ts (CJK runs as overlapping bigrams) + unicode61, through the real
 *   applyIndexChanges / searchArticles;
 * - unigram: every CJK character its own token, a word a phrase of characters, + unicode61;
 * - trigram: FTS5's trigram tokenizer; a query under 3 characters falls back to LIKE over the plain table;
 * - unicode61: folded text as it is (a CJK run is one token).
 * Truth: a CJK query is in an article when the folded text contains it; an English one when a whole word is it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readD1Migrations } from '@cloudflare/vitest-plugin';
import { unstable_startWorker } from 'wrangler';
import { random } from '../scripts/generate-articles.ts';
import type { SearchRow } from '../src/model/search-row.ts';
import { foldForSearch, isCjkTerm, wordTokens } from '../src/shared/search-text.ts';
import { generateWireCopy } from './corpus.ts';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    only: { type: 'string', multiple: true },
    'zh-text': { type: 'string' },
  },
});
const articleCount = Number(values.articles);
const log = (line: string) => process.stderr.write(`search-design: ${line}\n`);

// ── The corpus: half English wire copy (bench/corpus.ts), half Chinese from a word list (or a real text). ──

interface Doc {
  readonly slug: string;
  readonly title: string;
  readonly body: string;
  readonly publishedMs: number;
}

function englishDoc(index: number): Doc {
  const lines = generateWireCopy(index + 1, 1500).text.split('\n');
  const trailer = lines.findIndex((line) => line.startsWith('Edit:'));
  return {
    slug: `en-${index}`,
    title: lines[0] ?? '',
    body: lines.slice(2, trailer).join('\n'),
    publishedMs: Date.UTC(2025, 0, 1) + index * 60_000,
  };
}

const zhWords = readFileSync(join(root, 'bench/fixtures/zh-words.tsv'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split('\t') as [string, string])
  .map(([word, frequency]) => ({ word, frequency: Number(frequency) }));
/** Running totals of the frequencies, for sampling a word by its frequency with a binary search. */
const zhCumulative = zhWords.reduce<number[]>((sums, entry) => {
  sums.push((sums.at(-1) ?? 0) + entry.frequency);
  return sums;
}, []);
const zhTotal = zhCumulative.at(-1) ?? 0;

function chineseDoc(index: number): Doc {
  const next = random(0xc1 + index * 104_729);
  const word = () => {
    const pick = next() * zhTotal;
    let [low, high] = [0, zhCumulative.length - 1];
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((zhCumulative[middle] ?? 0) < pick) low = middle + 1;
      else high = middle;
    }
    return zhWords[low]?.word ?? '';
  };
  const words = (count: number) => Array.from({ length: count }, word).join('');
  const sentences: string[] = [];
  for (let length = 0; length < 500; ) {
    const sentence = `${words(4 + Math.floor(next() * 8))}，${words(4 + Math.floor(next() * 8))}。`;
    sentences.push(sentence);
    length += sentence.length;
  }
  return {
    slug: `zh-${index}`,
    title: words(3 + Math.floor(next() * 3)),
    body: sentences.join(''),
    publishedMs: Date.UTC(2025, 0, 1) + index * 60_000,
  };
}

/** Articles of ~500 characters cut from a real Chinese text (`--zh-text`), at sentence ends. */
function chineseDocsFrom(file: string, count: number): Doc[] {
  const sentences = readFileSync(file, 'utf8')
    .replace(/\s+/g, '')
    .split(/(?<=[。！？])/u);
  const docs: Doc[] = [];
  let current = '';
  for (const sentence of sentences) {
    current += sentence;
    if (current.length < 500) continue;
    docs.push({ slug: `zh-${docs.length}`, title: current.slice(0, 12), body: current, publishedMs: docs.length });
    current = '';
    if (docs.length === count) break;
  }
  return docs;
}

// ── Queries and their truth. ──

function chooseQueries(docs: readonly Doc[]): { zh: Map<number, string[]>; zhCommon: string[]; en: string[] } {
  const next = random(2026);
  const zh = new Map<number, string[]>();
  const wanted: Record<number, number> = { 1: 10, 2: 20, 3: 10, 4: 10 };
  // Mid-frequency words (ranks 100 to 3,000), not the particles every article holds.
  const pool = zhWords.slice(100, 3000).map((entry) => entry.word);
  for (let tries = 0; tries < 20_000; tries++) {
    const word = pool[Math.floor(next() * pool.length)] ?? '';
    const list = zh.get(word.length) ?? [];
    if (list.length < (wanted[word.length] ?? 0) && !list.includes(word)) list.push(word);
    zh.set(word.length, list);
  }
  // English: words of the corpus that are inside longer words of it (where a substring index over-finds), and others.
  const vocabulary = new Set<string>();
  for (const doc of docs.filter((each) => each.slug.startsWith('en-')).slice(0, 300))
    for (const token of wordTokens(foldForSearch(`${doc.title} ${doc.body}`))) vocabulary.add(token[0]);
  const words = [...vocabulary].filter((word) => word.length >= 3 && !/^\d/.test(word)).sort();
  const inside = words.filter((word) => words.some((other) => other !== word && other.includes(word)));
  const alone = words.filter((word) => !inside.includes(word));
  const pick = (list: readonly string[], count: number) =>
    Array.from({ length: count }, (_, index) => list[Math.floor((index * list.length) / count)] ?? '');
  // The most frequent two-character words, whose characters are in nearly every article (我们, 中国, 一个…).
  const zhCommon = zhWords
    .filter((entry) => entry.word.length === 2)
    .slice(0, 10)
    .map((entry) => entry.word);
  return { zh, zhCommon, en: [...pick(inside, 15), ...pick(alone, 15)] };
}

function truth(docs: readonly Doc[], folded: readonly string[], words: readonly Set<string>[], term: string) {
  const slugs = new Set<string>();
  docs.forEach((doc, index) => {
    if (isCjkTerm(term) ? folded[index]?.includes(term) : words[index]?.has(term)) slugs.add(doc.slug);
  });
  return slugs;
}

// ── Run. ──

const variantNames = ['bigram', 'unigram', 'trigram', 'unicode61'];
const plainTable = `CREATE TABLE search_articles (id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
  summary TEXT NOT NULL, body TEXT NOT NULL, release_ms INTEGER NOT NULL, published_ms INTEGER NOT NULL) STRICT`;

const toRow = (doc: Doc): SearchRow => ({
  slug: doc.slug,
  title: doc.title,
  summary: doc.body.slice(0, 100),
  body: doc.body,
  keywords: [],
  releaseMs: doc.publishedMs,
  publishedMs: doc.publishedMs,
});

const median = (list: readonly number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const half = Math.floor(articleCount / 2);
  const zhText = values['zh-text'];
  const docs = [
    ...Array.from({ length: half }, (_, index) => englishDoc(index)),
    ...(zhText
      ? chineseDocsFrom(zhText, articleCount - half)
      : Array.from({ length: articleCount - half }, (_, index) => chineseDoc(index))),
  ];
  log(`${docs.length} articles (${half} English, ${docs.length - half} Chinese${zhText ? ` from ${zhText}` : ''})`);
  const folded = docs.map((doc) => foldForSearch(`${doc.title}\n${doc.body}`));
  const words = folded.map((text) => new Set(Array.from(wordTokens(text), (token) => token[0])));
  const queries = chooseQueries(docs);
  const classes: [string, string[]][] = [
    ...[1, 2, 3, 4].map((length): [string, string[]] => [`zh ${length}`, queries.zh.get(length) ?? []]),
    ['zh 2 common', queries.zhCommon],
    ['en inside', queries.en.slice(0, 15)],
    ['en alone', queries.en.slice(15)],
  ];
  const truths = new Map(classes.flatMap(([, terms]) => terms.map((term) => [term, truth(docs, folded, words, term)])));

  const chosen = variantNames.filter((name) => !values.only || values.only.includes(name));
  const dir = mkdtempSync(join(tmpdir(), 'search-design-'));
  const databases = chosen.map(
    (name) =>
      `[[d1_databases]]\nbinding = "${name.toUpperCase()}"\ndatabase_name = "${name}"\ndatabase_id = "${name}"\n`,
  );
  writeFileSync(
    join(dir, 'wrangler.toml'),
    `name = "search-design"\nmain = "${join(root, 'bench/search-design-worker.ts')}"\ncompatibility_date = "2026-11-01"\n\n${databases.join('\n')}`,
  );
  const worker = await unstable_startWorker({
    config: join(dir, 'wrangler.toml'),
    dev: { persist: join(dir, 'state'), server: { port: 0 }, inspector: false, watch: false },
  });
  await worker.ready;
  const call = async (path: string, body?: unknown) => {
    const response = await worker.fetch(
      `http://bench${path}`,
      body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) },
    );
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const [migration] = await readD1Migrations(join(root, 'migrations/search'));
  const report: string[] = [];
  const noop: number[] = [];
  const searches: string[] = [];
  const updates: string[] = [];
  for (let round = 0; round < 50; round++) {
    const before = performance.now();
    await call('/noop');
    noop.push(performance.now() - before);
  }
  try {
    for (const name of chosen) {
      await call(`/setup?variant=${name}`, name === 'bigram' ? (migration?.queries ?? []) : [plainTable]);
      const started = performance.now();
      for (let at = 0; at < docs.length; at += 200)
        await call(`/load?variant=${name}`, docs.slice(at, at + 200).map(toRow));
      const loadMs = performance.now() - started;
      const size = (await call(`/size?variant=${name}`)) as { database: number; index: number };
      if (name === 'bigram') {
        // A publish's +1: one new article, then the same one edited (an upsert over its row).
        const extra = { ...toRow(chineseDoc(docs.length)), slug: 'plus-one' };
        const ms: number[] = [];
        for (let round = 0; round < 5; round++)
          ms.push(
            ((await call('/load?variant=bigram', [{ ...extra, title: `${extra.title}${round}` }])) as { ms: number })
              .ms,
          );
        updates.push(
          `+1 article: ${ms.map((each) => each.toFixed(0)).join(', ')} ms (the first an insert, then upserts)`,
        );
      }
      log(
        `${name}: loaded in ${(loadMs / 1000).toFixed(1)} s, database ${mib(size.database)}, index ${mib(size.index)}`,
      );
      const row = [name, `${(loadMs / 1000).toFixed(1)} s`, mib(size.database), mib(size.index)];
      for (const [, terms] of classes) {
        let [hit, expected, returned] = [0, 0, 0];
        const times: number[] = [];
        const whole: number[] = [];
        for (const term of terms) {
          const want = truths.get(term) ?? new Set<string>();
          const got = (await call(`/found?variant=${name}&q=${encodeURIComponent(term)}`)) as string[];
          hit += got.filter((slug) => want.has(slug)).length;
          expected += want.size;
          returned += got.length;
          for (let round = 0; round < 5; round++) {
            times.push(((await call(`/page?variant=${name}&q=${encodeURIComponent(term)}`)) as { ms: number }).ms);
            if (name !== 'bigram') continue;
            const before = performance.now();
            await call(`/search?variant=${name}&q=${encodeURIComponent(term)}`);
            whole.push(performance.now() - before);
          }
        }
        row.push(
          `${percent(expected ? hit / expected : 1)} / ${percent(returned ? hit / returned : 1)} / ${median(times).toFixed(1)} ms`,
        );
        if (whole.length > 0) searches.push(`${median(whole).toFixed(1)} ms`);
      }
      report.push(`| ${row.join(' | ')} |`);
    }
  } finally {
    await worker.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `${docs.length} articles; each query class: recall / precision / median ms of D1 for one page (20 ranked + total)\n`,
  );
  console.log(`| variant | load | database | FTS5 index | ${classes.map(([label]) => label).join(' | ')} |`);
  console.log(`|---|---|---|---|${classes.map(() => '---|').join('')}`);
  for (const line of report) console.log(line);
  for (const line of updates) console.log(`\nbigram, ${line}`);
  if (searches.length > 0)
    console.log(
      `\nbigram, searchArticles whole (3 statements, snippets) through wrangler's dev server, per class: ${searches.join(', ')}; an empty request: ${median(noop).toFixed(1)} ms`,
    );
}

await main();
