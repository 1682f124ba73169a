import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { openParseCache } from '../../../../src/builder/content/parse-cache.ts';
import type { Article } from '../../../../src/model/article.ts';
import { contentWith } from '../../../support/content-folder.ts';

/** A parse cache that has kept `articles/a.txt` and `articles/b.txt` and saved its index (a first build). */
function firstBuild() {
  const content = contentWith();
  const cacheDir = join(content, '..', 'parse');
  const cache = openParseCache(cacheDir, 'base', content);
  for (const name of ['a', 'b']) {
    writeFileSync(join(content, 'articles', `${name}.txt`), `${name} as first written`);
    expect(cache.lookup(`articles/${name}.txt`, undefined)).toBeUndefined();
    const article = { slug: name, bodyText: `${name} body`, bodyHtml: `<p>${name} body</p>` } as unknown as Article;
    cache.keep(article, `articles/${name}.txt`, [], true);
  }
  cache.save(['articles/a.txt', 'articles/b.txt']);
  cache.close();
  return { content, cacheDir };
}

describe('the parse cache given a change list', () => {
  it('parses again exactly the files the list names, and checks every file without a list', () => {
    const { content, cacheDir } = firstBuild();
    writeFileSync(join(content, 'articles', 'a.txt'), 'a, edited by the desk');
    writeFileSync(join(content, 'articles', 'b.txt'), 'b, edited too');

    const watched = openParseCache(cacheDir, 'base', content);
    watched.trust(new Set(['articles/a.txt']));
    expect(watched.lookup('articles/a.txt', undefined)).toBeUndefined();
    expect(watched.lookup('articles/b.txt', undefined)?.article.bodyText).toBe('b body');
    watched.close();

    const checked = openParseCache(cacheDir, 'base', content);
    expect(checked.lookup('articles/a.txt', undefined)).toBeUndefined();
    expect(checked.lookup('articles/b.txt', undefined)).toBeUndefined();
    checked.close();
  });

  it('saves an index of exactly the files listed: the unchanged as they were, the edited and new as parsed', () => {
    const { content, cacheDir } = firstBuild();
    writeFileSync(join(content, 'articles', 'b.txt'), 'b, edited by the desk');
    writeFileSync(join(content, 'articles', 'c.txt'), 'c, new');
    const second = openParseCache(cacheDir, 'base', content);
    second.trust(new Set(['articles/b.txt', 'articles/c.txt']));
    expect(second.lookup('articles/a.txt', undefined)?.article.bodyText).toBe('a body');
    for (const name of ['b', 'c']) {
      expect(second.lookup(`articles/${name}.txt`, undefined)).toBeUndefined();
      const article = { slug: name, bodyText: `${name} body 2`, bodyHtml: `<p>${name}</p>` } as unknown as Article;
      second.keep(article, `articles/${name}.txt`, [], true);
    }
    second.save(['articles/a.txt', 'articles/b.txt', 'articles/c.txt']);
    second.close();
    expect(savedFiles(cacheDir)).toEqual(['articles/a.txt', 'articles/b.txt', 'articles/c.txt']);

    // a.txt deleted: the next build lists it no more, and its entry leaves the index.
    rmSync(join(content, 'articles', 'a.txt'));
    const third = openParseCache(cacheDir, 'base', content);
    third.trust(new Set(['articles/a.txt']));
    expect(third.lookup('articles/b.txt', undefined)?.article.bodyText).toBe('b body 2');
    expect(third.lookup('articles/c.txt', undefined)?.article.bodyText).toBe('c body 2');
    third.save(['articles/b.txt', 'articles/c.txt']);
    third.close();
    expect(savedFiles(cacheDir)).toEqual(['articles/b.txt', 'articles/c.txt']);
  });
});

/** The files the saved index holds an entry for, read from its shards. */
function savedFiles(cacheDir: string): string[] {
  const folder = join(cacheDir, 'index');
  const files: string[] = [];
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.bin'))) {
    const bytes = readFileSync(join(folder, name));
    const { entries } = deserialize(bytes.subarray(bytes.indexOf(0x0a) + 1)) as { entries: Map<string, unknown> };
    files.push(...entries.keys());
  }
  return files.sort();
}
