/** Keeps article bodies on disk during a build: the archive in memory is metadata, a body is read back when a renderer asks for it. */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { Article } from '../article.ts';
import { rememberArticleHash } from '../build/render-cache.ts';
import { nodeStrongEtag } from './node-etag.ts';

export interface BodySpill {
  /** The article with `bodyText` and `bodyHtml` as getters that read them back from the spill file. */
  spill(article: Article): Article;
  /** Closes and deletes the spill file (the build is written). */
  close(): void;
}

/** Bodies read back lately, kept for the next renderer (a page, its ninjs, its feed items are rendered close together). */
const recentLimit = 512;

/**
 * The spill file at `path` holds each article's UTF-8 body text and HTML back to back; 100,000 articles' bodies
 * are then about 1.3 GB on disk instead of in the heap (issue 16: peak RSS at 100,000 ≤ 1 GiB). Each article's
 * content hash (render-cache.ts) is taken from the whole article before its bodies leave memory.
 */
export function openBodySpill(path: string): BodySpill {
  const fd = openSync(path, 'w+');
  let end = 0;
  const recent = new Map<number, string>();
  const read = (offset: number, length: number): string => {
    const hit = recent.get(offset);
    if (hit !== undefined) return hit;
    const bytes = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) done += readSync(fd, bytes, done, length - done, offset + done);
    const text = bytes.toString('utf8');
    if (recent.size >= recentLimit) recent.delete(recent.keys().next().value as number);
    recent.set(offset, text);
    return text;
  };
  const write = (text: string): readonly [number, number] => {
    const bytes = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, end + done);
    const at = [end, bytes.length] as const;
    end += bytes.length;
    return at;
  };
  return {
    spill(article) {
      const hash = nodeStrongEtag(JSON.stringify(article));
      const { bodyText, bodyHtml, ...rest } = article;
      const [textAt, textLength] = write(bodyText);
      const [htmlAt, htmlLength] = write(bodyHtml);
      const lazy = rest as Article;
      // Enumerable, in the place they had: JSON.stringify and a spread still see the whole article.
      Object.defineProperty(lazy, 'bodyText', { enumerable: true, get: () => read(textAt, textLength) });
      Object.defineProperty(lazy, 'bodyHtml', { enumerable: true, get: () => read(htmlAt, htmlLength) });
      rememberArticleHash(lazy, hash);
      return lazy;
    },
    close() {
      closeSync(fd);
      rmSync(path, { force: true });
    },
  };
}
