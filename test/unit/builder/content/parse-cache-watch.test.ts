import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  cache.save();
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
});
