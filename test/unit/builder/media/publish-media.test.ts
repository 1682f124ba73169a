/** The build publishes pictures: checked, resized, cropped, stripped of EXIF, content-hashed, and never encoded twice. */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../../../src/builder/content/load-content.ts';
import { defaultRenditionSettings } from '../../../../src/builder/media/render-image.ts';
import type { Article } from '../../../../src/model/article.ts';
import { contentErrorOf, contentWith } from '../../../support/content-folder.ts';
import { processTimeout } from '../../../support/timeouts.ts';

const fixtures = fileURLToPath(new URL('../../../fixtures/media', import.meta.url));
let dir = '';
let cacheDir = '';

beforeEach(async () => {
  dir = dirname(contentWith());
  cacheDir = join(dir, 'cache');
  await mkdir(join(dir, 'content/articles/pics'), { recursive: true });
});

const content = (path = '') => join(dir, 'content', path);

async function picture(name: string, as = `articles/pics/${name}`): Promise<void> {
  await copyFile(join(fixtures, name), content(as));
}

async function article(name: string, frontMatter: string, body = 'The text.'): Promise<void> {
  await writeFile(
    content(`articles/${name}.md`),
    `---\ntitle: ${name}\ndate: 2025-07-16\n${frontMatter}---\n\n${body}\n`,
  );
}

const load = (settings = defaultRenditionSettings) =>
  loadContent(content(), { baseUrl: 'https://news.example', media: { cacheDir, settings } });

function bySlug(articles: readonly Article[], slug: string): Article {
  const found = articles.find((item) => item.slug === slug);
  if (!found) throw new Error(`no article ${slug}`);
  return found;
}

/** Problems as `file-from-content:line: message`, with the temporary folder cut off. */
async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await contentErrorOf(promise);
  return error.problems.map(
    (problem) => `${problem.file.slice(problem.file.indexOf('articles/'))}:${problem.line}: ${problem.message}`,
  );
}

const lead =
  'image:\n  src: pics/lead.jpg\n  alt: A field under a summer sky\n  caption: The forum opened.\n  credit: Photo by Li Ming / Xinhua\n  copyright: © Xinhua 2025\n';

describe('a local lead picture', { timeout: processTimeout }, () => {
  it('is published with its real size, srcset widths up to the original and the three 1200 px crops', async () => {
    await picture('lead.jpg');
    await article('forum', lead);
    const { articles, media } = await load();
    const image = bySlug(articles, 'forum').image;
    expect(image).toMatchObject({
      width: 1600,
      height: 1200,
      type: 'image/jpeg',
      alt: 'A field under a summer sky',
      caption: 'The forum opened.',
      credit: 'Photo by Li Ming / Xinhua',
      copyright: '© Xinhua 2025',
    });
    expect(image?.srcset.map(({ width, height }) => [width, height])).toEqual([
      [320, 240],
      [640, 480],
      [960, 720],
      [1280, 960],
      [1600, 1200],
    ]);
    expect(image?.crops.map(({ ratio, width, height }) => [ratio, width, height])).toEqual([
      ['16:9', 1200, 675],
      ['4:3', 1200, 900],
      ['1:1', 1200, 1200],
    ]);
    expect(media.files).toHaveLength(8);
    expect(media.encoded).toBe(1);
  });

  it('names every file by the hash of its bytes, which are the size and format stated, with no EXIF or GPS left', async () => {
    await picture('lead.jpg');
    await article('forum', lead);
    expect((await sharp(join(fixtures, 'lead.jpg')).metadata()).exif).toBeDefined();
    const { articles, media } = await load();
    const image = bySlug(articles, 'forum').image;
    let checked = 0;
    for (const rendition of [...(image?.srcset ?? []), ...(image?.crops ?? [])]) {
      const file = media.files.find((candidate) => `/${candidate.path}` === rendition.path);
      if (!file) throw new Error(`${rendition.path} is not published`);
      const bytes = await readFile(file.source);
      expect(rendition.path).toBe(
        `/media/${createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64url')}.jpg`,
      );
      expect(bytes.byteLength).toBe(rendition.length);
      const metadata = await sharp(bytes).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', rendition.width, rendition.height]);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      checked++;
    }
    expect(checked).toBe(8);
  });

  it('is turned upright by its EXIF orientation; a small one gets no wider renditions and no crops', async () => {
    await picture('rotated.jpg');
    await picture('small.png');
    await article('upright', 'image: { src: pics/rotated.jpg, alt: A red bar }\n');
    await article('small', 'image: { src: pics/small.png, alt: A blue square }\n');
    const { articles } = await load();
    const upright = bySlug(articles, 'upright').image;
    expect([upright?.width, upright?.height]).toEqual([20, 40]);
    const small = bySlug(articles, 'small').image;
    expect(small).toMatchObject({ width: 40, height: 30, type: 'image/png', crops: [] });
    expect(small?.srcset.map((rendition) => rendition.width)).toEqual([40]);
  });

  it('may sit anywhere under content/, and a picture next to the articles is not mistaken for one', async () => {
    await mkdir(content('media-library'), { recursive: true });
    await picture('small.png', 'media-library/small.png');
    await picture('lead.jpg', 'articles/unused.jpg');
    await article('shared', 'image: { src: ../media-library/small.png, alt: A blue square }\n');
    const { articles } = await load();
    expect(bySlug(articles, 'shared').image?.width).toBe(40);
  });

  it('keeps an https picture as its URL, fetching nothing', async () => {
    await article(
      'remote',
      'image: { src: "https://img.example.com/a.jpg", alt: A harbour, width: 1600, height: 900 }\n',
    );
    const { articles, media } = await load();
    expect(bySlug(articles, 'remote').image).toEqual({
      url: 'https://img.example.com/a.jpg',
      width: 1600,
      height: 900,
      alt: 'A harbour',
      srcset: [],
      crops: [],
    });
    expect(media.files).toEqual([]);
  });
});

describe('a wire copy sidecar', { timeout: processTimeout }, () => {
  const wire = 'Ministers meet\n2025-07-16\nThe talks began.\nSource:www.news.cn\n';

  it('gives the agency copy its lead picture, with its credit, without touching the text', async () => {
    await picture('small.png');
    await writeFile(content('articles/talks.txt'), wire);
    await writeFile(
      content('articles/talks.yaml'),
      'image:\n  src: pics/small.png\n  alt: A blue square\n  credit: Photo by Li Ming / Xinhua\n',
    );
    const { articles } = await load();
    const talks = bySlug(articles, 'talks');
    expect(talks.image).toMatchObject({
      width: 40,
      height: 30,
      alt: 'A blue square',
      credit: 'Photo by Li Ming / Xinhua',
    });
    expect(talks.bodyText).toBe('The talks began.');
  });

  it('names the sidecar and its line when the picture is bad', async () => {
    await picture('png-named.jpg');
    await writeFile(content('articles/talks.txt'), wire);
    await writeFile(content('articles/talks.yaml'), 'summary: Talks.\nimage:\n  src: pics/png-named.jpg\n  alt: x\n');
    expect(await problemsOf(load())).toEqual([
      expect.stringMatching(
        /^articles\/talks\.yaml:3: image "pics\/png-named\.jpg" is named \.jpg but its bytes are PNG/,
      ),
    ]);
  });
});

describe('body images', { timeout: processTimeout }, () => {
  it('are published and rewritten to their absolute URL with their real size', async () => {
    await picture('rotated.jpg');
    await article('body', '', 'Look:\n\n![A red bar](pics/rotated.jpg)');
    const { articles, media } = await load();
    expect(media.files).toHaveLength(1);
    expect(bySlug(articles, 'body').bodyHtml).toBe(
      `<p>Look:</p>\n<p><img src="https://news.example/${media.files[0]?.path}" width="20" height="40" alt="A red bar"></p>`,
    );
  });
});

describe('the rendition cache', { timeout: processTimeout }, () => {
  it('never encodes an unchanged picture twice across builds, and encodes again when the bytes or settings change', async () => {
    await picture('lead.jpg');
    await picture('small.png');
    await article('forum', lead);
    await article('small', 'image: { src: pics/small.png, alt: A blue square }\n');
    await article('also-forum', lead);
    const first = await load();
    expect(first.media.encoded).toBe(2);
    const again = await load();
    expect(again.media.encoded).toBe(0);
    expect(again.articles).toEqual(first.articles);
    const edited = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c93' } })
      .png()
      .toBuffer();
    await writeFile(content('articles/pics/small.png'), edited);
    expect((await load()).media.encoded).toBe(1);
    expect((await load({ ...defaultRenditionSettings, quality: 60 })).media.encoded).toBe(2);
  });
});

describe('bad pictures', { timeout: processTimeout }, () => {
  it('are each a build problem naming the article file and line, all reported at once', async () => {
    for (const name of ['png-named.jpg', 'not-an-image.jpg', 'truncated.jpg', 'bomb.png', 'drawing.svg', 'small.png'])
      await picture(name);
    await symlink('/etc/hostname', content('articles/pics/escape.png'));
    await article('bad-lead', 'image:\n  src: pics/png-named.jpg\n  alt: x\n');
    await article(
      'bad-body',
      '',
      [
        '![a](pics/not-an-image.jpg)',
        '![b](pics/truncated.jpg)',
        '![c](pics/bomb.png)',
        '![d](pics/drawing.svg)',
        '![](pics/small.png)',
        '![e](pics/missing.png)',
        '![f](../../outside.png)',
        '![g](pics/escape.png)',
      ].join('\n\n'),
    );
    await article('remote-http', 'image: { src: "http://img.example.com/a.jpg", alt: x }\n');
    await article('no-alt', 'image: { src: pics/small.png }\n');
    const problems = await problemsOf(load());
    expect(problems).toEqual([
      expect.stringMatching(/^articles\/bad-body\.md:6: image "pics\/not-an-image\.jpg" is not an image/),
      expect.stringMatching(
        /^articles\/bad-body\.md:8: image "pics\/truncated\.jpg" cannot be read as an image: .*premature end/,
      ),
      expect.stringMatching(
        /^articles\/bad-body\.md:10: image "pics\/bomb\.png" is 40000 x 40000 pixels, more than the 50,000,000/,
      ),
      expect.stringMatching(
        /^articles\/bad-body\.md:12: body image "pics\/drawing\.svg" is an SVG, which can carry script/,
      ),
      expect.stringMatching(/^articles\/bad-body\.md:14: body image "pics\/small\.png" needs alt text/),
      expect.stringMatching(
        /^articles\/bad-body\.md:16: image "pics\/missing\.png" is missing: there is no file content\/articles\/pics\/missing\.png/,
      ),
      expect.stringMatching(
        /^articles\/bad-body\.md:18: image "\.\.\/\.\.\/outside\.png" is outside the content folder/,
      ),
      expect.stringMatching(/^articles\/bad-body\.md:20: image "pics\/escape\.png" is outside the content folder/),
      expect.stringMatching(
        /^articles\/bad-lead\.md:5: image "pics\/png-named\.jpg" is named \.jpg but its bytes are PNG: rename it to \.png/,
      ),
      expect.stringMatching(/^articles\/no-alt\.md:4: image needs alt/),
      expect.stringMatching(/^articles\/remote-http\.md:4: "http:\/\/img\.example\.com\/a\.jpg" is an http: URL/),
    ]);
  });
});
