// The body file (body-spill.ts) holds bodies back before writing them a few MiB at a time: every reader must still
// see every body written, this thread's lazy articles, another reader of the file (a build thread) told where a body
// is, and the next build that opens the file after this one closed it.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BodyAt, bodyLocation, openBodyFile } from '../../../../src/builder/content/body-spill.ts';
import type { Article } from '../../../../src/model/article.ts';

const dir = mkdtempSync(join(tmpdir(), 'wirefeed-bodies-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An article with bodies only, as the parse cache hands one to the body file. */
const article = (n: number, size = 100) =>
  ({ slug: `story-${n}`, bodyText: `text ${n} `.repeat(size), bodyHtml: `<p>html ${n}</p>`.repeat(size) }) as Article;

const fieldsOf = ({ bodyText: _, bodyHtml: __, ...rest }: Article) => rest;

describe('the body file', () => {
  it('reads back every body before and after they are on disk, in this process and from another reader', () => {
    const path = join(dir, 'bodies.bin');
    const file = openBodyFile(path, false);
    const written = Array.from({ length: 40 }, (_, n) => article(n));
    const lazy = written.map((source) => file.lazy(fieldsOf(source), file.write(source)));
    // Held back: far less than the flush size, so nothing is on disk yet.
    expect(statSync(path).size).toBe(0);
    expect(file.size).toBeGreaterThan(0);
    // A lazy article reads its body: held bytes are written first.
    expect(lazy[39]?.bodyText).toBe(written[39]?.bodyText);
    expect(statSync(path).size).toBe(file.size);
    // Written after that read, then told to a reader that opens the file itself (as a build thread does).
    const late = article(99);
    const lateLazy = file.lazy(fieldsOf(late), file.write(late));
    const place = bodyLocation(lateLazy);
    expect(place).toBeDefined();
    const other = openBodyFile(path, true);
    const read = (at: BodyAt) => other.lazy({ slug: 'copy' } as Article, { text: at, html: at }).bodyText;
    expect(read((place as { text: BodyAt }).text)).toBe(late.bodyText);
    expect(read((place as { html: BodyAt }).html)).toBe(late.bodyHtml);
    other.close();
    // Every body, in order, from this process.
    let checked = 0;
    for (const [n, source] of written.entries()) {
      expect(lazy[n]?.bodyText).toBe(source.bodyText);
      expect(lazy[n]?.bodyHtml).toBe(source.bodyHtml);
      checked++;
    }
    expect(checked).toBe(40);
    file.close();
  });

  it('puts every held body on disk when closed, and a file opened to append keeps them readable', () => {
    const path = join(dir, 'appended.bin');
    const first = openBodyFile(path, false);
    const before = article(1);
    const at = first.write(before);
    first.close();
    expect(statSync(path).size).toBe(first.size);
    const next = openBodyFile(path, true);
    const after = article(2, 300_000);
    // Over the flush size: written at once, whatever the next reader.
    const afterAt = next.write(after);
    expect(statSync(path).size).toBe(next.size);
    expect(next.lazy(fieldsOf(before), at).bodyHtml).toBe(before.bodyHtml);
    expect(next.lazy(fieldsOf(after), afterAt).bodyText).toBe(after.bodyText);
    next.close();
  });
});
